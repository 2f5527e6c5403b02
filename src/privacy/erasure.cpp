#include "privacy/erasure.hpp"

#include "cases/classes.hpp"
#include "core/messages.hpp"
#include "events/event_log.hpp"

namespace satupintu::privacy {

namespace {
using store::TenantSql;

constexpr const char* kRequestClass = "hak_data";  // the request keeps its kind

constexpr TenantSql kAccount{"SELECT role, email, phone FROM users WHERE tenant = $1 AND id = $2"};
// The person's cases whose text goes: every class but permit applications.
constexpr TenantSql kErasableCases{
    "SELECT id FROM cases WHERE tenant = $1 AND reporter_id = $2 AND class <> 'permohonan'"};
constexpr TenantSql kEraseCase{
    "UPDATE cases SET description = $3, address = NULL, media_url = NULL,"
    " attributes = CASE WHEN class = 'hak_data' THEN attributes ELSE '{}' END WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kEraseTerms{"DELETE FROM case_terms WHERE tenant = $1 AND case_id = $2"};
constexpr TenantSql kEraseContact{"DELETE FROM case_contacts WHERE tenant = $1 AND case_id = $2"};
constexpr TenantSql kEraseComment{"UPDATE case_ratings SET comment = '' WHERE tenant = $1 AND case_id = $2"};
// The notes the person wrote: on their own case, the steps no office took.
constexpr TenantSql kEraseOwnNotes{
    "UPDATE case_updates SET note = '' WHERE tenant = $1 AND case_id = $2"
    " AND actor NOT IN ('sistem', 'verifikator', 'kepala_opd', 'petugas')"};
// Their uploads to erased cases (and never-attached ones) become unlinked and expired, so the
// next maintenance sweep deletes the rows and the files nothing else refers to.
constexpr TenantSql kUnlinkUploads{
    "UPDATE attachments SET case_id = NULL, created_at = 0 WHERE tenant = $1 AND uploaded_by = $2"
    " AND (case_id IS NULL OR case_id IN (SELECT id FROM cases WHERE tenant = $1 AND reporter_id = $3"
    " AND class <> 'permohonan'))"};
constexpr TenantSql kEraseEmails{
    "DELETE FROM outbox WHERE tenant = $1 AND channel = 'email' AND (target = $2 OR target = $3)"};
constexpr TenantSql kEraseRegistrations{"DELETE FROM registrations WHERE tenant = $1 AND email = $2"};
constexpr TenantSql kEndSessions{"DELETE FROM sessions WHERE tenant = $1 AND user_id = $2"};
constexpr TenantSql kForgetResets{"DELETE FROM password_resets WHERE tenant = $1 AND user_id = $2"};
constexpr TenantSql kForgetFollows{"DELETE FROM case_followers WHERE tenant = $1 AND user_id = $2"};
constexpr TenantSql kEraseAccount{
    "UPDATE users SET name = '', email = NULL, phone = NULL, nik_sealed = NULL, nik_index = NULL,"
    " nik_claim_index = NULL, nik_verified_at = NULL, password_hash = '!', disabled = 1"
    " WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kKeptApplications{
    "SELECT COUNT(*) FROM cases WHERE tenant = $1 AND reporter_id = $2 AND class = 'permohonan'"};
constexpr TenantSql kKeptDocuments{"SELECT COUNT(*) FROM documents WHERE tenant = $1 AND holder_id = $2"};

// What replaces an erased description: the region's record says that it was erased, and why.
std::string ErasedText() {
    return std::string(Message("privacy.erased", Lang::kId));
}

}  // namespace

Result<Erasure> ErasePerson(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id,
                            int64_t now_ms, const std::string& actor) {
    SP_ASSIGN(auto account, tx.QueryOne(kAccount, tenant, user_id));
    if (!account) return Err(Errc::kNotFound, "no such user");
    if (account->Text(0) != "citizen") return Err(Errc::kConflict, "only a citizen's own data is erased on request");
    const std::string email = account->IsNull(1) ? "" : account->Text(1);
    const std::string phone = account->IsNull(2) ? "" : account->Text(2);

    Erasure out;
    SP_ASSIGN(auto erasable, tx.Query(kErasableCases, tenant, user_id));
    SP_ASSIGN(const int64_t uploads, tx.Exec(kUnlinkUploads, tenant, "user:" + user_id, user_id));
    out.uploads = static_cast<int>(uploads);
    const std::string erased = ErasedText();
    for (const auto& row : erasable) {
        const std::string id = row.Text(0);
        SP_TRY(tx.Exec(kEraseCase, tenant, id, erased));
        SP_TRY(tx.Exec(kEraseTerms, tenant, id));
        SP_TRY(tx.Exec(kEraseContact, tenant, id));
        SP_TRY(tx.Exec(kEraseComment, tenant, id));
        SP_TRY(tx.Exec(kEraseOwnNotes, tenant, id));
        ++out.cases;
    }
    if (!email.empty() || !phone.empty()) {
        SP_ASSIGN(const int64_t mails, tx.Exec(kEraseEmails, tenant, email, phone));
        out.emails = static_cast<int>(mails);
    }
    if (!email.empty()) SP_TRY(tx.Exec(kEraseRegistrations, tenant, email));
    SP_TRY(tx.Exec(kEndSessions, tenant, user_id));
    SP_TRY(tx.Exec(kForgetResets, tenant, user_id));
    SP_TRY(tx.Exec(kForgetFollows, tenant, user_id));  // the cases they followed, and the counts

    SP_TRY(tx.Exec(kEraseAccount, tenant, user_id));
    SP_ASSIGN(auto applications, tx.QueryOne(kKeptApplications, tenant, user_id));
    SP_ASSIGN(auto documents, tx.QueryOne(kKeptDocuments, tenant, user_id));
    out.applications = static_cast<int>(applications->Int(0));
    out.documents = static_cast<int>(documents->Int(0));
    events::Event e{"personal_data.erased", actor, "user:" + user_id, {}};
    e.payload["cases"] = out.cases;
    e.payload["uploads"] = out.uploads;
    e.payload["emails"] = out.emails;
    e.payload["applications_kept"] = out.applications;
    e.payload["documents_kept"] = out.documents;
    SP_TRY(events::Append(tx, tenant, now_ms, e).status());
    return out;
}

void RegisterCaseHooks() {
    cases::RegisterDataClassHook("erase_personal_data", [](cases::StepContext& x) -> Status {
        const auto* kind = x.c.attributes.if_contains("jenis");
        if (x.c.report_class != kRequestClass || !x.c.reporter_id || !kind || *kind != "penghapusan")
            return Err(Errc::kConflict, "only a request to erase personal data erases it");
        SP_ASSIGN(const auto done, ErasePerson(x.tx, x.tenant, *x.c.reporter_id, x.at.now_ms, x.actor.id));
        // The request's own row is saved after this hook: its text goes too.
        x.c.description = ErasedText();
        const std::string summary = Format("note.personal_data.erased", Lang::kId,
                                           {{"cases", std::to_string(done.cases)},
                                            {"uploads", std::to_string(done.uploads)},
                                            {"applications", std::to_string(done.applications)},
                                            {"documents", std::to_string(done.documents)}});
        x.note = x.note.empty() ? summary : x.note + "\n" + summary;
        return Status::Ok();
    });
}

}  // namespace satupintu::privacy
