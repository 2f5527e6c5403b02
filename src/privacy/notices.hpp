// The region's privacy notice (pemberitahuan privasi, UU 27/2022): what is processed, why, on
// what basis, for how long, and the person's rights. Published in versions that never change;
// a registration names the version the person read and accepted, and the account keeps it.
#pragma once

#include <optional>
#include <string>

#include "core/json.hpp"
#include "store/store.hpp"

namespace satupintu::privacy {

struct Notice {
    int version = 0;
    std::string body;
    int64_t published_at = 0;
};

Result<std::optional<Notice>> CurrentNotice(store::ReadTx& tx, const store::TenantId& tenant);

// Publishes `body` as the next version (an event records its digest). kInvalidInput for an empty
// or oversized text.
Result<Notice> PublishNotice(store::WriteTx& tx, const store::TenantId& tenant, const std::string& body, int64_t now_ms,
                             const std::string& actor);

// A registration must accept the notice in force: kConflict (field notice_version) when the
// person read another version, or when the region has published none.
Status CheckAccepted(store::ReadTx& tx, const store::TenantId& tenant, int64_t version);

// Where a person stands: the version they accepted (if any) and the one in force. Pending when a
// region has a notice the person has not accepted (a new version since they joined).
struct Standing {
    std::optional<int64_t> accepted;
    std::optional<int64_t> accepted_at;
    std::optional<int64_t> current;
    bool Pending() const { return current && accepted != current; }
};
// {"accepted": version or null, "current": version or null, "pending": bool}
json::object ToJson(const Standing& s);
Result<Standing> StandingOf(store::ReadTx& tx, const store::TenantId& tenant, const std::string& user_id);

// Records that the person accepted `version` at `accepted_at` (an event in the chain); the
// caller has checked the version (CheckAccepted) when the person accepted it.
Status RecordAcceptance(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id, int64_t version,
                        int64_t accepted_at, int64_t now_ms);

// The shipped notice (share/privacy/pemberitahuan-privasi.md) with the region's name filled in.
Result<std::string> DefaultNotice(const std::string& share_dir, const std::string& region_name);

}  // namespace satupintu::privacy
