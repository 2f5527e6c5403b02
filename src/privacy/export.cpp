#include "privacy/export.hpp"

#include "cases/cases.hpp"
#include "core/ids.hpp"
#include "events/event_log.hpp"
#include "identity/users.hpp"

namespace satupintu::privacy {

namespace {
using store::TenantSql;

constexpr TenantSql kAccount{
    "SELECT created_at, disabled, notice_version, notice_accepted_at FROM users WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kRating{"SELECT rating, comment, at FROM case_ratings WHERE tenant = $1 AND case_id = $2"};
constexpr TenantSql kIkm{
    "SELECT element, answer, at FROM ikm_answers WHERE tenant = $1 AND case_id = $2 ORDER BY element"};
constexpr TenantSql kUploads{
    "SELECT a.id, a.media_type, a.bytes, a.sha256, a.purpose, a.created_at, c.number FROM attachments a "
    "LEFT JOIN cases c ON c.tenant = a.tenant AND c.id = a.case_id WHERE a.tenant = $1 AND a.uploaded_by = $2 "
    "ORDER BY a.created_at, a.id"};
constexpr TenantSql kDocuments{
    "SELECT d.id, d.number, d.title, d.status, d.issued_at, d.valid_until, d.revoked_at, d.revoke_reason, c.number "
    "FROM documents d LEFT JOIN cases c ON c.tenant = d.tenant AND c.id = d.case_id "
    "WHERE d.tenant = $1 AND d.holder_id = $2 ORDER BY d.issued_at, d.id"};
constexpr TenantSql kSessions{
    "SELECT created_at, last_seen_at FROM sessions WHERE tenant = $1 AND user_id = $2 ORDER BY created_at"};
constexpr TenantSql kEmails{
    "SELECT subject, body, created_at, sent_at FROM outbox WHERE tenant = $1 AND channel = 'email' AND target = $2 "
    "ORDER BY created_at, id"};
constexpr TenantSql kActs{"SELECT seq, at, type, subject FROM events WHERE tenant = $1 AND actor = $2 ORDER BY seq"};

json::value TimeOrNull(const store::Row& r, size_t i, int tz) {
    return r.IsNull(i) ? json::value(nullptr) : json::value(IsoWithOffset(r.Int(i), tz));
}
json::value TextOrNull(const store::Row& r, size_t i) {
    return r.IsNull(i) ? json::value(nullptr) : json::value(r.Text(i));
}

}  // namespace

Result<json::object> ExportPersonalData(store::ReadTx& tx, const store::TenantId& tenant,
                                        const identity::NikVault& vault, const std::string& user_id, int64_t now_ms,
                                        int tz) {
    SP_ASSIGN(auto user, identity::GetUser(tx, tenant, vault, user_id));
    SP_ASSIGN(auto account_row, tx.QueryOne(kAccount, tenant, user_id));
    if (!user || !account_row) return Err(Errc::kNotFound, "no such user");
    const std::string actor = "user:" + user_id;

    json::object account{
        {"id", user->id},
        {"role", user->role},
        {"name", user->name},
        {"email", user->email ? json::value(*user->email) : nullptr},
        {"phone", user->phone ? json::value(*user->phone) : nullptr},
        {"nik_verified", user->nik_verified},
        {"created_at", IsoWithOffset(account_row->Int(0), tz)},
        {"disabled", account_row->Int(1) != 0},
        {"privacy_notice_accepted", account_row->IsNull(2)
                                        ? json::value(nullptr)
                                        : json::value(json::object{{"version", account_row->Int(2)},
                                                                   {"at", IsoWithOffset(account_row->Int(3), tz)}})}};
    // Their own NIK, whole: it is theirs (staff see it only masked unless they record a view).
    SP_ASSIGN(auto nik, identity::OwnNik(tx, tenant, vault, user_id));
    account["nik"] = nik ? json::value(*nik) : nullptr;

    json::array cases;
    SP_ASSIGN(auto mine, cases::EveryCaseOfReporter(tx, tenant, user_id));
    for (const auto& c : mine) {
        json::object o = cases::CaseJson(c, /*for_public=*/true, tz);
        o["answers"] = c.attributes;
        o["anonymous"] = c.anonymous;
        o["rahasia"] = c.rahasia;
        SP_ASSIGN(auto timeline, cases::Timeline(tx, tenant, c.id));
        json::array steps;
        for (const auto& e : timeline) {
            if (e.is_public) steps.push_back(cases::TimelineJson(e, /*for_public=*/true, tz));
        }
        o["timeline"] = std::move(steps);
        SP_ASSIGN(auto rating, tx.QueryOne(kRating, tenant, c.id));
        o["rating"] = rating ? json::value(json::object{{"stars", rating->Int(0)},
                                                        {"comment", rating->Text(1)},
                                                        {"at", IsoWithOffset(rating->Int(2), tz)}})
                             : json::value(nullptr);
        SP_ASSIGN(auto ikm, tx.Query(kIkm, tenant, c.id));
        json::object survey;
        for (const auto& r : ikm) survey[r.Text(0)] = r.Int(1);
        o["survey"] = std::move(survey);
        cases.push_back(std::move(o));
    }

    json::array uploads;
    SP_ASSIGN(auto upload_rows, tx.Query(kUploads, tenant, actor));
    for (const auto& r : upload_rows) {
        uploads.push_back({{"id", r.Text(0)},
                           {"media_type", r.Text(1)},
                           {"bytes", r.Int(2)},
                           {"sha256", r.Text(3)},
                           {"purpose", r.Text(4)},
                           {"uploaded_at", IsoWithOffset(r.Int(5), tz)},
                           {"case_number", TextOrNull(r, 6)}});
    }
    json::array documents;
    SP_ASSIGN(auto doc_rows, tx.Query(kDocuments, tenant, user_id));
    for (const auto& r : doc_rows) {
        documents.push_back({{"id", r.Text(0)},
                             {"number", r.Text(1)},
                             {"title", r.Text(2)},
                             {"status", r.Text(3)},
                             {"issued_at", IsoWithOffset(r.Int(4), tz)},
                             {"valid_until", TextOrNull(r, 5)},
                             {"revoked_at", TimeOrNull(r, 6, tz)},
                             {"revoke_reason", TextOrNull(r, 7)},
                             {"case_number", TextOrNull(r, 8)}});
    }
    json::array sessions;
    SP_ASSIGN(auto session_rows, tx.Query(kSessions, tenant, user_id));
    for (const auto& r : session_rows) {
        sessions.push_back(
            {{"started_at", IsoWithOffset(r.Int(0), tz)}, {"last_seen_at", IsoWithOffset(r.Int(1), tz)}});
    }
    json::array emails;
    if (user->email) {
        SP_ASSIGN(auto mail_rows, tx.Query(kEmails, tenant, *user->email));
        for (const auto& r : mail_rows) {
            emails.push_back({{"subject", r.Text(0)},
                              {"body", r.Text(1)},
                              {"queued_at", IsoWithOffset(r.Int(2), tz)},
                              {"sent_at", TimeOrNull(r, 3, tz)}});
        }
    }
    json::array acts;
    SP_ASSIGN(auto act_rows, tx.Query(kActs, tenant, actor));
    for (const auto& r : act_rows) {
        acts.push_back(
            {{"seq", r.Int(0)}, {"at", IsoWithOffset(r.Int(1), tz)}, {"type", r.Text(2)}, {"subject", r.Text(3)}});
    }
    return json::object{{"format", "satupintu-personal-data/1"},
                        {"basis", "UU 27/2022 tentang Pelindungan Data Pribadi: hak akses dan salinan data pribadi"},
                        {"region", tenant.code()},
                        {"generated_at", IsoWithOffset(now_ms, tz)},
                        {"account", std::move(account)},
                        {"cases", std::move(cases)},
                        {"uploads", std::move(uploads)},
                        {"documents", std::move(documents)},
                        {"sessions", std::move(sessions)},
                        {"emails", std::move(emails)},
                        {"audit_log", std::move(acts)}};
}

Status RecordExport(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id, int64_t now_ms) {
    return events::Append(tx, tenant, now_ms, {"personal_data.exported", "user:" + user_id, "user:" + user_id, {}})
        .status();
}

}  // namespace satupintu::privacy
