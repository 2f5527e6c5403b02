#include "privacy/notices.hpp"

#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "core/json.hpp"
#include "events/event_log.hpp"

namespace satupintu::privacy {

namespace {
using store::TenantSql;

constexpr size_t kMaxNotice = 64 * 1024;
constexpr TenantSql kCurrent{
    "SELECT version, body, published_at FROM privacy_notices WHERE tenant = $1 ORDER BY version DESC LIMIT 1"};
constexpr TenantSql kInsert{"INSERT INTO privacy_notices(tenant, version, body, published_at) VALUES ($1, $2, $3, $4)"};
constexpr TenantSql kCurrentVersion{"SELECT MAX(version) FROM privacy_notices WHERE tenant = $1"};
constexpr TenantSql kUserStanding{"SELECT notice_version, notice_accepted_at FROM users WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kAccepted{
    "UPDATE users SET notice_version = $3, notice_accepted_at = $4 WHERE tenant = $1 AND id = $2"};

}  // namespace

Result<std::optional<Notice>> CurrentNotice(store::ReadTx& tx, const store::TenantId& tenant) {
    SP_ASSIGN(auto row, tx.QueryOne(kCurrent, tenant));
    if (!row) return std::optional<Notice>();
    return std::optional<Notice>(Notice{static_cast<int>(row->Int(0)), row->Text(1), row->Int(2)});
}

Result<Notice> PublishNotice(store::WriteTx& tx, const store::TenantId& tenant, const std::string& body, int64_t now_ms,
                             const std::string& actor) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos || body.size() > kMaxNotice || !IsValidUtf8(body))
        return Err(Errc::kInvalidInput, "text: the notice, up to 64 KB of UTF-8", "text");
    SP_ASSIGN(auto current, CurrentNotice(tx, tenant));
    const Notice n{current ? current->version + 1 : 1, body, now_ms};
    SP_TRY(tx.Exec(kInsert, tenant, int64_t{n.version}, n.body, n.published_at).status());
    events::Event e{"privacy_notice.published", actor, "privacy_notice:" + std::to_string(n.version), {}};
    e.payload["version"] = n.version;
    e.payload["body_sha256"] = crypto::Sha256Hex(n.body);
    SP_TRY(events::Append(tx, tenant, now_ms, e).status());
    return n;
}

Status CheckAccepted(store::ReadTx& tx, const store::TenantId& tenant, int64_t version) {
    SP_ASSIGN(auto current, CurrentNotice(tx, tenant));
    if (!current) return Err(Errc::kConflict, "this region has published no privacy notice yet", "notice_version");
    if (version != current->version)
        return Err(Errc::kConflict,
                   "the privacy notice in force is version " + std::to_string(current->version) + "; read it first",
                   "notice_version");
    return Status::Ok();
}

json::object ToJson(const Standing& s) {
    return {{"accepted", s.accepted ? json::value(*s.accepted) : nullptr},
            {"current", s.current ? json::value(*s.current) : nullptr},
            {"pending", s.Pending()}};
}

Result<Standing> StandingOf(store::ReadTx& tx, const store::TenantId& tenant, const std::string& user_id) {
    Standing out;
    SP_ASSIGN(auto current, tx.QueryOne(kCurrentVersion, tenant));
    if (current && !current->IsNull(0)) out.current = current->Int(0);
    SP_ASSIGN(auto user, tx.QueryOne(kUserStanding, tenant, user_id));
    if (user && !user->IsNull(0)) out.accepted = user->Int(0), out.accepted_at = user->Int(1);
    return out;
}

Status RecordAcceptance(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id, int64_t version,
                        int64_t accepted_at, int64_t now_ms) {
    SP_TRY(tx.Exec(kAccepted, tenant, user_id, version, accepted_at).status());
    events::Event e{"privacy_notice.accepted", "user:" + user_id, "user:" + user_id, {}};
    e.payload["version"] = version;
    return events::Append(tx, tenant, now_ms, e).status();
}

Result<std::string> DefaultNotice(const std::string& share_dir, const std::string& region_name) {
    const std::string path = share_dir + "/privacy/pemberitahuan-privasi.md";
    std::ifstream in(path);
    if (!in) return Err(Errc::kNotFound, "missing " + path);
    std::stringstream text;
    text << in.rdbuf();
    std::string body = text.str();
    for (size_t at; (at = body.find("{region}")) != std::string::npos;) body.replace(at, 8, region_name);
    return body;
}

}  // namespace satupintu::privacy
