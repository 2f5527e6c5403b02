#include "core/messages.hpp"

#include <algorithm>
#include <array>

namespace satupintu {

namespace {
struct Entry {
    std::string_view key, id, en;
};

// Sorted by key (checked by messages_test).
constexpr std::array kCatalog = {
    Entry{"alert.breach_wave",
          "Gelombang pelanggaran SLA di {opd}: {new} pengaduan baru melewati batas waktu hari ini ({open} terbuka "
          "melewati batas).",
          "A wave of SLA breaches at {opd}: {new} complaints passed their deadline today ({open} open past it)."},
    Entry{"alert.complaint_spike",
          "Lonjakan pengaduan di Kecamatan {kecamatan}: {today} hari ini, rata-rata empat minggu {average} per hari.",
          "A spike of complaints in Kecamatan {kecamatan}: {today} today, against a four-week average of {average} a "
          "day."},
    Entry{"alert.payments_stopped",
          "Pembayaran berhenti: tidak ada pembayaran masuk selama {hours} jam pada jam kerja ({week} pembayaran dalam "
          "tujuh hari terakhir). Periksa kanal bank.",
          "Payments stopped: none came in for {hours} hours in office hours ({week} payments in the past seven days). "
          "Check the bank channel."},
    Entry{"error.bad_credentials", "Email/telepon atau kata sandi salah.", "Wrong email/phone or password."},
    Entry{"error.conflict", "Data sudah ada.", "This already exists."},
    Entry{"error.csrf_token_invalid", "Token keamanan formulir tidak valid. Muat ulang halaman.",
          "The form's security token is invalid. Reload the page."},
    Entry{"error.field_invalid", "Isian ini tidak valid.", "This field is not valid."},
    Entry{"error.forbidden", "Anda tidak berwenang melakukan ini.", "You are not allowed to do this."},
    Entry{"error.headers_too_large", "Header permintaan terlalu besar.", "Request headers are too large."},
    Entry{"error.idempotency_in_progress", "Permintaan pertama dengan kunci ini belum selesai. Coba lagi sebentar.",
          "The first request with this key has not finished yet. Try again shortly."},
    Entry{"error.idempotency_key_reused", "Kunci Idempotency-Key ini sudah dipakai untuk permintaan lain.",
          "This Idempotency-Key was already used for another request."},
    Entry{"error.internal", "Terjadi kesalahan pada server.", "Something went wrong on the server."},
    Entry{"error.invalid_input", "Data yang dikirim tidak valid.", "The data sent is not valid."},
    Entry{"error.invalid_utf8", "Teks harus berenkode UTF-8.", "Text must be UTF-8 encoded."},
    Entry{"error.malformed_json", "Isi permintaan bukan JSON yang valid.", "The request body is not valid JSON."},
    Entry{"error.method_not_allowed", "Metode tidak diizinkan untuk alamat ini.", "This method is not allowed here."},
    Entry{"error.not_found", "Tidak ditemukan.", "Not found."},
    Entry{"error.payload_too_large", "Isi permintaan terlalu besar.", "The request body is too large."},
    Entry{"error.rate_limited", "Terlalu banyak permintaan. Coba lagi nanti.", "Too many requests. Try again later."},
    Entry{"error.too_deep", "JSON bersarang terlalu dalam.", "The JSON is nested too deeply."},
    Entry{"error.unauthenticated", "Silakan masuk terlebih dahulu.", "Please log in first."},
    Entry{"error.unavailable", "Layanan sedang tidak tersedia.", "The service is unavailable."},
    Entry{"error.unsupported_media_type", "Jenis konten tidak didukung.", "Unsupported content type."},
    Entry{"error.writes_halted",
          "Layanan sedang tidak dapat menyimpan data. Petugas teknis sudah diberi tahu; coba lagi nanti.",
          "The service cannot save data at the moment. The technical staff have been told; try again later."},
    Entry{"input.action", "Langkah ini tidak tersedia untuk kasus ini sekarang.",
          "This step is not available for this case now."},
    Entry{"input.area_needed", "Pilih kecamatan atau tandai titiknya di peta.",
          "Choose the kecamatan or mark the point on the map."},
    Entry{"input.assignee", "Pilih petugas dari OPD yang menangani kasus ini.",
          "Choose an officer of the OPD handling this case."},
    Entry{"input.attribute_invalid", "Jawaban untuk \u201c{label}\u201d tidak valid.",
          "The answer to \u201c{label}\u201d is not valid."},
    Entry{"input.attribute_required", "Pertanyaan \u201c{label}\u201d wajib dijawab.",
          "The question \u201c{label}\u201d needs an answer."},
    Entry{"input.attribute_unknown", "Pertanyaan ini tidak ada pada kategori yang dipilih.",
          "The chosen category has no such question."},
    Entry{"input.attributes_object", "Jawaban pertanyaan kategori tidak valid.",
          "The answers to the category's questions are not valid."},
    Entry{"input.boolean", "Isian ini harus ya atau tidak (true/false).", "This must be yes or no (true/false)."},
    Entry{"input.bulk_numbers", "Pilih 1 sampai 100 nomor laporan.", "Choose from 1 to 100 report numbers."},
    Entry{"input.case_closed", "Laporan ini sudah selesai; tidak bisa diikuti lagi.",
          "This report is closed; it can no longer be followed."},
    Entry{"input.category_unknown", "Kategori ini tidak ada.", "There is no such category."},
    Entry{"input.class", "Pilih jenis laporan: aspirasi, pengaduan atau permintaan informasi.",
          "Choose the kind of report: aspiration, complaint or request for information."},
    Entry{"input.code_channel", "Pilih SMS atau WhatsApp untuk menerima kode.",
          "Choose SMS or WhatsApp to receive the code."},
    Entry{"input.code_shape", "Kode terdiri atas 6 angka.", "The code has 6 digits."},
    Entry{"input.code_wrong", "Kode salah atau sudah kedaluwarsa. Periksa pesan terakhir, atau minta kode baru.",
          "The code is wrong or has expired. Check the latest message, or ask for a new code."},
    Entry{"input.contact_required", "Isi email atau nomor telepon.", "Enter an email address or a phone number."},
    Entry{"input.control_chars", "Teks ini mengandung karakter kontrol; ketik ulang tanpa menempelkannya.",
          "This text contains control characters; type it again instead of pasting it."},
    Entry{"input.data_request_kind", "Pilih jenis permintaan: akses, koreksi, pembatasan, penghapusan atau keberatan.",
          "Choose the kind of request: access, correction, restriction, erasure or objection."},
    Entry{"input.date", "Tanggal tidak valid (TTTT-BB-HH).", "Not a valid date (YYYY-MM-DD)."},
    Entry{"input.day_kind", "Pilih jenis hari: libur nasional, cuti bersama, libur daerah atau hari kerja.",
          "Choose the kind of day: national holiday, collective leave, regional holiday or working day."},
    Entry{"input.desa_unknown", "Desa/kelurahan ini tidak ada di kecamatan yang dipilih.",
          "This desa is not in the chosen kecamatan."},
    Entry{"input.document_id", "{label}: unggah berkasnya lagi.", "{label}: upload the file again."},
    Entry{"input.document_required", "{label} wajib diunggah.", "{label} must be uploaded."},
    Entry{"input.document_unknown", "Dokumen tidak dikenal: {name}.", "Unknown document: {name}."},
    Entry{"input.email", "Alamat email tidak valid (contoh: nama@contoh.id).",
          "Not an email address (for example name@example.id)."},
    Entry{"input.email_or_phone",
          "Isi alamat email (tautan konfirmasi dikirim ke sana) atau nomor HP (kode dikirim lewat SMS atau WhatsApp).",
          "Enter an email address (the confirmation link is sent there) or a phone number (a code is sent by SMS or "
          "WhatsApp)."},
    Entry{"input.emblem_png", "Lambang daerah harus berupa berkas PNG yang utuh (paling besar 256 KB).",
          "The emblem must be a whole PNG file (at most 256 KB)."},
    Entry{"input.form_area_unknown", "{label}: kecamatan atau desa tidak ada di daerah ini.",
          "{label}: the kecamatan or desa is not in this region."},
    Entry{"input.form_before", "{label} tidak boleh sebelum {other}.", "{label} cannot be before {other}."},
    Entry{"input.form_date", "{label}: tanggal tidak valid.", "{label}: not a valid date."},
    Entry{"input.form_file", "{label}: berkas unggahan tidak dikenal.", "{label}: unknown upload."},
    Entry{"input.form_integer", "{label}: isi dengan bilangan bulat.", "{label}: enter a whole number."},
    Entry{"input.form_item_object", "{label}: setiap isian berupa objek.", "{label}: every entry is an object."},
    Entry{"input.form_list", "{label}: isi berupa daftar.", "{label}: enter a list."},
    Entry{"input.form_location", "{label}: pilih kecamatan (dan desa).", "{label}: choose the kecamatan (and desa)."},
    Entry{"input.form_max_chars", "{label}: paling banyak {max} karakter.", "{label}: at most {max} characters."},
    Entry{"input.form_max_items", "{label}: paling banyak {max} isian.", "{label}: at most {max} entries."},
    Entry{"input.form_nik", "{label}: NIK tidak valid (16 angka sesuai KTP).",
          "{label}: not a valid NIK (16 digits as on the identity card)."},
    Entry{"input.form_option", "{label}: pilih salah satu pilihan yang ada.", "{label}: choose one of the options."},
    Entry{"input.form_range", "{label}: di luar batas yang diizinkan.", "{label}: outside the allowed range."},
    Entry{"input.form_required", "{label} wajib diisi.", "{label} is required."},
    Entry{"input.form_text", "{label}: isi berupa teks.", "{label}: enter text."},
    Entry{"input.form_unknown", "Isian tidak dikenal: {name}.", "Unknown field: {name}."},
    Entry{"input.guest_not_allowed", "Kategori ini hanya menerima laporan dari akun terdaftar. Masuk atau daftar dulu.",
          "This category takes reports only from registered accounts. Sign in or sign up first."},
    Entry{"input.guest_photos", "Foto hanya bisa dilampirkan setelah masuk. Kirim laporan tanpa foto, atau masuk dulu.",
          "Photos can be attached only when signed in. Send the report without photos, or sign in first."},
    Entry{
        "input.guest_reporter",
        "Isi nama dan nomor HP Anda (kode dikirim ke sana), atau kirim sebagai laporan anonim dan rahasia.",
        "Enter your name and phone number (a code is sent there), or send it as an anonymous and confidential report."},
    Entry{"input.ikm", "Jawab setiap unsur survei (U1 sampai U9) dengan nilai 1 sampai 4.",
          "Answer each survey element (U1 to U9) with a value from 1 to 4."},
    Entry{"input.kecamatan_unknown", "Kecamatan ini tidak ada di daerah ini.", "This kecamatan is not in the region."},
    Entry{"input.limit", "Jumlah baris dari 1 sampai 1000.", "A number of rows from 1 to 1000."},
    Entry{"input.location_needed", "Pilih kecamatan, tandai titik di peta, atau tulis alamatnya.",
          "Choose the kecamatan, mark the point on the map, or write the address."},
    Entry{"input.media_url", "Tautan media harus berupa alamat http(s).", "The media link must be an http(s) address."},
    Entry{"input.merge_target", "Pilih nomor laporan lain yang masih terbuka.",
          "Choose the number of another report that is still open."},
    Entry{"input.name", "Isi nama (paling banyak 200 karakter).", "Enter a name (at most 200 characters)."},
    Entry{"input.nik_birth", "Tanggal lahir pada NIK ini tidak mungkin. Periksa angka ke-7 sampai ke-12.",
          "The birth date in this NIK is impossible. Check digits 7 to 12."},
    Entry{"input.nik_digits", "NIK terdiri dari 16 angka, seperti tertulis di KTP.",
          "A NIK has 16 digits, as printed on the identity card."},
    Entry{"input.nik_region", "Kode wilayah pada NIK ini tidak ada. Periksa enam angka pertamanya.",
          "The region code of this NIK does not exist. Check its first six digits."},
    Entry{"input.nik_serial", "Nomor urut NIK (empat angka terakhir) tidak boleh 0000.",
          "The NIK's serial (its last four digits) cannot be 0000."},
    Entry{"input.not_utf8", "Teks ini mengandung karakter yang tidak dikenal.",
          "This text contains characters that are not valid."},
    Entry{"input.note_long", "Catatan paling banyak 4.000 karakter.", "A note has at most 4,000 characters."},
    Entry{"input.notice", "Baca dan setujui pemberitahuan privasi terlebih dahulu.",
          "Read and accept the privacy notice first."},
    Entry{"input.object", "Isian ini harus berupa daftar isian (objek JSON).",
          "This must be a set of fields (a JSON object)."},
    Entry{"input.opd_required", "Peran ini harus memilih OPD.", "This role needs an OPD."},
    Entry{"input.opd_same", "Kasus ini sudah berada di OPD tersebut. Pilih OPD lain.",
          "The case is already at that OPD. Choose another."},
    Entry{"input.opd_unknown", "OPD ini tidak ada di daerah ini.", "There is no such OPD in this region."},
    Entry{"input.page", "Nomor halaman dari 1 sampai 1000.", "A page number from 1 to 1000."},
    Entry{"input.password_long", "Kata sandi terlalu panjang.", "The password is too long."},
    Entry{"input.password_short", "Kata sandi paling sedikit {min} karakter.",
          "A password has at least {min} characters."},
    Entry{"input.permit_action", "Tahap ini hanya dapat disetujui, dikembalikan, atau ditolak sesuai ketentuannya.",
          "This step can only be approved, returned or rejected as its rules allow."},
    Entry{"input.phone_digits", "Nomor telepon hanya berisi angka (boleh dengan spasi, tanda - atau +).",
          "A phone number has digits only (spaces, - or + allowed)."},
    Entry{"input.phone_id", "Nomor telepon Indonesia diawali 08 atau +62, 10 sampai 15 angka.",
          "An Indonesian phone number starts with 08 or +62 and has 10 to 15 digits."},
    Entry{"input.point_needed", "Tandai titiknya di peta atau gunakan lokasi Anda.",
          "Mark the point on the map or use your location."},
    Entry{"input.point_outside", "Titik ini berada di luar wilayah daerah ini. Pilih titik di dalam peta.",
          "This point is outside the region. Choose a point on its map."},
    Entry{"input.point_pair", "Garis lintang dan bujur harus diisi keduanya.", "Latitude and longitude go together."},
    Entry{"input.point_range", "Titik lokasi tidak valid.", "The point is not valid."},
    Entry{"input.price_or_njop", "Isi harga transaksi, NJOP, atau keduanya.",
          "Enter the transaction price, the NJOP, or both."},
    Entry{"input.proof_needed", "Kategori ini meminta foto bukti perbaikan.",
          "This category asks for a photo proving the fix."},
    Entry{"input.rahasia_not_allowed", "Kategori ini tidak menerima laporan rahasia.",
          "This category does not take confidential reports."},
    Entry{"input.rating", "Beri nilai 1 sampai 5.", "Give a rating from 1 to 5."},
    Entry{"input.reason_choice", "Pilih salah satu alasan yang tersedia.", "Choose one of the reasons offered."},
    Entry{"input.required", "Wajib diisi.", "Required."},
    Entry{"input.role", "Peran tidak dikenal.", "Unknown role."},
    Entry{"input.rupiah", "Isi dengan rupiah, angka bulat tanpa titik.", "Enter whole rupiah, digits only."},
    Entry{"input.service.attribute_code", "Kode pertanyaan harus unik: huruf kecil, angka, dan garis bawah.",
          "Question codes are unique: lower-case letters, digits and underscores."},
    Entry{"input.service.attribute_object", "Setiap pertanyaan harus berupa objek.",
          "Each question must be an object."},
    Entry{"input.service.attribute_order", "Urutan pertanyaan harus unik dan positif.",
          "Question orders are unique and positive."},
    Entry{"input.service.attribute_type", "Jenis pertanyaan \"{type}\" tidak dikenal.",
          "Unknown question type \"{type}\"."},
    Entry{"input.service.attribute_values",
          "Hanya pertanyaan pilihan yang punya daftar pilihan, dan setiap pertanyaan pilihan memilikinya.",
          "Only choice questions have values, and every choice question has them."},
    Entry{"input.service.code",
          "Kode layanan 2 sampai 40 karakter: huruf besar, angka, tanda hubung, atau garis bawah.",
          "A service code has 2 to 40 characters: capitals, digits, hyphens or underscores."},
    Entry{"input.service.description", "Uraian layanan paling banyak 2.000 karakter.",
          "A service description has at most 2,000 characters."},
    Entry{"input.service.kind", "Jenis layanan hanya huruf kecil, angka, dan garis bawah.",
          "A service kind has only lower-case letters, digits and underscores."},
    Entry{"input.service.name", "Nama layanan 3 sampai 200 karakter.", "A service name has 3 to 200 characters."},
    Entry{"input.service.radius", "Jarak laporan serupa antara 10 dan 5.000 meter.",
          "The distance for similar reports is from 10 to 5,000 metres."},
    Entry{"input.service.sla", "Batas waktu (hari kerja) di luar rentang yang diperbolehkan.",
          "The deadlines (working days) are out of the allowed range."},
    Entry{"input.spec.above_table", "Angka ini melebihi tabel tarif layanan.",
          "This number is above the service's tariff table."},
    Entry{"input.spec.acquisition", "Cara perolehan: pembelian atau waris.", "Acquisition: purchase or inheritance."},
    Entry{"input.spec.after_dates", "Isian formulir {code}: aturan \"sesudah\" hanya untuk tanggal.",
          "Form field {code}: \"after\" is only for dates."},
    Entry{"input.spec.after_unknown", "Isian formulir {code}: \"sesudah\" menyebut {after}, yang bukan isian tanggal.",
          "Form field {code}: \"after\" names {after}, which is not a date field."},
    Entry{"input.spec.amount_positive", "Isi jumlah rupiah bulat yang positif.",
          "Enter a positive whole rupiah amount."},
    Entry{"input.spec.amount_range", "Jumlah biaya di luar batas yang diperbolehkan.",
          "The fee is out of the allowed range."},
    Entry{"input.spec.amounts_negative", "Jumlah dalam tabel tarif tidak boleh negatif.",
          "Amounts in the tariff table are not negative."},
    Entry{"input.spec.bill_days", "Masa berlaku tagihan antara 1 dan 90 hari.", "A bill is valid from 1 to 90 days."},
    Entry{"input.spec.billboard", "Isi luas reklame (m²) dan jumlah hari penayangan.",
          "Enter the billboard's area (m²) and the days it stands."},
    Entry{"input.spec.decisions", "Keputusan yang dikenal: setujui, kembalikan, tolak.",
          "Known decisions: approve, return, reject."},
    Entry{"input.spec.document_code", "Setiap dokumen perlu kode (huruf kecil, angka, garis bawah) dan label.",
          "Each document needs a code (lower-case letters, digits, underscores) and a label."},
    Entry{"input.spec.document_field", "{name} bukan isian formulir.", "{name} is not a form field."},
    Entry{"input.spec.document_parts", "Dokumen perlu judul, klasifikasi arsip, unit, dan jabatan penanda tangan.",
          "The document needs a title, an archive classification, a unit and the signer's position."},
    Entry{"input.spec.document_template", "Cantumkan templat dokumen yang diterbitkan.",
          "Give the template of the issued document."},
    Entry{"input.spec.fee_number", "Biaya dihitung dari angka ini: isi angkanya.",
          "The fee is computed from this number: enter it."},
    Entry{"input.spec.fee_payment", "Biaya perlu tahap pembayaran, dan tahap pembayaran perlu biaya.",
          "A fee needs a payment step, and a payment step needs a fee."},
    Entry{"input.spec.fee_type", "Jenis biaya: gratis, tetap, tarif, atau rumus.",
          "Fee types: free, fixed, tariff or formula."},
    Entry{"input.spec.field_code", "Kode isian formulir hanya huruf kecil, angka, dan garis bawah.",
          "A form field code has only lower-case letters, digits and underscores."},
    Entry{"input.spec.field_duplicate", "Kode isian {code} dipakai dua kali.", "Field code {code} is used twice."},
    Entry{"input.spec.field_label", "Isian formulir {code} perlu label.", "Form field {code} needs a label."},
    Entry{"input.spec.field_object", "Setiap isian formulir harus berupa objek.", "Each form field must be an object."},
    Entry{"input.spec.field_type",
          "Isian formulir {code}: jenis \"{type}\" tidak dikenal (text, number, date, select, nik, location, file, "
          "group).",
          "Form field {code}: unknown type \"{type}\" (text, number, date, select, nik, location, file, group)."},
    Entry{"input.spec.formula", "Rumus yang dikenal: PBB-P2, BPHTB, atau reklame.",
          "Known formulas: PBB-P2, BPHTB or billboard."},
    Entry{"input.spec.group_fields", "Kelompok {code} perlu isian.", "Group {code} needs fields."},
    Entry{"input.spec.group_nest", "Kelompok isian tidak boleh bersarang.", "Groups of fields do not nest."},
    Entry{"input.spec.holder_field", "Sebutkan isian nama pemohon.", "Name the field of the applicant's name."},
    Entry{"input.spec.input_field", "Masukan rumus {name} tidak menyebut isian formulir.",
          "Formula input {name} does not name a form field."},
    Entry{"input.spec.max_items", "Jumlah baris kelompok antara 1 dan 50.", "A group has from 1 to 50 rows."},
    Entry{"input.spec.max_length", "Panjang maksimum isian antara 1 dan 4.000 karakter.",
          "A field's maximum length is from 1 to 4,000 characters."},
    Entry{"input.spec.not_field", "Ini bukan isian formulir layanan.", "This is not a field of the service's form."},
    Entry{"input.spec.objects", "Setiap unsur harus berupa objek.", "Each item must be an object."},
    Entry{"input.spec.one_document", "Hanya satu tahap yang menerbitkan dokumen.",
          "Only one step issues the document."},
    Entry{"input.spec.payment_last", "Tahap pembayaran tidak boleh menjadi tahap terakhir.",
          "A payment step is not the last."},
    Entry{"input.spec.payment_step", "Tahap pembayaran tidak punya peran, keputusan, atau dokumen.",
          "A payment step has no role, decisions or document."},
    Entry{"input.spec.reklame_rate", "Tarif pajak reklame paling tinggi 25%.",
          "The billboard tax rate is at most 25%."},
    Entry{"input.spec.rows_ascend",
          "Baris tabel tarif naik menurut batas atas; hanya baris terakhir yang boleh tanpa batas.",
          "Tariff rows ascend by their upper bound; only the last may be open."},
    Entry{"input.spec.rows_object", "Setiap baris tabel tarif harus berupa objek.",
          "Each row of the tariff table must be an object."},
    Entry{"input.spec.select_options", "Isian pilihan {code} perlu daftar pilihan.",
          "Select field {code} needs options."},
    Entry{"input.spec.standard", "Cantumkan 14 komponen Standar Pelayanan.",
          "Give the 14 components of the service standard."},
    Entry{"input.spec.standard_component", "Setiap komponen Standar Pelayanan wajib diisi dan diumumkan.",
          "Every component of the service standard is filled in and published."},
    Entry{"input.spec.step_approve", "Tahap {code} harus dapat disetujui.", "Step {code} must allow approval."},
    Entry{"input.spec.step_codes", "Kode tahap harus unik (huruf kecil, angka, garis bawah).",
          "Step codes are unique (lower-case letters, digits, underscores)."},
    Entry{"input.spec.step_label", "Tahap {code} perlu label.", "Step {code} needs a label."},
    Entry{"input.spec.step_role", "Tahap {code}: peran yang memutuskan adalah verifikator, petugas, atau kepala OPD.",
          "Step {code}: the deciding role is the verifier, an officer or the head of the OPD."},
    Entry{"input.spec.step_sla", "Batas waktu tahap antara 1 dan 90 hari kerja.",
          "A step's deadline is from 1 to 90 working days."},
    Entry{"input.spec.steps_needed", "Layanan perlu paling sedikit satu tahap.", "A service needs at least one step."},
    Entry{"input.spec.tariff", "Tarif perlu isian dasar dan tabel tarif.", "A tariff needs a field and a table."},
    Entry{"input.status_open_closed", "Pilih status: terbuka atau selesai.", "Choose a status: open or closed."},
    Entry{"input.status_unknown", "Status ini tidak dikenal.", "Unknown status."},
    Entry{"input.text", "Isian ini harus berupa teks.", "This must be text."},
    Entry{"input.too_long", "Paling banyak {max} karakter.", "At most {max} characters."},
    Entry{"input.tracking_number", "Ini bukan nomor pelacakan; contohnya ADU-2026-000042.",
          "This is not a tracking number; for example ADU-2026-000042."},
    Entry{"input.webhook_secret", "Rahasia webhook terdiri atas 64 digit heksadesimal.",
          "A webhook secret is 64 hexadecimal digits."},
    Entry{"input.webhook_url",
          "Alamat webhook harus diawali http:// atau https://, tanpa spasi, paling panjang 500 karakter.",
          "A webhook address starts with http:// or https://, has no spaces and at most 500 characters."},
    Entry{"input.year", "Tahun tidak valid (empat angka).", "Not a valid year (four digits)."},
    Entry{"mail.alert.subject", "Peringatan pusat komando {region}", "Command center alert for {region}"},
    Entry{"mail.case_status.body", "Status {noun_lower} {number} sekarang: {status}.\n{note}\n{link_label}: {link}\n",
          "The status of {noun_lower} {number} is now: {status}.\n{note}\n{link_label}: {link}\n"},
    Entry{"mail.case_status.subject", "{noun} {number}: {status}", "{noun} {number}: {status}"},
    Entry{"mail.escalation.body", "{note}\n\nKasus: {number}\n{link}\n", "{note}\n\nCase: {number}\n{link}\n"},
    Entry{"mail.escalation.subject", "Eskalasi SLA {number}", "SLA escalation {number}"},
    Entry{"mail.halt.body",
          "Server SatuPintu berhenti menulis pada {when} (UTC): {reason}\n\n"
          "Semua perubahan ditolak (503 writes_halted) sampai operator memeriksa dan menyalakan ulang "
          "server; data yang sudah diterima aman dan tetap dapat dibaca. Jika alasannya rantai audit, "
          "riwayat mungkin diubah di luar aplikasi: jalankan `satupintu verify-audit` dan bandingkan "
          "dengan kepala rantai yang diarsipkan (GET /api/v1/audit/heads).\n",
          "The SatuPintu server stopped writing at {when} (UTC): {reason}\n\n"
          "Every change is refused (503 writes_halted) until an operator has looked and restarted the "
          "server; data already accepted is safe and can still be read. If the reason is the audit "
          "chain, the history may have been changed outside the application: run `satupintu "
          "verify-audit` and compare with the archived chain heads (GET /api/v1/audit/heads).\n"},
    Entry{"mail.halt.subject", "PERINGATAN: SatuPintu menghentikan semua penulisan",
          "ALERT: SatuPintu halted all writes"},
    Entry{"mail.link.my_applications", "Lihat", "View"},
    Entry{"mail.link.track", "Lacak", "Track"},
    Entry{"mail.password_reset.body",
          "Halo,\n\nUntuk membuat kata sandi baru akun SatuPintu Anda, buka tautan ini dalam 1 jam:\n{link}\n\n"
          "Jika Anda tidak memintanya, abaikan email ini; kata sandi Anda tidak berubah.\n",
          "Hello,\n\nTo set a new password for your SatuPintu account, open this link within 1 hour:\n{link}\n\n"
          "If you did not ask for it, ignore this email; your password is unchanged.\n"},
    Entry{"mail.password_reset.subject", "Atur ulang kata sandi SatuPintu", "Reset your SatuPintu password"},
    Entry{"mail.registration.body",
          "Halo {name},\n\nUntuk mengaktifkan akun SatuPintu Anda, buka tautan ini dalam 24 jam:\n{link}\n\n"
          "Jika Anda tidak mendaftar, abaikan email ini.\n",
          "Hello {name},\n\nTo activate your SatuPintu account, open this link within 24 hours:\n{link}\n\n"
          "If you did not register, ignore this email.\n"},
    Entry{"mail.registration.subject", "Konfirmasi pendaftaran SatuPintu", "Confirm your SatuPintu registration"},
    Entry{"mail.registration_taken.body",
          "Seseorang mencoba mendaftar di SatuPintu dengan alamat email ini, yang sudah memiliki akun.\n\n"
          "Jika itu Anda, masuk di {link} (lupa kata sandi? {reset}). Jika bukan, abaikan email ini; akun Anda "
          "tidak berubah.\n",
          "Someone tried to register at SatuPintu with this email address, which already has an account.\n\n"
          "If it was you, log in at {link} (forgot the password? {reset}). If not, ignore this email; your account is "
          "unchanged.\n"},
    Entry{"mail.registration_taken.subject", "Pendaftaran SatuPintu dengan email Anda",
          "A SatuPintu registration with your email"},
    Entry{"note.auto_closed", "Ditutup otomatis: tidak ada tanggapan pelapor dalam batas waktu.",
          "Closed automatically: the reporter did not respond in time."},
    Entry{"note.escalated", "Batas waktu tahap {stage} ({due}) terlampaui; eskalasi ke {rung}.",
          "The {stage} deadline ({due}) has passed; escalated to {rung}."},
    Entry{"note.permit.approved_on_timeout",
          "Disetujui karena batas waktu terlampaui tanpa keputusan (fiktif positif).",
          "Approved because the deadline passed without a decision (fiktif positif)."},
    Entry{
        "note.permit.billed",
        "Kode bayar {kode_bayar}, {amount} ({rule}). Bayar melalui bank atau kanal resmi; tidak ada pembayaran tunai.",
        "Billing code {kode_bayar}, {amount} ({rule}). Pay through a bank or an official channel; never in cash."},
    Entry{"note.permit.paid", "Pembayaran {amount} diterima (kode bayar {kode_bayar}).",
          "Payment of {amount} received (billing code {kode_bayar})."},
    Entry{"note.permit.reversed", "Pembayaran dibatalkan oleh bank; tagihan {kode_bayar} belum lunas.",
          "The bank reversed the payment; bill {kode_bayar} is unpaid again."},
    Entry{"note.personal_data.erased",
          "Data pribadi pemohon dihapus: teks {cases} kasus dan {uploads} unggahan. Disimpan sebagai arsip pelayanan "
          "publik: {applications} permohonan izin dan {documents} dokumen bertanda tangan.",
          "The requester's personal data was erased: the text of {cases} cases and {uploads} uploads. Kept as "
          "public-service records: {applications} permit applications and {documents} signed documents."},
    Entry{"noun.case", "Kasus", "Case"},
    Entry{"noun.case.lower", "kasus", "case"},
    Entry{"noun.complaint", "Pengaduan", "Complaint"},
    Entry{"noun.complaint.lower", "pengaduan", "complaint"},
    Entry{"noun.permit", "Permohonan", "Application"},
    Entry{"noun.permit.lower", "permohonan", "application"},
    Entry{"open311.filed", "Diverifikasi paling lambat {due} ({days} hari kerja). Lacak: {link}",
          "To be verified by {due} ({days} working days). Track: {link}"},
    Entry{"privacy.erased", "(dihapus atas permintaan pemilik data, UU 27/2022)",
          "(erased at the data subject's request, UU 27/2022)"},
    Entry{"sms.case_status", "Laporan {number}: {status}. Lihat {link}", "Report {number}: {status}. See {link}"},
    Entry{"sms.code.file",
          "Kode verifikasi laporan SatuPintu: {code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.",
          "Your SatuPintu report verification code: {code}. Valid for 10 minutes. Do not give this code to anyone."},
    Entry{"sms.code.register",
          "Kode pendaftaran SatuPintu Anda: {code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun, "
          "termasuk petugas.",
          "Your SatuPintu sign-up code: {code}. Valid for 10 minutes. Do not give this code to anyone, officers "
          "included."},
    Entry{
        "sms.code.reset",
        "Kode untuk mengatur ulang kata sandi SatuPintu: {code}. Berlaku 10 menit. Abaikan bila Anda tidak memintanya.",
        "Your SatuPintu password reset code: {code}. Valid for 10 minutes. Ignore it if you did not ask."},
    Entry{"sms.registration_taken",
          "Nomor ini sudah terdaftar di SatuPintu. Masuk dengan nomor ini, atau pilih Lupa kata sandi untuk "
          "mengaturnya ulang.",
          "This number already has a SatuPintu account. Sign in with it, or choose Forgot password to reset it."},
    Entry{"status.complaint.awaiting_reporter", "menunggu jawaban pelapor", "waiting for the reporter"},
    Entry{"status.complaint.closed", "ditutup", "closed"},
    Entry{"status.complaint.followed_up", "ditindaklanjuti", "followed up"},
    Entry{"status.complaint.forwarded", "diteruskan ke OPD", "forwarded to the department"},
    Entry{"status.complaint.in_progress", "sedang ditangani", "in progress"},
    Entry{"status.complaint.merged", "digabung", "merged"},
    Entry{"status.complaint.received", "diterima", "received"},
    Entry{"status.complaint.rejected", "ditolak", "rejected"},
    Entry{"status.complaint.resolved", "selesai", "resolved"},
    Entry{"status.complaint.verified", "terverifikasi", "verified"},
    Entry{"status.hak_data.diajukan", "diajukan", "submitted"},
    Entry{"status.hak_data.dihapus", "data dihapus", "data erased"},
    Entry{"status.hak_data.dipenuhi", "dipenuhi", "granted"},
    Entry{"status.hak_data.ditelaah", "sedang ditelaah", "under review"},
    Entry{"status.hak_data.ditolak", "ditolak dengan alasan", "refused with reasons"},
    Entry{"status.hak_data.menunggu_pemohon", "menunggu keterangan pemohon", "waiting for the requester"},
    Entry{"status.permit.approved", "disetujui, dokumen terbit", "approved, document issued"},
    Entry{"status.permit.awaiting_payment", "menunggu pembayaran", "awaiting payment"},
    Entry{"status.permit.draft", "draf", "draft"},
    Entry{"status.permit.in_review", "sedang diproses", "in review"},
    Entry{"status.permit.rejected", "ditolak", "rejected"},
    Entry{"status.permit.returned", "dikembalikan untuk perbaikan", "returned for correction"},
};
}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
    // Whichever of "id" and "en" comes first in the header wins; q-values are rarely needed
    // beyond order for these two.
    const auto id = header.find("id");
    const auto en = header.find("en");
    if (en != std::string_view::npos && (id == std::string_view::npos || en < id)) return Lang::kEn;
    return Lang::kId;
}

std::string_view Message(std::string_view key, Lang lang) {
    const auto it = std::lower_bound(kCatalog.begin(), kCatalog.end(), key,
                                     [](const Entry& e, std::string_view k) { return e.key < k; });
    if (it == kCatalog.end() || it->key != key) return key;
    return lang == Lang::kEn ? it->en : it->id;
}

}  // namespace satupintu

namespace satupintu {

namespace {

// Fills {name} from `lookup` (nullptr: left as it is, visible rather than blank).
template <typename Lookup>
std::string Fill(std::string_view text, Lookup lookup) {
    std::string out;
    out.reserve(text.size() + 64);
    size_t i = 0;
    while (i < text.size()) {
        const size_t open = text.find('{', i);
        if (open == std::string_view::npos) break;
        const size_t close = text.find('}', open);
        if (close == std::string_view::npos) break;
        out.append(text.substr(i, open - i));
        if (const std::string* value = lookup(text.substr(open + 1, close - open - 1))) {
            out += *value;
        } else {
            out.append(text.substr(open, close - open + 1));
        }
        i = close + 1;
    }
    out.append(text.substr(i));
    return out;
}

}  // namespace

std::string Format(std::string_view key, Lang lang, std::initializer_list<Param> params) {
    return Fill(Message(key, lang), [&](std::string_view name) -> const std::string* {
        const Param* p = std::find_if(params.begin(), params.end(), [&](const Param& q) { return q.name == name; });
        return p == params.end() ? nullptr : &p->value;
    });
}

std::string Format(std::string_view key, Lang lang, const std::vector<std::pair<std::string, std::string>>& params) {
    return Fill(Message(key, lang), [&](std::string_view name) -> const std::string* {
        const auto p = std::find_if(params.begin(), params.end(), [&](const auto& q) { return q.first == name; });
        return p == params.end() ? nullptr : &p->second;
    });
}

std::vector<std::string_view> MessageKeys() {
    std::vector<std::string_view> keys;
    for (const auto& e : kCatalog) keys.push_back(e.key);
    return keys;
}

}  // namespace satupintu
