// The case engine. Everything that moves through government is a case of a catalog service;
// complaints (pengaduan) are cases of services of kind "complaint". The engine validates what is
// filed, moves a case through its steps, runs the working-day SLA clock of each stage, and
// escalates breaches. Every step writes, in one transaction: the case row (the queue
// projection), a timeline row, the counters, the event in the tenant's hash chain, and the
// notifications in the outbox.
//
// Visibility rules live here too, so that every adapter (JSON API, pages, Open311) applies the
// same ones: a rahasia case never reaches a public view; an anonymous reporter's identity never
// reaches staff or the public.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/services.hpp"
#include "core/json.hpp"
#include "region/calendar.hpp"
#include "region/geo.hpp"
#include "region/wilayah.hpp"
#include "store/store.hpp"

namespace satupintu::cases {

inline constexpr size_t kMaxDescription = 4000;
inline constexpr size_t kMaxNote = 4000;
inline constexpr size_t kMaxAttachments = 5;

// Who acts on a case. `role` is a staff role, "citizen", or "system".
struct Actor {
    std::string id;  // the event actor: user:<id>, apikey:<id>, system
    std::string role;
    std::string user_id;
    std::optional<std::string> opd_id;
    bool via_api_key = false;
};

struct Contact {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    // A phone proven by a one-time code: "sms" or "whatsapp", how status updates reach it.
    // Unproven phones (Open311) get no messages: nobody can send texts to someone else's phone.
    std::optional<std::string> channel;
    // An anonymous rahasia report without an account: the SHA-256 of the key its reporter keeps.
    std::optional<std::string> access_key_hash;
};

struct NewComplaint {
    std::string service_code;
    std::string report_class = "pengaduan";  // aspirasi, pengaduan, permintaan_informasi
    std::string description;
    json::object attributes;
    std::optional<std::string> kecamatan_code;
    std::optional<std::string> desa_code;
    std::optional<region::GeoPoint> point;
    std::optional<std::string> address;
    bool area_required = false;            // the web's reports: a kecamatan or a point, an address is not enough
    std::optional<std::string> media_url;  // Open311: a link to the client's own copy of a photo
    bool anonymous = false;
    bool rahasia = false;
    std::optional<std::string> reporter_id;   // the filing citizen
    Contact contact;                          // reporters without an account (Open311, by phone)
    std::vector<std::string> attachment_ids;  // uploaded beforehand by the same actor
};

// The tenant-wide things the engine needs besides the transaction.
struct Env {
    const region::WorkingDayCalendar& calendar;
    const region::KecamatanMap& geo;
    int tz_offset_minutes = 420;
    int64_t now_ms = 0;
    std::string public_url;  // the address citizens reach, for links in notifications
};

// Plain text: valid UTF-8, at most `max` characters, no control characters but tab and newlines.
Status CheckText(std::string_view text, size_t max, const char* field, bool required);

struct TimelineEntry {
    std::string id;
    int64_t at = 0;
    std::string action;
    std::string status;
    std::string actor;  // role-level description for public views ("petugas", "pelapor")
    std::optional<std::string> opd_id;
    std::string note;
    bool is_public = false;
    std::vector<std::string> attachments;
};

struct Case {
    std::string id;
    std::string number;
    std::string service_id;
    int service_version = 1;
    std::string report_class;
    std::string status;
    bool is_open = true;
    std::string description;
    json::object attributes;
    std::optional<std::string> kecamatan_code;
    std::optional<std::string> desa_code;
    std::optional<region::GeoPoint> point;
    std::optional<std::string> address;
    bool area_required = false;  // the web's reports: a kecamatan or a point, an address is not enough
    std::optional<std::string> media_url;
    bool anonymous = false;
    bool rahasia = false;
    std::optional<std::string> reporter_id;
    std::string opd_id;
    std::optional<std::string> assignee_id;
    std::string stage;
    std::optional<std::string> stage_due;
    std::optional<std::string> paused_since;
    std::optional<std::string> resume_status;
    std::string resolve_by;
    int escalation = 0;
    bool breached = false;
    std::optional<std::string> merged_into;
    std::optional<int> rating;
    int64_t filed_at = 0;
    int64_t updated_at = 0;
    std::optional<int64_t> closed_at;
};

// Statuses of the complaint workflow.
bool IsKnownStatus(std::string_view status);
// Whether the public (and Open311) sees the case as closed: resolved, closed, rejected, merged.
bool IsPublicClosed(std::string_view status);

// A complaint checked against its service and located, ready to be written.
struct PreparedComplaint {
    NewComplaint in;
    catalog::Service service;
    std::optional<std::string> kecamatan_code;
    std::vector<std::string> terms;
};

// Validates a complaint against its service and locates it. Needs only a read transaction, so
// that this work runs on the request's own thread and not in the single writer.
Result<PreparedComplaint> PrepareComplaint(store::ReadTx& tx, const store::TenantId& tenant, const NewComplaint& in,
                                           const Env& env);
// The same from what the caller has already looked up (or cached): the active category with the
// complaint's service_code (nullptr: none), and the regions by code.
using RegionOf = std::function<Result<std::optional<region::Region>>(const std::string& code)>;
Result<PreparedComplaint> PrepareComplaint(const catalog::Service* service, const RegionOf& region_of,
                                           const store::TenantId& tenant, const NewComplaint& in, const Env& env);
// Numbers a prepared complaint, writes it with its timeline row, terms, counters, event and
// notifications, and starts the verification clock.
// Whether `key` is the access key of an anonymous rahasia report filed without an account.
Result<bool> HoldsAccessKey(store::ReadTx& tx, const store::TenantId& tenant, const std::string& case_id,
                            const std::string& key);
// A new access key: 16 characters of an alphabet without look-alikes (80 random bits), shown as
// four groups ("K7QM-3XPA-9TRD-2WFE"); and the SHA-256 kept of one, however it was typed (case,
// dashes and spaces do not matter).
std::string NewAccessKey();
std::string AccessKeyHash(std::string_view key);

// The contact a reporter without an account left (Open311, or a proven phone), if any.
Result<std::optional<Contact>> ContactOf(store::ReadTx& tx, const store::TenantId& tenant, const std::string& case_id);

Result<Case> FilePrepared(store::WriteTx& tx, const store::TenantId& tenant, const PreparedComplaint& prepared,
                          const Env& env, const Actor& actor);
// Both in one write transaction.
Result<Case> FileComplaint(store::WriteTx& tx, const store::TenantId& tenant, const NewComplaint& in, const Env& env,
                           const Actor& actor);

struct Action {
    std::string name;  // verify, reject, forward, pass_on, assign, start, request_info, reply,
                       // follow_up, resolve, reopen, close, rate, merge, comment
    std::string note;
    std::optional<std::string> reason;         // reject: bukan_kewenangan, duplikat, tidak_lengkap
    std::optional<std::string> opd_id;         // forward, pass_on
    std::optional<std::string> assignee_id;    // assign
    std::optional<std::string> target_number;  // merge
    std::optional<int> rating;                 // rate: 1..5
    json::object ikm;                          // rate: {"U1": 1..4, ...}
    std::vector<std::string> attachment_ids;   // follow_up (proof), reply
    std::optional<std::string> external_id;    // a client's update id (Open311), unique per tenant
};

// Applies one step to the case named by `number`; refuses steps the actor may not take or the
// status does not allow (kConflict), with nothing written.
Result<Case> Act(store::WriteTx& tx, const store::TenantId& tenant, const std::string& number, const Action& action,
                 const Env& env, const Actor& actor);

// Moves every case whose stage deadline passed: escalates open stages a rung at a time (with
// notifications) and closes resolved cases whose auto-close deadline passed. Returns the number
// of cases changed.
Result<int> Sweep(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, int limit = 500);

Result<std::optional<Case>> FindCase(store::ReadTx& tx, const store::TenantId& tenant, const std::string& number);
// The case_status_counts projection: CountStatus adds `delta` to the case's kind and status;
// MoveStatus, called before a case row is updated, moves one count from the stored status to
// the case's new one.
Status CountStatus(store::WriteTx& tx, const store::TenantId& tenant, const Case& c, int delta);
Status MoveStatus(store::WriteTx& tx, const store::TenantId& tenant, const Case& c);
// The opd_overdue projection (moved by MoveStatus too): an open complaint in its follow-up stage
// that the SLA sweep found past its deadline (escalation > 0).
bool CountsAsOverdue(const Case& c);
// The opd_resolution_days projection: whole days from filing to closing (at most 366), counted
// for complaints that closed (not rejected, not merged).
int64_t ResolutionDays(const Case& c);

// Permit applications (class "permohonan"): FindCase never returns them, so no complaint path
// (JSON API, pages, Open311, the console) can reach one.
Result<std::optional<Case>> FindApplication(store::ReadTx& tx, const store::TenantId& tenant,
                                            const std::string& number);
Result<std::vector<Case>> ApplicationsOf(store::ReadTx& tx, const store::TenantId& tenant,
                                         const std::string& reporter_id, int limit = 50);
// Applications waiting for an officer's decision, by deadline.
Result<std::vector<Case>> ApplicationsAwaitingDecision(store::ReadTx& tx, const store::TenantId& tenant, int limit);
Result<std::optional<Case>> FindCaseById(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id);

// A tracking number typed by a person, found in every region (numbers are per region, so one
// number may be in several): "complaint" or "permit" per region where it exists. Other classes
// (a personal-data request) are their filer's alone and are not found here.
struct NumberFound {
    std::string region;
    std::string region_name;
    std::string kind;
};
Result<std::vector<NumberFound>> FindNumberAnywhere(store::ReadTx& tx, const std::string& number);
Result<std::vector<TimelineEntry>> Timeline(store::ReadTx& tx, const store::TenantId& tenant,
                                            const std::string& case_id);

// Whether `actor` may see the complaint at all (staff of the tenant; an OPD's staff see its cases
// once forwarded; the reporter sees their own), by the complaint workflow's `visible_to`.
bool CanSee(const Case& c, const Actor& actor);

struct QueueFilter {
    std::optional<std::string> opd_id;  // an OPD's queue; empty: the whole tenant
    std::string status;                 // "" any open, or one status, or "all"
    std::string service_id;
    std::string kecamatan_code;
    bool overdue_only = false;
    std::string query;        // full-text
    std::string number;       // one tracking number (the search box given one), within the other filters
    std::string reporter_id;  // one person's reports (found by NIK or phone), never the anonymous ones
    std::string today;        // YYYY-MM-DD (for overdue)
    int limit = 50;
    std::string after;  // cursor: the last row's sort key from the previous page
};

struct QueuePage {
    std::vector<Case> cases;
    std::string next;  // cursor, empty when done
};

Result<QueuePage> Queue(store::ReadTx& tx, const store::TenantId& tenant, const QueueFilter& f);

// Open complaints of the same service within the service's radius of a point (for the duplicate
// hint while filing; no personal data in the result).
Result<std::vector<Case>> Nearby(store::ReadTx& tx, const store::TenantId& tenant, const catalog::Service& s,
                                 region::GeoPoint p, int limit = 5);

// A citizen's own cases, newest first.
Result<std::vector<Case>> CasesOfReporter(store::ReadTx& tx, const store::TenantId& tenant,
                                          const std::string& reporter_id, int limit = 50);

// Every case a person filed, of every class (complaints and applications), oldest first.
Result<std::vector<Case>> EveryCaseOfReporter(store::ReadTx& tx, const store::TenantId& tenant,
                                              const std::string& reporter_id);

// Public, non-rahasia cases, newest first (filed within [from_ms, to_ms)).
struct PublicFilter {
    int64_t from_ms = 0;
    int64_t to_ms = INT64_MAX;
    std::vector<std::string> service_ids;  // empty: any
    std::string status;                    // "", "open", "closed"
    int limit = 100;
    int offset = 0;
};
Result<std::vector<Case>> PublicCases(store::ReadTx& tx, const store::TenantId& tenant, const PublicFilter& f);

struct PublicUpdate {
    std::string id;
    std::string case_number;
    int64_t at = 0;
    std::string action;
    std::string status;
    std::string note;  // empty unless public
    std::vector<std::string> attachments;
};
// Timeline rows of non-rahasia cases in [from_ms, to_ms), oldest first.
Result<std::vector<PublicUpdate>> PublicUpdates(store::ReadTx& tx, const store::TenantId& tenant, int64_t from_ms,
                                                int64_t to_ms, int limit, int offset);

struct OpdPerformance {
    std::string opd_id;
    int64_t received = 0;
    int64_t closed = 0;
    int64_t closed_on_time = 0;
    int64_t open_overdue = 0;
    // On time / (closed + open overdue), as JSON: null while nothing is closed or overdue.
    json::value OnTimeRate() const {
        const int64_t d = closed + open_overdue;
        return d ? json::value(static_cast<double>(closed_on_time) / static_cast<double>(d)) : json::value(nullptr);
    }
};
// On-time rate inputs per OPD: on time / (closed + open overdue), from projections only (open
// overdue as of the last SLA sweep).
Result<std::vector<OpdPerformance>> Performance(store::ReadTx& tx, const store::TenantId& tenant);

// The case as JSON. `for_public`: no reporter, no internal notes, no contact; staff views never
// carry an anonymous reporter.
json::object CaseJson(const Case& c, bool for_public, int tz = 420);
json::object TimelineJson(const TimelineEntry& e, bool for_public, int tz = 420);

}  // namespace satupintu::cases
