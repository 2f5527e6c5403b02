// The one module that writes and reads case rows for every case class: the case row (the queue
// projection), its timeline, its attachments, its number, the counters kept beside it, and its
// events. Complaints, permit applications and any later class call these; none of them has SQL
// of its own for these tables.
//
// Every write takes the caller's write transaction; nothing here commits. Stateless and
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/cases.hpp"
#include "store/store.hpp"

namespace satupintu::cases {

// The columns FromRow reads, in its order (a macro so that it joins into constexpr SQL).
#define SP_CASE_COLS                                                                                 \
    "id, number, service_id, service_version, class, status, is_open, description, attributes, "     \
    "kecamatan_code, desa_code, lat_e6, lng_e6, address, anonymous, rahasia, reporter_id, opd_id, "  \
    "assignee_id, stage, stage_due, paused_since, resume_status, resolve_by, escalation, breached, " \
    "merged_into, rating, filed_at, updated_at, closed_at, media_url"
#define SP_CASE_COLS_C                                                                                         \
    "c.id, c.number, c.service_id, c.service_version, c.class, c.status, c.is_open, c.description, "           \
    "c.attributes, c.kecamatan_code, c.desa_code, c.lat_e6, c.lng_e6, c.address, c.anonymous, c.rahasia, "     \
    "c.reporter_id, c.opd_id, c.assignee_id, c.stage, c.stage_due, c.paused_since, c.resume_status, "          \
    "c.resolve_by, c.escalation, c.breached, c.merged_into, c.rating, c.filed_at, c.updated_at, c.closed_at, " \
    "c.media_url"

// "No deadline" as stored (the queue index sorts it last).
inline constexpr const char* kNoDue = "9999-12-31";

// When a step happens: the region's calendar and zone, and the time.
struct Moment {
    const region::WorkingDayCalendar& calendar;
    int tz_offset_minutes = 420;
    int64_t now_ms = 0;
    std::string Today() const;
};

// When a step happens, from what the complaint adapters carry.
inline Moment MomentOf(const Env& env) {
    return {env.calendar, env.tz_offset_minutes, env.now_ms};
}

// Attachment ids as a JSON array (timeline rows and event payloads).
json::array IdsJson(const std::vector<std::string>& ids);

Case FromRow(const store::Row& r);
Result<std::vector<Case>> CasesOf(Result<store::Rows> rows);

// The dashboards' kind of a case class: "complaint" for the three report classes, "permit" for
// applications, the class itself otherwise.
std::string KindOf(std::string_view report_class);

// The next number of a series: PREFIX-YYYY-NNNNNN, the serial per region, prefix and year.
Result<std::string> NextNumber(store::WriteTx& tx, const store::TenantId& tenant, const std::string& prefix,
                               const std::string& today);

// Writes a new case row (and counts its status).
Status InsertCase(store::WriteTx& tx, const store::TenantId& tenant, const Case& c, const Moment& at);
// Writes a changed case row (moving its status counts and overdue count first).
Status SaveCase(store::WriteTx& tx, const store::TenantId& tenant, const Case& c, const Moment& at);

// A timeline row. `actor_label` is what the public sees ("petugas", "pelapor", ...).
Status AddTimeline(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c,
                   const std::string& action, const std::string& actor_label, const std::string& note, bool is_public,
                   const std::vector<std::string>& attachments, const std::optional<std::string>& external_id);
// What the public timeline calls an actor; `reporter_label` names the citizen ("pelapor", "pemohon").
std::string ActorLabel(const Actor& a, std::string_view reporter_label);

struct Claim {
    const char* purpose = "report";  // report, proof, application
    size_t max = kMaxAttachments;
    bool again = false;  // files already linked to this case may be named again (a draft's documents)
};
// Links the actor's uploaded files to the case.
Status ClaimAttachments(store::WriteTx& tx, const store::TenantId& tenant, const std::string& case_id,
                        const std::string& actor_id, const std::vector<std::string>& ids, const Claim& how);

// Counters kept in the same transaction: a case filed (per day, service, OPD, kecamatan; and the
// OPD's received count where the class counts toward performance), a case closed (or reopened:
// sign -1).
Status CountFiled(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c, bool performance);
Status CountClosed(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c, int sign,
                   bool performance);

// The full-text search terms of a case (search.hpp), filed with it.
Status AddTerms(store::WriteTx& tx, const store::TenantId& tenant, const Case& c,
                const std::vector<std::string>& terms);

// Appends the case's event to the region's chain: <type> with the case's state added. What people
// wrote (description, note, answers) enters the chain as a digest, never as text: the chain is
// never deleted, while the text may have to be erased (UU 27/2022; decision 20).
Status AppendCaseEvent(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c,
                       const std::string& type, const std::string& actor_id, json::object payload);

// Numbers of open cases of a class in `status` whose stage deadline is before `date`, oldest first.
Result<std::vector<std::string>> DueInStatus(store::ReadTx& tx, const store::TenantId& tenant,
                                             const std::string& report_class, const std::string& status,
                                             const std::string& date, int limit);
// (filed_at, closed_at) of the latest cases of a service closed in `status`.
Result<std::vector<std::pair<int64_t, int64_t>>> ClosedDurations(store::ReadTx& tx, const store::TenantId& tenant,
                                                                 const std::string& service_id,
                                                                 const std::string& status, int limit);

}  // namespace satupintu::cases
