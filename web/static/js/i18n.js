// The UI's message catalog: Bahasa Indonesia first, English second. Every string a page shows
// comes from here (or from the server's problem titles, which use the server's catalog).
const catalog = {
  id: {
    'nav.login': 'Masuk', 'nav.logout': 'Keluar', 'common.loading': 'Memuat…',
    'home.title': 'Satu pintu untuk layanan publik daerah',
    'home.lead': 'Pengaduan, perizinan, pembayaran, dan surat-menyurat pemerintah daerah di satu tempat.',
    'home.login_title': 'Masuk', 'home.login_button': 'Ke halaman masuk',
    'home.login_text': 'Warga dan petugas masuk melalui halaman masuk dengan email atau nomor telepon.',
    'home.regions': 'Daerah yang dilayani', 'home.audit': 'Jejak audit harian',
    'home.audit_text': 'Setiap perubahan dicatat dalam rantai hash. Hash penutup hari ini per daerah:',
    'footer.data': 'Data wilayah: Kepmendagri via idn-area-data (ODbL). Batas kecamatan: cahyadsn/wilayah_boundaries (MIT).',
    'login.title': 'Masuk', 'login.region': 'Daerah', 'login.login': 'Email atau nomor telepon',
    'login.password': 'Kata sandi', 'login.submit': 'Masuk', 'login.busy': 'Memeriksa…',
    'login.network': 'Tidak dapat terhubung. Periksa koneksi lalu coba lagi.',
    'login.retry_after': 'Coba lagi dalam {s} detik.',
    'login.confirmed': 'Akun Anda sudah aktif. Silakan masuk dengan kata sandi Anda.',
    'login.confirm_failed': 'Tautan konfirmasi tidak dikenal, sudah dipakai, atau kedaluwarsa. Daftar lagi bila perlu.',
    'account.title': 'Akun saya', 'account.name': 'Nama', 'account.role': 'Peran', 'account.region': 'Daerah',
    'account.email': 'Email', 'account.phone': 'Telepon', 'account.nik': 'NIK',
    'role.citizen': 'Warga', 'role.admin': 'Admin daerah', 'role.opd_head': 'Kepala OPD', 'role.officer': 'Petugas',
    'role.verifier': 'Verifikator', 'role.auditor': 'Auditor', 'role.lab_reviewer': 'Penilai lab inovasi',
    'role.executive': 'Pimpinan daerah',
    'lang.switch': 'English',
    "nav.report": "Lapor",
    "nav.complaints": "Pengaduan publik",
    "nav.console": "Konsol petugas",
    "nav.account": "Akun",
    "home.report_title": "Laporkan masalah",
    "home.report_text": "Jalan rusak, sampah, lampu mati, atau pungutan liar? Laporkan dan pantau penanganannya.",
    "home.report_button": "Buat laporan",
    "home.public_button": "Lihat pengaduan publik",
    "report.title": "Buat laporan",
    "report.login_needed": "Masuk sebagai warga untuk membuat laporan.",
    "report.category": "Kategori",
    "report.class": "Jenis laporan",
    "class.pengaduan": "Pengaduan",
    "class.aspirasi": "Aspirasi",
    "class.permintaan_informasi": "Permintaan informasi",
    "report.description": "Uraian",
    "report.description_hint": "Apa, di mana, sejak kapan. Paling banyak 4.000 karakter.",
    "report.where": "Lokasi",
    "report.locate": "Gunakan lokasi saya",
    "report.locating": "Mencari lokasi…",
    "report.pin_hint": "Atau ketuk tempatnya di peta.",
    "report.pin_map": "Peta kecamatan: ketuk tempat masalahnya",
    "report.category_search": "Cari kategori (misalnya: jalan berlubang, sampah)",
    "report.category_none": "Tidak ada kategori yang cocok; pilih dari daftar di bawah.",
    "report.located": "Lokasi ditemukan: Kecamatan {k}. Periksa lalu pilih desa.",
    "report.locate_failed": "Lokasi tidak tersedia. Pilih kecamatan secara manual.",
    "report.kecamatan": "Kecamatan",
    "report.desa": "Desa/kelurahan",
    "report.choose": "— pilih —",
    "report.address": "Alamat atau patokan",
    "report.photos": "Foto (paling banyak 5; JPEG, PNG, WebP, atau PDF; maks. 5 MB)",
    "report.anonymous": "Anonim: identitas saya disembunyikan dari OPD dan publik",
    "report.rahasia": "Rahasia: isi laporan tidak ditampilkan ke publik",
    "report.submit": "Kirim laporan",
    "report.sending": "Mengirim…",
    "report.uploading": "Mengunggah foto {n}…",
    "report.done": "Laporan diterima. Nomor pelacakan Anda:",
    "report.track": "Lacak laporan",
    "report.duplicates": "Laporan serupa di dekat lokasi ini:",
    "report.too_many_photos": "Paling banyak 5 foto.",
    "report.deadline": "Batas verifikasi: {d}",
    "track.title": "Lacak laporan",
    "track.status": "Status",
    "track.category": "Kategori",
    "track.opd": "OPD penanggung jawab",
    "track.filed": "Dilaporkan",
    "track.deadline": "Batas waktu tahap ini",
    "track.resolve_by": "Batas penyelesaian",
    "track.timeline": "Riwayat",
    "track.not_found": "Laporan tidak ditemukan.",
    "track.overdue": "Terlambat",
    "track.days_left": "{n} hari kerja lagi",
    "track.paused": "Menunggu jawaban pelapor",
    "track.rate_title": "Nilai penanganan",
    "track.rating": "Nilai (1–5)",
    "track.comment": "Komentar",
    "track.ikm": "Survei kepuasan (opsional, 1 = tidak baik … 4 = sangat baik)",
    "track.rate_submit": "Kirim penilaian",
    "track.rated": "Terima kasih atas penilaian Anda.",
    "track.reopen": "Buka kembali",
    "console.reporter": "Pelapor",
    "console.show_map": "Lihat di peta",
    "console.hide_map": "Tutup peta",
    "console.queue_map": "Antrean pada peta kecamatan; setiap titik membuka laporannya",
    "console.no_map": "Peta daerah ini belum tersedia.",
    "console.on_map": "{n} dari {of} laporan punya titik di peta; merah tua: lewat batas waktu, jingga: masih dalam waktu.",
    "console.affected": "Warga terdampak",
    "track.also_affected": "{n} warga juga mengalami ini.",
    "track.affected": "Saya juga mengalami ini",
    "track.affected_done": "Tercatat: Anda juga mengalami ini. Kabar laporan ini akan dikirim ke email Anda.",
    "track.follow": "Ikuti kabarnya saja",
    "track.follow_done": "Anda mengikuti laporan ini. Kabarnya akan dikirim ke email Anda.",
    "track.follow_title": "Anda juga terdampak?",
    "track.follow_hint": "Daripada membuat laporan baru untuk masalah yang sama, ikuti laporan ini: jumlah warga yang terdampak ikut terlihat oleh petugas.",
    "track.close": "Tutup, masalah selesai",
    "track.reply": "Jawab",
    "track.reply_title": "Jawaban Anda",
    "track.note": "Keterangan",
    "status.received": "Diterima",
    "status.verified": "Terverifikasi",
    "status.rejected": "Ditolak",
    "status.forwarded": "Diteruskan ke OPD",
    "status.in_progress": "Sedang ditangani",
    "status.awaiting_reporter": "Menunggu pelapor",
    "status.followed_up": "Ditindaklanjuti",
    "status.resolved": "Selesai",
    "status.closed": "Ditutup",
    "status.merged": "Digabung",
    "action.received": "Laporan diterima",
    "action.verify": "Diverifikasi",
    "action.reject": "Ditolak",
    "action.forward": "Diteruskan ke OPD",
    "action.pass_on": "Dilimpahkan ke OPD lain",
    "action.start": "Mulai ditangani",
    "action.request_info": "Meminta keterangan pelapor",
    "action.reply": "Pelapor menjawab",
    "action.follow_up": "Tindak lanjut",
    "action.resolve": "Dinyatakan selesai",
    "action.reopen": "Dibuka kembali",
    "action.close": "Ditutup",
    "action.auto_close": "Ditutup otomatis",
    "action.merge": "Digabung dengan laporan lain",
    "action.assign": "Ditugaskan",
    "action.comment": "Catatan",
    "action.escalate": "Eskalasi SLA",
    "action.rate": "Dinilai",
    "public.title": "Pengaduan publik",
    "public.performance": "Ketepatan waktu OPD",
    "public.rule": "Tepat waktu / (selesai + terbuka melewati batas)",
    "public.recent": "Laporan terbaru",
    "public.none": "Belum ada laporan.",
    "public.opd": "OPD",
    "public.rate": "Tepat waktu",
    "public.received": "Masuk",
    "public.map": "Peta laporan",
    "public.open": "Terbuka",
    "public.closed": "Selesai/ditutup",
    "console.title": "Konsol petugas",
    "console.filter_status": "Status",
    "console.any_open": "Semua yang terbuka",
    "console.all": "Semua",
    "console.category": "Kategori",
    "console.kecamatan": "Kecamatan",
    "console.overdue": "Hanya yang terlambat",
    "console.search": "Cari",
    "console.apply": "Tampilkan",
    "console.empty": "Antrean kosong.",
    "console.more": "Muat lagi",
    "console.select": "Pilih",
    "console.assign_to": "Tugaskan ke",
    "console.assign": "Tugaskan yang dipilih",
    "console.assigned": "{n} laporan ditugaskan.",
    "console.actions": "Tindakan",
    "console.note": "Catatan / instruksi",
    "console.reason": "Alasan penolakan",
    "console.target_opd": "OPD tujuan",
    "console.target_number": "Nomor laporan induk (untuk digabung)",
    "console.proof": "Foto bukti",
    "console.done": "Tersimpan.",
    "console.reporter_hidden": "Pelapor anonim",
    "console.no_access": "Halaman ini untuk petugas.",
    "reason.bukan_kewenangan": "Bukan kewenangan",
    "reason.duplikat": "Duplikat",
    "reason.tidak_lengkap": "Tidak lengkap",
    "ikm.U1": "Persyaratan",
    "ikm.U2": "Prosedur",
    "ikm.U3": "Waktu penyelesaian",
    "ikm.U4": "Biaya/tarif",
    "ikm.U5": "Produk layanan",
    "ikm.U6": "Kompetensi pelaksana",
    "ikm.U7": "Perilaku pelaksana",
    "ikm.U8": "Penanganan pengaduan",
    "ikm.U9": "Sarana dan prasarana",
    "account.my_complaints": "Laporan saya",
    "account.console": "Buka konsol petugas",
    "tax.title": "Kalkulator pajak daerah",
    "tax.lead": "Hitung sendiri pajak terutang dengan tarif resmi daerah. Bayar hanya dengan kode bayar, tidak pernah tunai kepada petugas.",
    "tax.pbb": "PBB-P2 (Pajak Bumi dan Bangunan)",
    "tax.bphtb": "BPHTB (Bea Perolehan Hak atas Tanah dan Bangunan)",
    "tax.penalty": "Sanksi keterlambatan",
    "tax.njop": "NJOP (Rp)",
    "tax.price": "Harga transaksi (Rp)",
    "tax.acquisition": "Perolehan",
    "tax.purchase": "Jual beli",
    "tax.inheritance": "Waris",
    "tax.principal": "Pokok pajak (Rp)",
    "tax.due": "Jatuh tempo",
    "tax.paid": "Tanggal bayar",
    "tax.compute": "Hitung",
    "tax.owed": "Terutang",
    "nav.tax": "Kalkulator pajak",
    "permit.catalog": "Layanan perizinan dan rekomendasi",
    "permit.catalog_short": "Layanan",
    "permit.mine": "Permohonan saya",
    "permit.queue": "Antrean permohonan",
    "permit.none": "Belum ada permohonan.",
    "permit.not_found": "Tidak ditemukan",
    "permit.cost_time": "Biaya dan waktu",
    "permit.standard": "Standar pelayanan",
    "permit.steps": "Tahapan",
    "permit.login_to_apply": "Masuk sebagai warga untuk mengajukan.",
    "permit.apply": "Ajukan permohonan",
    "permit.documents": "Dokumen persyaratan",
    "permit.submit": "Kirim permohonan",
    "permit.save_draft": "Simpan draf",
    "permit.free": "Gratis",
    "permit.above": "di atasnya",
    "permit.fee_reklame": "Pajak reklame {pct}% x luas x hari x {nsr} per m2 per hari",
    "permit.fee_pbb_p2": "PBB-P2 menurut UU 1/2022 dan tarif daerah",
    "permit.fee_bphtb": "BPHTB 5% x (NPOP - NPOPTKP) menurut UU 1/2022",
    "permit.days": "{n} hari kerja",
    "permit.fee": "Biaya",
    "permit.promised": "Janji waktu",
    "permit.measured": "Waktu nyata",
    "permit.measured_text": "median {median}, 90% selesai dalam {p90} hari kerja ({n} permohonan)",
    "permit.no_data": "belum ada permohonan selesai",
    "permit.output": "Produk",
    "permit.by_bank": "bayar di bank dengan kode bayar",
    "permit.add_row": "Tambah baris",
    "permit.uploaded": "sudah diunggah",
    "permit.bills": "Tagihan",
    "permit.issued": "Dokumen terbit",
    "permit.decide": "Keputusan tahap ini",
    "permit.note": "Catatan / alasan",
    "permit.uploads": "Dokumen persyaratan",
    "permit.open_document": "Buka berkas",
    "permit.answers": "Isian",
    "permit.service": "Layanan",
    "permit.filed": "Diajukan",
    "permit.stage": "Tahap",
    "permit.due": "batas {d}",
    "permit.correct": "Perbaiki dan kirim ulang",
    "permit.continue": "Lanjutkan draf",
    "permit.kode_bayar": "Kode bayar",
    "permit.pay_how": "Bayar melalui bank, ATM, atau kanal resmi dengan kode bayar ini sebelum {d}. Jangan membayar tunai kepada siapa pun.",
    "permit.download": "Unduh",
    "permit.check": "Periksa keaslian",
    "pstatus.draft": "Draf",
    "pstatus.in_review": "Sedang diproses",
    "pstatus.returned": "Dikembalikan untuk perbaikan",
    "pstatus.awaiting_payment": "Menunggu pembayaran",
    "pstatus.approved": "Disetujui — dokumen terbit",
    "pstatus.rejected": "Ditolak",
    "bill.unpaid": "belum dibayar",
    "bill.paid": "lunas",
    "decision.approve": "Setujui",
    "decision.return": "Kembalikan untuk perbaikan",
    "decision.reject": "Tolak",
    "paction.draft_saved": "Draf disimpan",
    "paction.submitted": "Permohonan dikirim",
    "paction.returned": "Dikembalikan untuk perbaikan",
    "paction.resubmitted": "Dikirim ulang",
    "paction.approved_step": "Tahap disetujui",
    "paction.approved_on_timeout": "Disetujui karena batas waktu (fiktif positif)",
    "paction.rejected": "Ditolak",
    "paction.billed": "Tagihan terbit",
    "paction.paid": "Pembayaran diterima",
    "paction.payment_reversed": "Pembayaran dibatalkan bank",
    "std.persyaratan": "Persyaratan", "std.prosedur": "Sistem, mekanisme, dan prosedur", "std.jangka_waktu": "Jangka waktu penyelesaian",
    "std.biaya": "Biaya/tarif", "std.produk": "Produk pelayanan", "std.pengaduan": "Penanganan pengaduan, saran, dan masukan",
    "std.dasar_hukum": "Dasar hukum", "std.sarana": "Sarana, prasarana, dan fasilitas", "std.kompetensi": "Kompetensi pelaksana",
    "std.pengawasan": "Pengawasan internal", "std.jumlah_pelaksana": "Jumlah pelaksana", "std.jaminan_pelayanan": "Jaminan pelayanan",
    "std.jaminan_keamanan": "Jaminan keamanan dan keselamatan", "std.evaluasi": "Evaluasi kinerja pelaksana",
    "nav.permits": "Perizinan",
    "admin.services": "Kelola layanan perizinan",
    "admin.only": "Halaman ini untuk admin daerah.",
    "admin.service": "Layanan",
    "admin.new": "(layanan baru)",
    "admin.code": "Kode",
    "admin.help": "Definisi lengkap dalam JSON: nama, OPD, standar pelayanan (14 komponen), formulir, dokumen, tahapan, tarif, dan templat dokumen. Setiap simpan membuat versi baru; permohonan yang berjalan tetap memakai versinya.",
    "admin.definition": "Definisi (JSON)",
    "admin.save": "Simpan versi baru",
    "admin.saved": "Tersimpan sebagai versi {v}.",
    "verify.title": "Verifikasi dokumen",
    "verify.file_title": "Periksa berkas PDF",
    "verify.file_text": "Pilih berkas PDF yang Anda terima. Berkas diperiksa: tanda tangan elektronik daerah, keutuhan setiap byte, dan status dokumen.",
    "verify.file": "Berkas PDF",
    "verify.check": "Periksa",
    "verify.number": "Nomor",
    "verify.doc_title": "Dokumen",
    "verify.holder": "Atas nama",
    "verify.office": "Diterbitkan oleh",
    "verify.issued": "Tanggal terbit",
    "verify.valid_until": "Berlaku sampai",
    "verify.key": "Kunci penanda tangan",
    "verify.reason": "Alasan",
    "verify.not_found": "Dokumen tidak dikenal. Jangan terima dokumen ini.",
    "verify.status.valid": "Asli dan berlaku",
    "verify.status.revoked": "Asli, tetapi sudah DICABUT",
    "verify.status.expired": "Asli, tetapi masa berlakunya sudah habis",
    "verify.status.pending": "Sedang diterbitkan",
    "verify.status.not_authentic": "Catatan dokumen tidak cocok dengan tanda tangan daerah",
    "verify.file.authentic": "Berkas asli: tanda tangan daerah sah dan tidak ada byte yang diubah",
    "verify.file.altered": "Berkas DIUBAH setelah ditandatangani",
    "verify.file.bad_signature": "Tanda tangan PALSU atau rusak",
    "verify.file.unsigned": "Berkas ini tidak bertanda tangan SatuPintu",
    "verify.file.unknown_key": "Kunci penanda tangan tidak dikenal di sini",
    "cc.title": "Pusat komando",
    "console.opd_filter": "Hanya OPD: {name}",
    "cc.alerts": "Peringatan hari ini",
    "cc.halted.audit_chain": "Rantai audit tidak utuh: penulisan dihentikan",
    "cc.halted.storage": "Penyimpanan gagal menulis: penulisan dihentikan",
    "cc.halted.text": "Tidak ada pengaduan, permohonan, atau pembayaran baru yang dapat dicatat sampai operator memeriksa server dan auditor diberi tahu. Data yang sudah ada tetap dapat dibaca.",
    "cc.connecting": "Menghubungkan…",
    "cc.live": "Langsung · {time}",
    "cc.offline": "Terputus — menyambung ulang…",
    "cc.complaints_in": "Pengaduan masuk hari ini",
    "cc.complaints_out": "Pengaduan selesai hari ini",
    "cc.permits_in": "Permohonan izin masuk hari ini",
    "cc.permits_out": "Izin selesai hari ini",
    "cc.open": "Kasus terbuka",
    "cc.overdue": "Melewati batas waktu",
    "cc.revenue": "Pendapatan diterima hari ini",
    "cc.revenue_of": "dari tagihan {billed}",
    "cc.ikm": "Indeks Kepuasan Masyarakat",
    "cc.ikm_of": "mutu {category} · {answers} jawaban",
    "cc.ikm_none": "belum cukup jawaban",
    "cc.map": "Pengaduan per kecamatan (30 hari)",
    "cc.legend_title": "Jumlah pengaduan",
    "public.map_label": "Peta kecamatan dengan titik pengaduan; setiap titik membuka laporannya",
    "console.map_label": "Titik laporan pada peta kecamatan",
    "cc.top_kecamatan": "Terbanyak: {list}",
    "cc.trend": "Pengaduan masuk dan selesai (30 hari)",
    "cc.in": "Masuk",
    "cc.out": "Selesai",
    "cc.opds": "Ketepatan waktu per OPD",
    "cc.breaches": "Lewat batas",
    "cc.categories": "Kategori terbanyak (30 hari)",
    "cc.status": "Kasus terbuka menurut status",
    "cc.state": "Status",
    "cc.complaints": "Pengaduan",
    "cc.permits": "Izin",
    "cc.cycle": "Tampilan {n} dari {of} · berganti tiap {s} detik",
    "cc.unknown_region": "Daerah tidak ditemukan.",
    "rollup.title": "Rekap antardaerah",
    "rollup.province": "Provinsi",
    "rollup.national": "Nasional (semua daerah)",
    "rollup.regions": "Peringkat daerah",
    "rollup.region": "Daerah",
    "rollup.best": "OPD paling tepat waktu",
    "rollup.worst": "OPD yang perlu perhatian",
    "portal.title": "Portal transparansi",
    "portal.lead": "Angka dari pekerjaan pemerintah daerah yang sebenarnya, diperbarui terus. Tanpa data pribadi.",
    "portal.live": "Lihat pusat komando (langsung)",
    "portal.map": "Peta dan daftar pengaduan publik",
    "portal.opds": "Kinerja OPD",
    "portal.median": "Median penyelesaian",
    "portal.days": "{n} hari",
    "portal.services": "Standar layanan dan tarif",
    "portal.working_days": "{n} hari kerja",
    "portal.free": "gratis",
    "portal.by_rule": "tarif menurut ketentuan (lihat layanan)",
    "portal.audit": "Jejak audit hari ini",
    "portal.open_data": "Data terbuka",
    "portal.catalog": "Katalog data (JSON, dengan lisensi)",
    "home.track_text": "Nomor pelacakan ada di bukti laporan atau permohonan Anda.",
    "find.number": "Nomor pelacakan",
    "find.submit": "Lacak",
    "find.malformed": "Tulis nomor pelacakan seperti ADU-2026-000042.",
    "find.none": "Nomor {n} tidak ditemukan. Periksa lagi nomornya.",
    "find.several": "Nomor {n} ada di beberapa daerah. Pilih daerah Anda:",
    "login.forgot": "Lupa kata sandi?",
    "login.no_account": "Belum punya akun?",
    "login.signup": "Daftar akun warga",
    "signup.title": "Daftar sebagai warga",
    "signup.name": "Nama lengkap",
    "signup.email": "Email",
    "signup.email_hint": "Kami mengirim tautan aktivasi ke alamat ini.",
    "signup.phone": "Nomor HP",
    "signup.nik": "NIK (tidak wajib)",
    "signup.nik_hint": "16 angka seperti di KTP. Petugas memeriksanya saat Anda mengajukan izin.",
    "signup.password_hint": "Paling sedikit 10 karakter.",
    "signup.notice": "Pemberitahuan privasi",
    "signup.no_notice": "Daerah ini belum menerbitkan pemberitahuan privasi, jadi pendaftaran belum dibuka.",
    "signup.accept": "Saya telah membaca dan menyetujui pemberitahuan privasi ini.",
    "signup.submit": "Daftar",
    "signup.busy": "Mengirim…",
    "signup.sent_title": "Periksa email Anda",
    "signup.sent": "Kami mengirim tautan aktivasi ke {email}. Buka tautan itu dalam 24 jam untuk mengaktifkan akun.",
    "signup.error.email": "Tulis alamat email yang benar, misalnya nama@contoh.id.",
    "signup.error.password": "Kata sandi paling sedikit 10 karakter.",
    "signup.error.notice": "Pemberitahuan privasi baru saja diperbarui. Baca versi terbaru lalu setujui lagi.",
    "reset.title": "Lupa kata sandi",
    "reset.lead": "Tulis nomor HP atau email akun Anda. Kami mengirim kode atau tautan untuk membuat kata sandi baru.",
    "reset.send": "Kirim tautan",
    "reset.sent": "Jika {email} terdaftar, tautan untuk membuat kata sandi baru sudah dikirim ke sana (berlaku 1 jam).",
    "reset.new_password": "Kata sandi baru",
    "reset.again": "Ulangi kata sandi baru",
    "reset.save": "Simpan kata sandi",
    "reset.mismatch": "Kedua kata sandi tidak sama.",
    "reset.done": "Kata sandi baru tersimpan. Semua sesi lama sudah diakhiri; silakan masuk lagi.",
    "reset.link_failed": "Tautan ini tidak dikenal, sudah dipakai, atau kedaluwarsa. Minta tautan baru.",
    "report.key_lead": "Laporan ini rahasia dan anonim: tidak tampil di halaman publik. Simpan kode akses ini; hanya dengan kode ini Anda dapat melihat perkembangannya.",
    "track.key_label": "Punya kode akses laporan rahasia? Tulis di sini:",
    "track.key_open": "Buka laporan",
    "track.key_wrong": "Kode akses ini tidak cocok dengan laporan ini. Periksa kembali kodenya.",
    "pdf.prev": "‹ Halaman sebelumnya",
    "pdf.next": "Halaman berikutnya ›",
    "pdf.page": "Halaman {n} dari {of}",
    "pdf.failed": "Halaman ini tidak dapat ditampilkan. Buka berkasnya.",
    "console.document": "Berkas PDF laporan",
    "signup.via": "Daftar dengan",
    "signup.via_phone": "Nomor HP (kode lewat SMS atau WhatsApp)",
    "signup.via_email": "Email (tautan aktivasi)",
    "signup.code_title": "Masukkan kode",
    "signup.activate": "Aktifkan akun",
    "signup.active": "Akun Anda sudah aktif. Masuk dengan nomor HP dan kata sandi Anda.",
    "code.channel": "Kirim kode lewat",
    "code.send": "Kirim kode",
    "code.label": "Kode 6 angka",
    "code.resend": "Kirim ulang kode (setelah 1 menit)",
    "code.sent": "Kode dikirim lewat {channel} ke {phone}. Berlaku 10 menit.",
    "code.resent": "Bila sudah lewat 1 menit, kode baru dikirim ke {phone}.",
    "code.via.sms": "SMS",
    "code.via.whatsapp": "WhatsApp",
    "reset.via": "Akun saya memakai",
    "reset.via_phone": "Nomor HP (kode lewat SMS atau WhatsApp)",
    "reset.code_sent": "Jika {phone} terdaftar, kode sudah dikirim ke sana (berlaku 10 menit). Tulis kode itu dan kata sandi baru Anda.",
    "report.guest_title": "Melapor tanpa akun",
    "report.guest_lead": "Cukup nomor HP: kami mengirim kode untuk memastikan nomor itu milik Anda, dan kabar laporan dikirim ke sana.",
    "report.guest_login": "Sudah punya akun? Masuk",
    "report.guest_name": "Nama Anda",
    "report.guest_phone": "Nomor HP",
    "report.guest_anonymous": "Tanpa nomor HP, laporan hanya dapat dikirim sebagai anonim dan rahasia (misalnya pungutan liar).",
    "report.guest_photos": "Foto dapat dilampirkan setelah masuk atau mendaftar.",
    "report.choose_category": "— pilih kategori —",
    "report.category_needed": "Pilih kategori yang paling sesuai dengan masalah Anda.",
    "notfound.title": "Halaman tidak ditemukan",
    "notfound.text": "Alamat ini tidak ada, atau tautannya keliru. Periksa alamatnya, atau mulai dari beranda.",
    "notfound.home": "Ke beranda",
    "verify.signer": "Ditandatangani oleh",
    "report.photo_ready": "{name}: {size}",
    "report.photo_resized": "{name}: {from} → {size} (diperkecil agar cepat terkirim)",
    "report.photo_too_big": "{name} lebih dari 5 MB. Pilih berkas yang lebih kecil.",
    "report.upload_progress": "Mengunggah foto {n} dari {of}: {pct}%",
    "report.preparing": "Menyiapkan foto…",
    "console.in_kecamatan": "Kecamatan {k}",
    "console.in_desa": "Desa/kelurahan {d}",
    "console.no_place": "Lokasi tidak diisi.",
    "console.map_label": "Titik laporan di peta kecamatan",
    "console.photo": "Foto laporan (ketuk untuk ukuran penuh)",
    "console.photos": "Foto dan berkas",
    "console.answers": "Jawaban pertanyaan kategori",
    "console.rahasia": "Isi laporan tidak ditampilkan ke publik",
    "console.internal": "internal",
    "console.note_required": "Catatan (wajib)",
    "console.note_internal": "Hanya terlihat oleh petugas.",
    "console.note_public": "Terlihat oleh pelapor dan di halaman lacak publik.",
    "console.submit_step": "Kirim: {step}",
    "console.note_needed": "Tulis catatan untuk langkah ini.",
    "console.reject_confirm": "Tolak laporan ini? Pelapor diberi tahu beserta alasannya, dan laporan ditutup.",
    "console.reject_yes": "Ya, tolak",
    "console.reject_no": "Batal",
  },
  en: {
    'nav.login': 'Log in', 'nav.logout': 'Log out', 'common.loading': 'Loading…',
    'home.title': "One door to your region's public services",
    'home.lead': 'Complaints, permits, payments and official letters of local government in one place.',
    'home.login_title': 'Log in', 'home.login_button': 'Go to the login page',
    'home.login_text': 'Citizens and officers log in on the login page with an email or phone number.',
    'home.regions': 'Regions served', 'home.audit': 'Daily audit trail',
    'home.audit_text': "Every change is recorded in a hash chain. Today's closing hash per region:",
    'footer.data': 'Region data: Kepmendagri via idn-area-data (ODbL). Kecamatan boundaries: cahyadsn/wilayah_boundaries (MIT).',
    'login.title': 'Log in', 'login.region': 'Region', 'login.login': 'Email or phone number',
    'login.password': 'Password', 'login.submit': 'Log in', 'login.busy': 'Checking…',
    'login.network': 'Cannot connect. Check your connection and try again.',
    'login.retry_after': 'Try again in {s} seconds.',
    'login.confirmed': 'Your account is active. Log in with your password.',
    'login.confirm_failed': 'This confirmation link is unknown, used or expired. Register again if needed.',
    'account.title': 'My account', 'account.name': 'Name', 'account.role': 'Role', 'account.region': 'Region',
    'account.email': 'Email', 'account.phone': 'Phone', 'account.nik': 'NIK',
    'role.citizen': 'Citizen', 'role.admin': 'Region admin', 'role.opd_head': 'Head of department', 'role.officer': 'Officer',
    'role.verifier': 'Verifier', 'role.auditor': 'Auditor', 'role.lab_reviewer': 'Innovation lab reviewer',
    'role.executive': 'Regional leadership',
    'lang.switch': 'Bahasa Indonesia',
    "nav.report": "Report",
    "nav.complaints": "Public complaints",
    "nav.console": "Officer console",
    "nav.account": "Account",
    "home.report_title": "Report a problem",
    "home.report_text": "Broken road, rubbish, dark street lights or an illegal levy? Report it and follow how it is handled.",
    "home.report_button": "Make a report",
    "home.public_button": "See public complaints",
    "report.title": "Make a report",
    "report.login_needed": "Log in as a citizen to make a report.",
    "report.category": "Category",
    "report.class": "Kind of report",
    "class.pengaduan": "Complaint",
    "class.aspirasi": "Suggestion",
    "class.permintaan_informasi": "Request for information",
    "report.description": "Description",
    "report.description_hint": "What, where, since when. At most 4,000 characters.",
    "report.where": "Location",
    "report.locate": "Use my location",
    "report.locating": "Finding your location…",
    "report.pin_hint": "Or tap the place on the map.",
    "report.pin_map": "Kecamatan map: tap where the problem is",
    "report.category_search": "Find a category (for example: pothole, rubbish)",
    "report.category_none": "No category matches; choose one from the list below.",
    "report.located": "Location found: Kecamatan {k}. Check it, then choose the village.",
    "report.locate_failed": "Location not available. Choose the kecamatan yourself.",
    "report.kecamatan": "Kecamatan",
    "report.desa": "Village",
    "report.choose": "— choose —",
    "report.address": "Address or landmark",
    "report.photos": "Photos (up to 5; JPEG, PNG, WebP or PDF; at most 5 MB)",
    "report.anonymous": "Anonymous: hide my identity from the department and the public",
    "report.rahasia": "Confidential: do not show the content to the public",
    "report.submit": "Send report",
    "report.sending": "Sending…",
    "report.uploading": "Uploading photo {n}…",
    "report.done": "Report received. Your tracking number:",
    "report.track": "Track the report",
    "report.duplicates": "Similar reports near this place:",
    "report.too_many_photos": "At most 5 photos.",
    "report.deadline": "Verification due: {d}",
    "track.title": "Track a report",
    "track.status": "Status",
    "track.category": "Category",
    "track.opd": "Responsible department",
    "track.filed": "Reported",
    "track.deadline": "Deadline of this stage",
    "track.resolve_by": "Resolution due",
    "track.timeline": "History",
    "track.not_found": "Report not found.",
    "track.overdue": "Overdue",
    "track.days_left": "{n} working days left",
    "track.paused": "Waiting for the reporter",
    "track.rate_title": "Rate the handling",
    "track.rating": "Rating (1–5)",
    "track.comment": "Comment",
    "track.ikm": "Satisfaction survey (optional, 1 = poor … 4 = very good)",
    "track.rate_submit": "Send rating",
    "track.rated": "Thank you for your rating.",
    "track.reopen": "Reopen",
    "console.reporter": "Reporter",
    "console.show_map": "Show on the map",
    "console.hide_map": "Close the map",
    "console.queue_map": "The queue on the kecamatan map; each point opens its report",
    "console.no_map": "This region has no map yet.",
    "console.on_map": "{n} of {of} reports have a point on the map; dark red: past the deadline, orange: within it.",
    "console.affected": "Citizens affected",
    "track.also_affected": "{n} citizens are affected too.",
    "track.affected": "This affects me too",
    "track.affected_done": "Noted: this affects you too. News of this report will be emailed to you.",
    "track.follow": "Only follow its news",
    "track.follow_done": "You follow this report. Its news will be emailed to you.",
    "track.follow_title": "Affected too?",
    "track.follow_hint": "Rather than a new report of the same problem, follow this one: the officers see how many citizens it affects.",
    "track.close": "Close, the problem is solved",
    "track.reply": "Reply",
    "track.reply_title": "Your answer",
    "track.note": "Note",
    "status.received": "Received",
    "status.verified": "Verified",
    "status.rejected": "Rejected",
    "status.forwarded": "Forwarded to department",
    "status.in_progress": "In progress",
    "status.awaiting_reporter": "Waiting for reporter",
    "status.followed_up": "Followed up",
    "status.resolved": "Resolved",
    "status.closed": "Closed",
    "status.merged": "Merged",
    "action.received": "Report received",
    "action.verify": "Verified",
    "action.reject": "Rejected",
    "action.forward": "Forwarded to department",
    "action.pass_on": "Passed on to another department",
    "action.start": "Work started",
    "action.request_info": "Asked the reporter for information",
    "action.reply": "Reporter answered",
    "action.follow_up": "Follow-up",
    "action.resolve": "Resolved",
    "action.reopen": "Reopened",
    "action.close": "Closed",
    "action.auto_close": "Closed automatically",
    "action.merge": "Merged into another report",
    "action.assign": "Assigned",
    "action.comment": "Note",
    "action.escalate": "SLA escalation",
    "action.rate": "Rated",
    "public.title": "Public complaints",
    "public.performance": "Department on-time rate",
    "public.rule": "On time / (closed + open overdue)",
    "public.recent": "Latest reports",
    "public.none": "No reports yet.",
    "public.opd": "Department",
    "public.rate": "On time",
    "public.received": "Received",
    "public.map": "Map of reports",
    "public.open": "Open",
    "public.closed": "Resolved/closed",
    "console.title": "Officer console",
    "console.filter_status": "Status",
    "console.any_open": "All open",
    "console.all": "All",
    "console.category": "Category",
    "console.kecamatan": "Kecamatan",
    "console.overdue": "Overdue only",
    "console.search": "Search",
    "console.apply": "Show",
    "console.empty": "The queue is empty.",
    "console.more": "Load more",
    "console.select": "Select",
    "console.assign_to": "Assign to",
    "console.assign": "Assign selected",
    "console.assigned": "{n} reports assigned.",
    "console.actions": "Actions",
    "console.note": "Note / instructions",
    "console.reason": "Reason for rejection",
    "console.target_opd": "Target department",
    "console.target_number": "Number of the main report (to merge into)",
    "console.proof": "Proof photo",
    "console.done": "Saved.",
    "console.reporter_hidden": "Anonymous reporter",
    "console.no_access": "This page is for officers.",
    "reason.bukan_kewenangan": "Not our authority",
    "reason.duplikat": "Duplicate",
    "reason.tidak_lengkap": "Incomplete",
    "ikm.U1": "Requirements",
    "ikm.U2": "Procedure",
    "ikm.U3": "Completion time",
    "ikm.U4": "Fees",
    "ikm.U5": "Service product",
    "ikm.U6": "Staff competence",
    "ikm.U7": "Staff behaviour",
    "ikm.U8": "Complaint handling",
    "ikm.U9": "Facilities",
    "account.my_complaints": "My reports",
    "account.console": "Open the officer console",
    "tax.title": "Local tax calculator",
    "tax.lead": "Work out the tax owed with the region's official rates. Pay only with a billing code, never in cash to an officer.",
    "tax.pbb": "PBB-P2 (land and building tax)",
    "tax.bphtb": "BPHTB (land and building acquisition duty)",
    "tax.penalty": "Late-payment penalty",
    "tax.njop": "NJOP, assessed value (Rp)",
    "tax.price": "Transaction price (Rp)",
    "tax.acquisition": "Acquisition",
    "tax.purchase": "Purchase",
    "tax.inheritance": "Inheritance",
    "tax.principal": "Tax principal (Rp)",
    "tax.due": "Due date",
    "tax.paid": "Payment date",
    "tax.compute": "Compute",
    "tax.owed": "Owed",
    "nav.tax": "Tax calculator",
    "permit.catalog": "Permits and recommendation letters",
    "permit.catalog_short": "Services",
    "permit.mine": "My applications",
    "permit.queue": "Applications queue",
    "permit.none": "No applications yet.",
    "permit.not_found": "Not found",
    "permit.cost_time": "Cost and time",
    "permit.standard": "Service standard",
    "permit.steps": "Steps",
    "permit.login_to_apply": "Log in as a citizen to apply.",
    "permit.apply": "Apply",
    "permit.documents": "Required documents",
    "permit.submit": "Submit application",
    "permit.save_draft": "Save draft",
    "permit.free": "Free",
    "permit.above": "above",
    "permit.fee_reklame": "Billboard tax {pct}% x area x days x {nsr} per m2 per day",
    "permit.fee_pbb_p2": "PBB-P2 by UU 1/2022 and the region's rate",
    "permit.fee_bphtb": "BPHTB 5% x (NPOP - NPOPTKP) by UU 1/2022",
    "permit.days": "{n} working days",
    "permit.fee": "Fee",
    "permit.promised": "Promised time",
    "permit.measured": "Measured time",
    "permit.measured_text": "median {median}, 90% within {p90} working days ({n} applications)",
    "permit.no_data": "no finished applications yet",
    "permit.output": "Product",
    "permit.by_bank": "pay at a bank with the billing code",
    "permit.add_row": "Add a row",
    "permit.uploaded": "uploaded",
    "permit.bills": "Bills",
    "permit.issued": "Issued documents",
    "permit.decide": "Decision on this step",
    "permit.note": "Note / reason",
    "permit.uploads": "Required documents",
    "permit.open_document": "Open the file",
    "permit.answers": "Answers",
    "permit.service": "Service",
    "permit.filed": "Submitted",
    "permit.stage": "Step",
    "permit.due": "due {d}",
    "permit.correct": "Correct and resubmit",
    "permit.continue": "Continue the draft",
    "permit.kode_bayar": "Billing code",
    "permit.pay_how": "Pay at a bank, ATM or official channel with this billing code before {d}. Never pay cash to anyone.",
    "permit.download": "Download",
    "permit.check": "Check authenticity",
    "pstatus.draft": "Draft",
    "pstatus.in_review": "In process",
    "pstatus.returned": "Returned for correction",
    "pstatus.awaiting_payment": "Awaiting payment",
    "pstatus.approved": "Approved — document issued",
    "pstatus.rejected": "Rejected",
    "bill.unpaid": "unpaid",
    "bill.paid": "paid",
    "decision.approve": "Approve",
    "decision.return": "Return for correction",
    "decision.reject": "Reject",
    "paction.draft_saved": "Draft saved",
    "paction.submitted": "Submitted",
    "paction.returned": "Returned for correction",
    "paction.resubmitted": "Resubmitted",
    "paction.approved_step": "Step approved",
    "paction.approved_on_timeout": "Approved on timeout (fiktif positif)",
    "paction.rejected": "Rejected",
    "paction.billed": "Bill issued",
    "paction.paid": "Payment received",
    "paction.payment_reversed": "Payment reversed by the bank",
    "std.persyaratan": "Requirements", "std.prosedur": "Procedure", "std.jangka_waktu": "Completion time",
    "std.biaya": "Fee", "std.produk": "Product", "std.pengaduan": "Complaints and suggestions",
    "std.dasar_hukum": "Legal basis", "std.sarana": "Facilities", "std.kompetensi": "Staff competence",
    "std.pengawasan": "Internal supervision", "std.jumlah_pelaksana": "Number of staff", "std.jaminan_pelayanan": "Service guarantee",
    "std.jaminan_keamanan": "Security and safety guarantee", "std.evaluasi": "Staff performance evaluation",
    "nav.permits": "Permits",
    "admin.services": "Manage permit services",
    "admin.only": "This page is for region admins.",
    "admin.service": "Service",
    "admin.new": "(new service)",
    "admin.code": "Code",
    "admin.help": "The whole definition in JSON: name, OPD, service standard (14 components), form, documents, steps, fee and document template. Every save writes a new version; running applications keep theirs.",
    "admin.definition": "Definition (JSON)",
    "admin.save": "Save a new version",
    "admin.saved": "Saved as version {v}.",
    "verify.title": "Document verification",
    "verify.file_title": "Check a PDF file",
    "verify.file_text": "Choose the PDF you received. The file is checked: the region's electronic signature, every byte, and the document's status.",
    "verify.file": "PDF file",
    "verify.check": "Check",
    "verify.number": "Number",
    "verify.doc_title": "Document",
    "verify.holder": "Holder",
    "verify.office": "Issued by",
    "verify.issued": "Issued on",
    "verify.valid_until": "Valid until",
    "verify.key": "Signing key",
    "verify.reason": "Reason",
    "verify.not_found": "Unknown document. Do not accept it.",
    "verify.status.valid": "Authentic and valid",
    "verify.status.revoked": "Authentic, but REVOKED",
    "verify.status.expired": "Authentic, but expired",
    "verify.status.pending": "Being issued",
    "verify.status.not_authentic": "The record does not match the region's signature",
    "verify.file.authentic": "Authentic file: the region's signature holds and no byte was changed",
    "verify.file.altered": "The file was ALTERED after signing",
    "verify.file.bad_signature": "FORGED or broken signature",
    "verify.file.unsigned": "This file carries no SatuPintu signature",
    "verify.file.unknown_key": "The signing key is not known here",
    "cc.title": "Command center",
    "console.opd_filter": "Department only: {name}",
    "cc.alerts": "Today's alerts",
    "cc.halted.audit_chain": "The audit chain is broken: writing has stopped",
    "cc.halted.storage": "Storage failed to write: writing has stopped",
    "cc.halted.text": "No new complaint, application or payment can be recorded until an operator has checked the server and the auditor has been told. What is recorded can still be read.",
    "cc.connecting": "Connecting…",
    "cc.live": "Live · {time}",
    "cc.offline": "Disconnected — reconnecting…",
    "cc.complaints_in": "Complaints filed today",
    "cc.complaints_out": "Complaints closed today",
    "cc.permits_in": "Permit applications today",
    "cc.permits_out": "Permits completed today",
    "cc.open": "Open cases",
    "cc.overdue": "Past their deadline",
    "cc.revenue": "Revenue received today",
    "cc.revenue_of": "of {billed} billed",
    "cc.ikm": "Community Satisfaction Index",
    "cc.ikm_of": "grade {category} · {answers} answers",
    "cc.ikm_none": "not enough answers yet",
    "cc.map": "Complaints per kecamatan (30 days)",
    "cc.legend_title": "Number of complaints",
    "public.map_label": "Map of the kecamatan with the complaints as points; each point opens its report",
    "console.map_label": "The report's point on the kecamatan map",
    "cc.top_kecamatan": "Most: {list}",
    "cc.trend": "Complaints filed and closed (30 days)",
    "cc.in": "Filed",
    "cc.out": "Closed",
    "cc.opds": "On-time rate by department",
    "cc.breaches": "Overdue",
    "cc.categories": "Top categories (30 days)",
    "cc.status": "Open cases by status",
    "cc.state": "Status",
    "cc.complaints": "Complaints",
    "cc.permits": "Permits",
    "cc.cycle": "View {n} of {of} · changes every {s} seconds",
    "cc.unknown_region": "Region not found.",
    "rollup.title": "Roll-up across regions",
    "rollup.province": "Province",
    "rollup.national": "National (every region)",
    "rollup.regions": "Regions ranked",
    "rollup.region": "Region",
    "rollup.best": "Most punctual departments",
    "rollup.worst": "Departments that need attention",
    "portal.title": "Transparency portal",
    "portal.lead": "Figures from the region's actual work, always current. No personal data.",
    "portal.live": "See the command center (live)",
    "portal.map": "Public complaint map and list",
    "portal.opds": "Department performance",
    "portal.median": "Median time to resolve",
    "portal.days": "{n} days",
    "portal.services": "Service standards and tariffs",
    "portal.working_days": "{n} working days",
    "portal.free": "free",
    "portal.by_rule": "fee by rule (see the service)",
    "portal.audit": "Today's audit trail",
    "portal.open_data": "Open data",
    "portal.catalog": "Data catalog (JSON, with licences)",
    "home.track_text": "The tracking number is on the receipt of your report or application.",
    "find.number": "Tracking number",
    "find.submit": "Track",
    "find.malformed": "Type a tracking number such as ADU-2026-000042.",
    "find.none": "Number {n} was not found. Check the number again.",
    "find.several": "Number {n} exists in several regions. Choose yours:",
    "login.forgot": "Forgot your password?",
    "login.no_account": "No account yet?",
    "login.signup": "Sign up as a citizen",
    "signup.title": "Sign up as a citizen",
    "signup.name": "Full name",
    "signup.email": "Email",
    "signup.email_hint": "We send an activation link to this address.",
    "signup.phone": "Phone number",
    "signup.nik": "NIK (optional)",
    "signup.nik_hint": "16 digits as on the KTP. An officer checks it when you apply for a permit.",
    "signup.password_hint": "At least 10 characters.",
    "signup.notice": "Privacy notice",
    "signup.no_notice": "This region has not published a privacy notice yet, so sign-up is not open.",
    "signup.accept": "I have read and accept this privacy notice.",
    "signup.submit": "Sign up",
    "signup.busy": "Sending…",
    "signup.sent_title": "Check your email",
    "signup.sent": "We sent an activation link to {email}. Open it within 24 hours to activate the account.",
    "signup.error.email": "Write a valid email address, for example name@example.id.",
    "signup.error.password": "The password needs at least 10 characters.",
    "signup.error.notice": "The privacy notice has just been updated. Read the new version and accept it again.",
    "reset.title": "Forgot password",
    "reset.lead": "Write your account's phone number or email. We send a code or a link to set a new password.",
    "reset.send": "Send the link",
    "reset.sent": "If {email} has an account, a link to set a new password was sent to it (valid 1 hour).",
    "reset.new_password": "New password",
    "reset.again": "Repeat the new password",
    "reset.save": "Save the password",
    "reset.mismatch": "The two passwords differ.",
    "reset.done": "The new password is saved. Every old session has ended; log in again.",
    "reset.link_failed": "This link is unknown, used or expired. Ask for a new one.",
    "report.key_lead": "This report is confidential and anonymous: it is not on the public pages. Keep this access key; only with it can you follow the report.",
    "track.key_label": "Have the access key of a confidential report? Write it here:",
    "track.key_open": "Open the report",
    "track.key_wrong": "This access key does not match this report. Check the key again.",
    "pdf.prev": "‹ Previous page",
    "pdf.next": "Next page ›",
    "pdf.page": "Page {n} of {of}",
    "pdf.failed": "This page cannot be shown. Open the file.",
    "console.document": "The report's PDF file",
    "signup.via": "Sign up with",
    "signup.via_phone": "Phone number (a code by SMS or WhatsApp)",
    "signup.via_email": "Email (an activation link)",
    "signup.code_title": "Enter the code",
    "signup.activate": "Activate the account",
    "signup.active": "Your account is active. Log in with your phone number and password.",
    "code.channel": "Send the code by",
    "code.send": "Send the code",
    "code.label": "6-digit code",
    "code.resend": "Send the code again (after 1 minute)",
    "code.sent": "The code was sent by {channel} to {phone}. Valid for 10 minutes.",
    "code.resent": "If a minute has passed, a new code was sent to {phone}.",
    "code.via.sms": "SMS",
    "code.via.whatsapp": "WhatsApp",
    "reset.via": "My account uses",
    "reset.via_phone": "A phone number (a code by SMS or WhatsApp)",
    "reset.code_sent": "If {phone} has an account, a code was sent to it (valid 10 minutes). Write the code and your new password.",
    "report.guest_title": "Reporting without an account",
    "report.guest_lead": "A phone number is enough: we send a code to make sure it is yours, and the report's news goes there.",
    "report.guest_login": "Have an account? Log in",
    "report.guest_name": "Your name",
    "report.guest_phone": "Phone number",
    "report.guest_anonymous": "Without a phone number, a report can only be sent anonymous and confidential (for example illegal levies).",
    "report.guest_photos": "Photos can be attached after logging in or signing up.",
    "report.choose_category": "— choose a category —",
    "report.category_needed": "Choose the category that best fits your problem.",
    "notfound.title": "Page not found",
    "notfound.text": "This address does not exist, or the link is wrong. Check the address, or start from the home page.",
    "notfound.home": "To the home page",
    "verify.signer": "Signed by",
    "report.photo_ready": "{name}: {size}",
    "report.photo_resized": "{name}: {from} → {size} (made smaller to send quickly)",
    "report.photo_too_big": "{name} is over 5 MB. Choose a smaller file.",
    "report.upload_progress": "Uploading photo {n} of {of}: {pct}%",
    "report.preparing": "Preparing the photos…",
    "console.in_kecamatan": "{k} district",
    "console.in_desa": "Village {d}",
    "console.no_place": "No place given.",
    "console.map_label": "The report's point on the district map",
    "console.photo": "Report photo (tap for full size)",
    "console.photos": "Photos and files",
    "console.answers": "Answers to the category's questions",
    "console.rahasia": "Not shown to the public",
    "console.internal": "internal",
    "console.note_required": "Note (required)",
    "console.note_internal": "Seen by staff only.",
    "console.note_public": "Seen by the reporter and on the public tracking page.",
    "console.submit_step": "Send: {step}",
    "console.note_needed": "Write a note for this step.",
    "console.reject_confirm": "Reject this report? The reporter is told with the reason, and the report is closed.",
    "console.reject_yes": "Yes, reject",
    "console.reject_no": "Cancel",
  },
};

// The catalog's keys and texts of one language (for the test that keeps both complete).
export function catalogOf(language) {
  return catalog[language];
}

export function lang() {
  return localStorage.getItem('sp.lang') === 'en' ? 'en' : 'id';
}

export function t(key, vars = {}) {
  const text = catalog[lang()][key] ?? catalog.id[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

// Fills every [data-i18n] element and wires the language button.
export function applyI18n() {
  document.documentElement.lang = lang();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  const button = document.getElementById('lang');
  if (button) {
    button.textContent = t('lang.switch');
    button.onclick = () => {
      localStorage.setItem('sp.lang', lang() === 'en' ? 'id' : 'en');
      location.reload();
    };
  }
}

// fetch() with the UI language and JSON; resolves to {ok, status, body, headers}.
export async function api(path, { method = 'GET', body, csrf, headers: extra = {} } = {}) {
  const headers = { 'Accept': 'application/json', 'Accept-Language': lang(), ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                  credentials: 'same-origin' });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  return { ok: res.ok, status: res.status, body: data, headers: res.headers };
}

// The session's CSRF token (from /api/v1/me, cached for the tab).
export async function session() {
  const res = await api('/api/v1/me');
  if (!res.ok) return null;
  sessionStorage.setItem('sp.csrf', res.body.csrf_token);
  sessionStorage.setItem('sp.region', res.body.region);
  return { user: res.body.user, region: res.body.region, csrf: res.body.csrf_token };
}

// The region of this tab's signed-in person as last seen (login, /me), so that a page can ask
// for the region's data while it asks who is signed in; null before that.
export function lastRegion() {
  return sessionStorage.getItem('sp.region');
}

// Creates an element with text (never HTML: what people typed is shown as typed).
export function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  return node;
}

// Uploads a file as the request body; resolves to the attachment id. `onProgress(sent, total)`
// follows the bytes going up (a photo on a slow line takes a while).
export function upload(file, csrf, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/attachments');
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept-Language', lang());
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total || file.size);
    xhr.onerror = () => reject(new Error(t('login.network')));
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body.id);
      else reject(new Error(problemText({ status: xhr.status, body })));
    };
    xhr.send(file);
  });
}

// A photo made fit to send from a phone: at most `maxSide` pixels a side, as JPEG, turned the
// way the camera held it (and so without its EXIF, GPS included). Small photos and PDFs are
// sent as they are. Resolves to { blob, width, height, resized }.
export async function preparePhoto(file, maxSide = 1600, quality = 0.8) {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return { blob: file, resized: false };
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { blob: file, resized: false };  // the server will say what is wrong with it
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.size <= 1536 * 1024) return { blob: file, width: bitmap.width, height: bitmap.height, resized: false };
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  return { blob: blob ?? file, width: canvas.width, height: canvas.height, resized: Boolean(blob) };
}

// A size in bytes as people read it: 240 KB, 1,2 MB.
export function formatBytes(n) {
  if (n < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(n / 1024)))} KB`;
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n / 1024 / 1024)} MB`;
}

// Dates and times as the region lives them. The API writes a civil date as YYYY-MM-DD and a
// moment with the region's own UTC offset (2026-12-31T10:00:00+07:00, +08:00 in WITA, +09:00 in
// WIT), so a page shows the region's wall clock by reading that offset, whatever zone the
// reader's phone is in: nothing here assumes Western Indonesia.
function wallClock(iso) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { at: new Date(iso + 'T00:00:00Z'), offset: null };
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return { at: new Date(Date.parse(iso) + offset * 60000), offset };
}

// Indonesia's three zones by their offset; another offset is written as UTC+H.
function zoneName(offset) {
  return { 420: 'WIB', 480: 'WITA', 540: 'WIT' }[offset] ?? `UTC${offset < 0 ? '-' : '+'}${Math.abs(offset) / 60}`;
}

function locale() {
  return lang() === 'en' ? 'en-GB' : 'id-ID';
}

// 7 Desember 2026
export function formatDate(iso) {
  if (!iso) return '';
  return wallClock(iso).at.toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// 7 Desember 2026 07.01 WIB (the region's own clock and zone)
export function formatDateTime(iso) {
  if (!iso) return '';
  const { at, offset } = wallClock(iso);
  const hh = String(at.getUTCHours()).padStart(2, '0');
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  const time = lang() === 'en' ? `${hh}:${mm}` : `${hh}.${mm}`;
  return `${formatDate(iso)} ${time}${offset === null ? '' : ` ${zoneName(offset)}`}`;
}

// Numbers and money in the reader's language (rupiah have no fraction).
export function formatNumber(n) {
  return new Intl.NumberFormat(locale()).format(n);
}

// A decimal number with a fixed number of digits after the comma (82,50 in Indonesian).
export function formatDecimal(n, digits) {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

export function rupiah(n) {
  return 'Rp' + new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n);
}

// The region a page shows: the one its address names, else the signed-in person's, else the
// first of the platform's `regions` (never a region written into the page).
export function pageRegion(fromAddress, me, regions) {
  return fromAddress || me?.region || regions?.[0]?.code || null;
}

// Puts each message beside the field it concerns (an input whose name, or data-field, is the
// field the server named) and tells assistive technology; clears the earlier ones. Returns the
// messages no field on the form could take (to be shown above the button). The first field
// with a problem gets the focus.
export function showFieldErrors(form, errors) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
  const unplaced = [];
  let first = null;
  for (const { field, message } of errors ?? []) {
    if (!message) continue;
    const input = field
      ? form.querySelector(`[name="${CSS.escape(field)}"], [data-field="${CSS.escape(field)}"]`)
      : null;
    if (!input) {
      unplaced.push(message);
      continue;
    }
    const id = `${input.id || CSS.escape(field).replace(/\W/g, '-')}-error`;
    const note = form.querySelector(`#${CSS.escape(id)}`) ?? el('p', '', { class: 'field-error', id });
    note.textContent = note.textContent ? `${note.textContent} ${message}` : message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    if (!note.isConnected) (input.closest('label.check') ?? input).after(note);  // a checkbox's note goes under its label
    first ??= input;
  }
  first?.focus();
  return unplaced;
}

// One message beside one field (true when the form has that field).
export function showFieldError(form, field, message) {
  return showFieldErrors(form, field && message ? [{ field, message }] : []).length === 0 && Boolean(field && message);
}

// A refused request in one line: its title and what it says (in the page's language).
export function problemText(res) {
  const b = res.body;
  return b?.title ? `${b.title} ${b.detail ?? ''}`.trim() : `HTTP ${res.status}`;
}

// A refused request said the way a person reads it: every problem beside its field, and what
// no field could take (or the problem's title) in `summary`. Uses the server's words, which
// come in the page's language.
export function showProblem(form, res, summary) {
  const errors = res.body?.errors ?? [];
  const unplaced = showFieldErrors(form, errors);
  const text = errors.length
    ? unplaced.join(' ')
    : problemText(res);
  if (summary) {
    summary.textContent = text;
    summary.hidden = !text;
  }
  return text;
}

// Fills a region <select> from the platform's list, choosing the address's ?region= if given.
export async function fillRegions(select) {
  const res = await api('/api/v1/regions');
  for (const r of res.ok ? res.body.regions : []) select.append(el('option', `${r.name} (${r.code})`, { value: r.code }));
  const wanted = new URLSearchParams(location.search).get('region');
  if (wanted) select.value = wanted;
  return res.ok;
}

// A shipped text written in simple Markdown (headings, paragraphs, "- " items), shown as text:
// nothing in it becomes HTML.
export function plainMarkdown(text) {
  const out = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.trim().split('\n');
    if (!lines[0]) continue;
    const heading = /^#+\s+(.*)$/.exec(lines[0]);
    if (heading) {
      out.push(el('h3', heading[1]));
      lines.shift();
    }
    if (lines.length && /^[-*]\s+/.test(lines[0])) {
      // Items start with "- "; an indented line continues the item above.
      const items = [];
      for (const l of lines) {
        if (/^[-*]\s+/.test(l)) items.push(l.replace(/^[-*]\s+/, ''));
        else items[items.length - 1] += ' ' + l.trim();
      }
      const list = el('ul');
      for (const item of items) list.append(el('li', item.replace(/\*\*/g, '')));
      out.push(list);
    } else if (lines.length) {
      out.push(el('p', lines.join(' ').replace(/\*\*/g, '')));
    }
  }
  return out;
}

// The header's "Keluar" button (when the page has one): ends the session, back to the login page.
export function wireLogout(csrf) {
  const button = document.getElementById('logout');
  if (!button) return;
  button.hidden = false;
  button.onclick = async () => {
    await api('/api/v1/auth/logout', { method: 'POST', csrf });
    location.assign('/login');
  };
}
