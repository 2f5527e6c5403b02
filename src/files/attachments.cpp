#include "files/attachments.hpp"

#include <cctype>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "events/event_log.hpp"

namespace satupintu::files {

namespace {
using store::TenantSql;

constexpr TenantSql kInsert{
    "INSERT INTO attachments(tenant, id, case_id, sha256, media_type, bytes, purpose, uploaded_by, created_at) "
    "VALUES ($1, $2, NULL, $3, $4, $5, 'report', $6, $7)"};
constexpr TenantSql kUnlinkedOf{
    "SELECT COUNT(*) FROM attachments WHERE tenant = $1 AND uploaded_by = $2 AND case_id IS NULL"};
constexpr TenantSql kRecentOf{
    "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM attachments WHERE tenant = $1 AND uploaded_by = $2"
    " AND created_at >= $3"};
constexpr int64_t kDayMs = 24 * 60 * 60 * 1000;

// Whether `actor` may upload `bytes` more (read in the transaction that would record it).
Status WithinQuota(store::ReadTx& tx, const store::TenantId& tenant, const std::string& actor, int64_t bytes,
                   int64_t now_ms, const UploadQuota& quota) {
    if (quota.max_unlinked > 0) {
        SP_ASSIGN(auto unlinked, tx.QueryOne(kUnlinkedOf, tenant, actor));
        if (unlinked->Int(0) >= quota.max_unlinked)
            return Err(Errc::kRateLimited, "upload quota: attach the files already uploaded to a report first", "file");
    }
    if (quota.max_per_day > 0 || quota.max_bytes_per_day > 0) {
        SP_ASSIGN(auto recent, tx.QueryOne(kRecentOf, tenant, actor, now_ms - kDayMs));
        if ((quota.max_per_day > 0 && recent->Int(0) >= quota.max_per_day) ||
            (quota.max_bytes_per_day > 0 && recent->Int(1) + bytes > quota.max_bytes_per_day))
            return Err(Errc::kRateLimited, "upload quota: too many files today", "file");
    }
    return Status::Ok();
}

constexpr TenantSql kFind{
    "SELECT id, case_id, sha256, media_type, bytes, purpose, uploaded_by FROM attachments WHERE tenant = $1 AND id = "
    "$2"};

uint32_t Be32(std::string_view b, size_t at) {
    return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
           (uint32_t(uint8_t(b[at + 2])) << 8) | uint8_t(b[at + 3]);
}
uint32_t Le32(std::string_view b, size_t at) {
    return uint8_t(b[at]) | (uint32_t(uint8_t(b[at + 1])) << 8) | (uint32_t(uint8_t(b[at + 2])) << 16) |
           (uint32_t(uint8_t(b[at + 3])) << 24);
}
void PutLe32(std::string& b, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

Error Broken(const char* what) {
    return Err(Errc::kInvalidInput, std::string("the file is not a valid ") + what, "file");
}

// JPEG: keep the image segments (and JFIF, ICC, Adobe); drop APP1 (EXIF/XMP, GPS), APP13
// (IPTC), the other APPn, and comments.
Result<std::string> StripJpeg(std::string_view b) {
    std::string out = "\xFF\xD8";
    size_t i = 2;
    while (i + 4 <= b.size()) {
        if (uint8_t(b[i]) != 0xFF) return Broken("JPEG");
        uint8_t m = uint8_t(b[i + 1]);
        if (m == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (m == 0xD9) return Broken("JPEG");  // the end before any scan: no image in it
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            out.append(b.substr(i, 2));
            i += 2;
            continue;
        }
        const size_t len = (size_t(uint8_t(b[i + 2])) << 8) | uint8_t(b[i + 3]);
        if (len < 2 || i + 2 + len > b.size()) return Broken("JPEG");
        const bool drop = (m >= 0xE1 && m <= 0xEF && m != 0xE2 && m != 0xEE) || m == 0xFE;
        if (!drop) out.append(b.substr(i, 2 + len));
        i += 2 + len;
        if (m == 0xDA) {  // start of scan: entropy-coded data to the end
            out.append(b.substr(i));
            return out;
        }
    }
    return Broken("JPEG");
}

// PNG: drop text chunks (tEXt, zTXt, iTXt), eXIf and tIME; check the chunk structure.
Result<std::string> StripPng(std::string_view b) {
    std::string out(b.substr(0, 8));
    size_t i = 8;
    bool first = true;
    while (i + 12 <= b.size()) {
        const size_t len = Be32(b, i);
        if (len > b.size() - i - 12) return Broken("PNG");
        const std::string_view type = b.substr(i + 4, 4);
        if (first && type != "IHDR") return Broken("PNG");
        first = false;
        if (type != "tEXt" && type != "zTXt" && type != "iTXt" && type != "eXIf" && type != "tIME")
            out.append(b.substr(i, 12 + len));
        i += 12 + len;
        if (type == "IEND") return out;
    }
    return Broken("PNG");
}

// WebP: drop the EXIF and XMP chunks and clear their flags in VP8X; fix the RIFF size.
Result<std::string> StripWebp(std::string_view b) {
    if (Le32(b, 4) + 8 > b.size() || Le32(b, 4) < 4) return Broken("WebP");
    std::string out(b.substr(0, 12));
    size_t i = 12;
    const size_t end = 8 + Le32(b, 4);
    bool image = false;
    while (i + 8 <= end) {
        const std::string_view type = b.substr(i, 4);
        const size_t len = Le32(b, i + 4);
        const size_t padded = len + (len & 1);
        if (len > end - i - 8) return Broken("WebP");
        if (type == "VP8 " || type == "VP8L" || type == "ANMF") image = true;
        if (type != "EXIF" && type != "XMP ") {
            std::string chunk(b.substr(i, 8 + std::min(padded, end - i - 8)));
            if (type == "VP8X" && chunk.size() > 8) chunk[8] = static_cast<char>(uint8_t(chunk[8]) & ~0x0C);
            out += chunk;
        }
        i += 8 + padded;
    }
    if (!image) return Broken("WebP");
    PutLe32(out, 4, static_cast<uint32_t>(out.size() - 8));
    return out;
}

}  // namespace

std::optional<std::string> SniffType(std::string_view b) {
    if (b.size() >= 4 && b.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
    if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
    if (b.size() >= 8 && b.substr(0, 5) == "%PDF-") return "application/pdf";
    return std::nullopt;
}

Result<std::string> StripMetadata(std::string_view media_type, std::string_view bytes) {
    if (media_type == "image/jpeg") return StripJpeg(bytes);
    if (media_type == "image/png") return StripPng(bytes);
    if (media_type == "image/webp") return StripWebp(bytes);
    if (media_type == "application/pdf") {
        // A PDF's document information and XMP are not rewritten (no PDF library yet); PDFs are
        // therefore shown to staff only, never publicly (see docs/decisions/0007).
        if (bytes.find("%%EOF") == std::string_view::npos) return Broken("PDF");
        // A document for an officer to read has no business running code or opening things:
        // scripts, automatic actions and launches are refused. (Names inside compressed object
        // streams are not seen here; downloads are therefore also sent as attachments in a
        // sandbox, see DownloadFile.)
        for (std::string_view active : {"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile",
                                        "/RichMedia", "/SubmitForm", "/ImportData"}) {
            for (size_t at = bytes.find(active); at != std::string_view::npos; at = bytes.find(active, at + 1)) {
                // A whole PDF name: not the start of a longer one (/JSON, /AAPL...).
                const size_t end = at + active.size();
                const char next = end < bytes.size() ? bytes[end] : ' ';
                if (!std::isalnum(static_cast<unsigned char>(next)) && next != '_' && next != '-')
                    return Err(Errc::kUnsupportedMedia, "PDF files with scripts or automatic actions are refused",
                               "file");
            }
        }
        return std::string(bytes);
    }
    return Err(Errc::kUnsupportedMedia, "only JPEG, PNG, WebP and PDF files", "file");
}

std::string FileStore::PathOf(const std::string& sha256) const {
    return dir_ + "/" + sha256.substr(0, 2) + "/" + sha256;
}

bool FileStore::RemoveIfOlder(const std::string& sha256, int64_t min_age_ms) const {
    std::error_code ec;
    const std::string path = PathOf(sha256);
    const auto changed = std::filesystem::last_write_time(path, ec);
    if (ec) return false;
    const auto age = std::filesystem::file_time_type::clock::now() - changed;
    if (age < std::chrono::milliseconds(min_age_ms)) return false;
    return std::filesystem::remove(path, ec);
}

Result<std::string> FileStore::Put(std::string_view content) const {
    const std::string hash = crypto::Sha256Hex(content);
    const std::string path = PathOf(hash);
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
        return hash;
    }
    std::filesystem::create_directories(dir_ + "/" + hash.substr(0, 2), ec);
    if (ec) return Err(Errc::kInternal, "cannot create the file folder");
    const std::string tmp = path + ".tmp" + NewId();
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) return Err(Errc::kInternal, "cannot write a file");
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
    }
    const bool ok = done == content.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        return Err(Errc::kInternal, "cannot write a file");
    }
    return hash;
}

Result<std::string> FileStore::Get(const std::string& sha256) const {
    std::ifstream in(PathOf(sha256), std::ios::binary);
    if (!in) return Err(Errc::kNotFound, "file missing");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Result<Attachment> Upload(store::Store& store, const FileStore& files, const store::TenantId& tenant,
                          std::string_view bytes, const std::string& actor, int64_t now_ms, const UploadQuota& quota) {
    if (bytes.size() > kMaxAttachmentBytes) return Err(Errc::kPayloadTooLarge, "at most 5 MB per file", "file");
    // Refused before anything reaches the disk; checked again where the upload is recorded.
    SP_TRY(store.Read([&](store::ReadTx& tx) {
        return WithinQuota(tx, tenant, actor, static_cast<int64_t>(bytes.size()), now_ms, quota);
    }));
    const auto type = SniffType(bytes);
    if (!type) return Err(Errc::kUnsupportedMedia, "only JPEG, PNG, WebP and PDF files", "file");
    SP_ASSIGN(const std::string clean, StripMetadata(*type, bytes));
    SP_ASSIGN(const std::string hash, files.Put(clean));
    Attachment a{NewId(), std::nullopt, hash, *type, static_cast<int64_t>(clean.size()), "report", actor};
    SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
        SP_TRY(WithinQuota(tx, tenant, actor, a.bytes, now_ms, quota));
        SP_TRY(tx.Exec(kInsert, tenant, a.id, a.sha256, a.media_type, a.bytes, actor, now_ms));
        return events::Append(tx, tenant, now_ms,
                              {"attachment.uploaded",
                               actor,
                               "attachment:" + a.id,
                               {{"sha256", a.sha256}, {"media_type", a.media_type}, {"bytes", a.bytes}}})
            .status();
    }));
    return a;
}

Result<int> ForgetUnlinked(store::Store& store, const FileStore& files, int64_t now_ms, int64_t ttl_ms) {
    // Maintenance across regions: each forgotten upload is still an event in its own region's chain.
    static constexpr store::GlobalSql kExpired{
        "SELECT tenant, id, sha256 FROM attachments WHERE case_id IS NULL AND created_at < $1 LIMIT 500"};
    static constexpr TenantSql kForget{"DELETE FROM attachments WHERE tenant = $1 AND id = $2 AND case_id IS NULL"};
    static constexpr store::GlobalSql kReferenced{
        "SELECT 1 FROM attachments WHERE sha256 = $1 UNION ALL SELECT 1 FROM documents WHERE file_sha256 = $1"};
    store::Rows expired;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(expired, tx.Query(kExpired, now_ms - ttl_ms));
        return Status::Ok();
    }));
    if (expired.empty()) return 0;
    int forgotten = 0;
    SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
        forgotten = 0;
        for (const auto& row : expired) {
            const store::TenantId tenant(row.Text(0));
            SP_ASSIGN(const int64_t gone, tx.Exec(kForget, tenant, row.Text(1)));
            if (gone == 0) continue;  // attached meanwhile
            ++forgotten;
            SP_TRY(
                events::Append(tx, tenant, now_ms, {"attachment.forgotten", "system", "attachment:" + row.Text(1), {}})
                    .status());
        }
        return Status::Ok();
    }));
    for (const auto& row : expired) {
        bool referenced = true;
        SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(auto any, tx.QueryOne(kReferenced, row.Text(2)));
            referenced = any.has_value();
            return Status::Ok();
        }));
        // A file someone uploads again right now was touched by Put: kept.
        if (!referenced) files.RemoveIfOlder(row.Text(2), 10 * 60 * 1000);
    }
    return forgotten;
}

Result<std::optional<Attachment>> FindAttachment(store::ReadTx& tx, const store::TenantId& tenant,
                                                 const std::string& id) {
    SP_ASSIGN(auto row, tx.QueryOne(kFind, tenant, id));
    if (!row) return std::optional<Attachment>{};
    Attachment a{row->Text(0), row->IsNull(1) ? std::nullopt : std::optional<std::string>(row->Text(1)),
                 row->Text(2), row->Text(3),
                 row->Int(4),  row->Text(5),
                 row->Text(6)};
    return std::optional<Attachment>{std::move(a)};
}

}  // namespace satupintu::files
