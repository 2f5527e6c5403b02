#include "privacy/retention.hpp"

#include <map>

#include "events/event_log.hpp"
#include "region/tenants.hpp"

namespace satupintu::privacy {

namespace {
using store::TenantSql;

// Sent or not: the sender gives up on a message within days, long before it is this old. Emails,
// SMS and WhatsApp messages (to people, with their address or number); webhooks are not personal.
constexpr TenantSql kOldEmails{"DELETE FROM outbox WHERE tenant = $1 AND channel <> 'webhook' AND created_at < $2"};
constexpr TenantSql kOldSessions{"DELETE FROM sessions WHERE tenant = $1 AND last_seen_at < $2"};
constexpr TenantSql kExpiredRegistrations{"DELETE FROM registrations WHERE tenant = $1 AND expires_at < $2"};
constexpr TenantSql kExpiredResets{"DELETE FROM password_resets WHERE tenant = $1 AND expires_at < $2"};
// The answers kept for idempotency keys (issue 15), after a day: a retry comes within minutes.
constexpr store::GlobalSql kOldIdempotencyKeys{"DELETE FROM idempotency_keys WHERE created_at < $1"};
constexpr TenantSql kExpiredCodes{"DELETE FROM phone_codes WHERE tenant = $1 AND expires_at < $2"};

}  // namespace

Result<Retained> ApplyRetention(store::Store& store, const RetentionPolicy& policy, int64_t now_ms) {
    std::vector<region::Tenant> tenants;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(tenants, region::ListTenants(tx));
        return Status::Ok();
    }));
    Retained total;
    for (const auto& t : tenants) {
        const store::TenantId tenant(t.code);
        SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
            Retained here;
            if (policy.email_days > 0) {
                SP_ASSIGN(here.emails, tx.Exec(kOldEmails, tenant, now_ms - int64_t{policy.email_days} * 86'400'000));
            }
            if (policy.session_max_ms > 0) {
                SP_ASSIGN(here.sessions, tx.Exec(kOldSessions, tenant, now_ms - policy.session_max_ms));
            }
            SP_ASSIGN(here.registrations, tx.Exec(kExpiredRegistrations, tenant, now_ms));
            SP_ASSIGN(here.reset_links, tx.Exec(kExpiredResets, tenant, now_ms));
            SP_ASSIGN(here.phone_codes, tx.Exec(kExpiredCodes, tenant, now_ms));
            if (here.emails + here.sessions + here.registrations + here.reset_links + here.phone_codes == 0)
                return Status::Ok();
            events::Event e{"retention.applied", "system", "region:" + t.code, {}};
            e.payload["emails"] = here.emails;
            e.payload["sessions"] = here.sessions;
            e.payload["registrations"] = here.registrations;
            e.payload["reset_links"] = here.reset_links;
            e.payload["phone_codes"] = here.phone_codes;
            SP_TRY(events::Append(tx, tenant, now_ms, e).status());
            total.emails += here.emails;
            total.sessions += here.sessions;
            total.registrations += here.registrations;
            total.reset_links += here.reset_links;
            total.phone_codes += here.phone_codes;
            return Status::Ok();
        }));
    }
    SP_TRY(store.Write(
        [&](store::WriteTx& tx) { return tx.Exec(kOldIdempotencyKeys, now_ms - int64_t{24} * 3'600'000).status(); }));
    return total;
}

}  // namespace satupintu::privacy
