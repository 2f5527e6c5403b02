// Attachments (complaint photos, proof-of-fix photos, documents): the type is decided by the
// content, never by a name or a header; metadata (EXIF with GPS, XMP, IPTC, text chunks,
// comments) is stripped before anything is stored, so every copy anyone is shown is the
// stripped one; files are stored content-addressed (DATA/files/ab/<sha256>) outside any web
// root.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::files {

inline constexpr size_t kMaxAttachmentBytes = 5 * 1024 * 1024;

// "image/jpeg", "image/png", "image/webp", "application/pdf", or nullopt.
std::optional<std::string> SniffType(std::string_view bytes);

// The bytes without metadata; an error when the structure is broken (a spoofed or damaged file).
Result<std::string> StripMetadata(std::string_view media_type, std::string_view bytes);

struct Attachment {
    std::string id;
    std::optional<std::string> case_id;
    std::string sha256;
    std::string media_type;
    int64_t bytes = 0;
    std::string purpose;
    std::string uploaded_by;
};

class FileStore {
  public:
    explicit FileStore(std::string dir) : dir_(std::move(dir)) {}
    // Writes content under its hash (atomically, durably); returns the hash. Content already
    // there is touched, so a cleanup never takes it from under a new upload.
    Result<std::string> Put(std::string_view content) const;
    Result<std::string> Get(const std::string& sha256) const;
    // Deletes the file of `sha256` unless it changed within `min_age_ms` (false: kept).
    bool RemoveIfOlder(const std::string& sha256, int64_t min_age_ms) const;

  private:
    std::string PathOf(const std::string& sha256) const;
    std::string dir_;
};

// What one account may upload: files waiting to be attached to a case, and everything in a day
// (0: no limit).
struct UploadQuota {
    int max_unlinked = 10;
    int max_per_day = 60;
    int64_t max_bytes_per_day = 100 * 1024 * 1024;
};

// Checks, strips and stores an upload, and records it (not yet linked to a case). Over the
// uploader's quota: kRateLimited, nothing stored.
Result<Attachment> Upload(store::Store& store, const FileStore& files, const store::TenantId& tenant,
                          std::string_view bytes, const std::string& actor, int64_t now_ms,
                          const UploadQuota& quota = {});

inline constexpr int64_t kUnlinkedTtlMs = 24 * 60 * 60 * 1000;

// Forgets uploads that were never attached to a case within `ttl_ms` (their rows, with an event
// each, in every region) and deletes the files no attachment or signed document refers to any
// more. Returns how many uploads were forgotten.
Result<int> ForgetUnlinked(store::Store& store, const FileStore& files, int64_t now_ms,
                           int64_t ttl_ms = kUnlinkedTtlMs);

Result<std::optional<Attachment>> FindAttachment(store::ReadTx& tx, const store::TenantId& tenant,
                                                 const std::string& id);

}  // namespace satupintu::files
