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
    Entry{"error.forbidden", "Anda tidak berwenang melakukan ini.", "You are not allowed to do this."},
    Entry{"error.headers_too_large", "Header permintaan terlalu besar.", "Request headers are too large."},
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

std::string Format(std::string_view key, Lang lang, std::initializer_list<Param> params) {
    const std::string_view text = Message(key, lang);
    std::string out;
    out.reserve(text.size() + 64);
    size_t i = 0;
    while (i < text.size()) {
        const size_t open = text.find('{', i);
        if (open == std::string_view::npos) break;
        const size_t close = text.find('}', open);
        if (close == std::string_view::npos) break;
        out.append(text.substr(i, open - i));
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const Param* p = std::find_if(params.begin(), params.end(), [&](const Param& q) { return q.name == name; });
        if (p != params.end()) {
            out += p->value;
        } else {
            out.append(text.substr(open, close - open + 1));
        }
        i = close + 1;
    }
    out.append(text.substr(i));
    return out;
}

std::vector<std::string_view> MessageKeys() {
    std::vector<std::string_view> keys;
    for (const auto& e : kCatalog) keys.push_back(e.key);
    return keys;
}

}  // namespace satupintu
