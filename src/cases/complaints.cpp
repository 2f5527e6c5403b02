// Complaints (pengaduan) on the case engine: filing, the complaint class's hooks (routing to an
// OPD, rating with the IKM survey, merging duplicates), telling reporters, and the SLA sweep's
// escalation ladder. The workflow itself is data: data/catalog/workflows/pengaduan.json.
#include <algorithm>
#include <array>
#include <cmath>

#include "cases/cases.hpp"
#include "cases/classes.hpp"
#include "cases/engine.hpp"
#include "cases/followers.hpp"
#include "cases/records.hpp"
#include "cases/search.hpp"
#include "cases/sla.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/links.hpp"
#include "core/messages.hpp"
#include "core/problems.hpp"
#include "identity/users.hpp"
#include "notify/outbox.hpp"
#include "region/opds.hpp"
#include "region/wilayah.hpp"

namespace satupintu::cases {

namespace {
using store::TenantSql;

constexpr TenantSql kInsertContact{
    "INSERT INTO case_contacts(tenant, case_id, name, email, phone, channel, access_key_hash)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr TenantSql kAccessKey{"SELECT access_key_hash FROM case_contacts WHERE tenant = $1 AND case_id = $2"};
constexpr TenantSql kContactEmail{"SELECT email FROM case_contacts WHERE tenant = $1 AND case_id = $2"};
constexpr TenantSql kContact{
    "SELECT name, email, phone, channel FROM case_contacts WHERE tenant = $1 AND case_id = $2"};
constexpr TenantSql kContactPhone{
    "SELECT phone, channel FROM case_contacts WHERE tenant = $1 AND case_id = $2 AND channel IS NOT NULL"};
constexpr TenantSql kInsertRating{
    "INSERT INTO case_ratings(tenant, case_id, rating, comment, at) VALUES ($1, $2, $3, $4, $5)"};
constexpr TenantSql kIkmTotal{
    "INSERT INTO ikm_totals(tenant, service_id, element, total, answers) VALUES ($1, $2, $3, $4, 1) "
    "ON CONFLICT (tenant, service_id, element) DO UPDATE SET total = ikm_totals.total + $4, "
    "answers = ikm_totals.answers + 1"};
constexpr TenantSql kInsertIkm{
    "INSERT INTO ikm_answers(tenant, case_id, service_id, element, answer, at) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr TenantSql kMergedReporters{
    "SELECT id FROM cases WHERE tenant = $1 AND merged_into = $2 ORDER BY filed_at LIMIT 200"};
constexpr TenantSql kSweepDue{"SELECT " SP_CASE_COLS
                              " FROM cases WHERE tenant = $1 AND sweep_after <= $2 ORDER BY sweep_after LIMIT $3"};

constexpr std::array<std::string_view, 3> kClasses = {"aspirasi", "pengaduan", "permintaan_informasi"};

Date D(const std::string& s) {
    return *ParseDate(s);
}

// The reporter's address for notifications and its language: their account's, or the Open311
// contact's (Indonesian).
Result<std::optional<identity::Mailbox>> ReporterMailbox(store::ReadTx& tx, const store::TenantId& tenant,
                                                         const Case& c) {
    if (c.reporter_id) return identity::UserMailbox(tx, tenant, *c.reporter_id);
    SP_ASSIGN(auto row, tx.QueryOne(kContactEmail, tenant, c.id));
    if (!row || row->IsNull(0)) return std::optional<identity::Mailbox>{};
    return std::optional<identity::Mailbox>{identity::Mailbox{row->Text(0), Lang::kId}};
}

// Tells the reporter (and the reporters of cases merged into this one, and the followers), each
// in their language, and the tenant's webhooks.
Status NotifyReporters(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, const Case& c,
                       const std::string& action, const std::string& note, bool merged_too = true) {
    std::vector<identity::Mailbox> to;
    const auto add = [&to](const identity::Mailbox& m) {
        if (std::none_of(to.begin(), to.end(), [&m](const auto& t) { return t.email == m.email; })) to.push_back(m);
    };
    SP_ASSIGN(auto own, ReporterMailbox(tx, tenant, c));
    if (own) add(*own);
    store::Rows merged;
    if (merged_too) {
        SP_ASSIGN(merged, tx.Query(kMergedReporters, tenant, c.id));
    }
    for (const auto& r : merged) {
        SP_ASSIGN(auto m, FindCaseById(tx, tenant, r.Text(0)));
        if (!m) continue;
        SP_ASSIGN(auto mailbox, ReporterMailbox(tx, tenant, *m));
        if (mailbox) add(*mailbox);
    }
    // And the citizens who follow it ("saya juga mengalami ini", or only its updates).
    SP_ASSIGN(const auto followers, FollowerMailboxes(tx, tenant, c.id));
    for (const auto& f : followers) add(f);
    for (const Lang lang : {Lang::kId, Lang::kEn}) {
        std::vector<std::string> addresses;
        for (const auto& m : to)
            if (m.lang == lang) addresses.push_back(m.email);
        if (addresses.empty()) continue;
        const std::string status(Message("status.complaint." + c.status, lang));
        const std::string noun(Message("noun.complaint", lang));
        const std::string subject =
            Format("mail.case_status.subject", lang, {{"noun", noun}, {"number", c.number}, {"status", status}});
        const std::string body =
            Format("mail.case_status.body", lang,
                   {{"noun_lower", std::string(Message("noun.complaint.lower", lang))},
                    {"number", c.number},
                    {"status", status},
                    {"note", note.empty() ? "" : "\n" + note + "\n"},
                    {"link_label", std::string(Message("mail.link.track", lang))},
                    {"link", links::Absolute(env.public_url, links::Track(tenant.code(), c.number))}});
        SP_TRY(notify::EnqueueEmails(tx, tenant, addresses, subject, body, env.now_ms));
    }
    // A reporter without an account who proved their phone gets a short text instead.
    SP_ASSIGN(auto phone, tx.QueryOne(kContactPhone, tenant, c.id));
    if (phone) {
        const Lang lang = Lang::kId;
        const std::string text =
            Format("sms.case_status", lang,
                   {{"number", c.number},
                    {"status", std::string(Message("status.complaint." + c.status, lang))},
                    {"link", links::Absolute(env.public_url, links::Track(tenant.code(), c.number))}});
        SP_TRY(notify::Enqueue(tx, tenant, {phone->Text(1), phone->Text(0), "", text}, env.now_ms));
    }
    json::object hook{{"type", "case." + action},
                      {"number", c.number},
                      {"status", c.status},
                      {"at", IsoWithOffset(env.now_ms, env.tz_offset_minutes)}};
    return notify::EnqueueWebhooks(tx, tenant, "case." + action, ToJson(hook), env.now_ms);
}

// forward / pass_on: to the OPD named by the action (forward: the category's OPD by default).
Status Route(StepContext& x, const catalog::Service& service) {
    const bool forward = x.def.name == "forward";
    const std::string target = x.input.opd_id.value_or(forward ? service.opd_id : "");
    SP_ASSIGN(auto opd, region::GetOpd(x.tx, x.tenant, target));
    if (!opd) return Invalid("opd_id", "input.opd_unknown");
    if (!forward && target == x.c.opd_id) return Invalid("opd_id", "input.opd_same");
    x.payload["from_opd_id"] = x.c.opd_id;
    x.payload["to_opd_id"] = target;
    x.c.opd_id = target;
    x.c.assignee_id.reset();
    return Status::Ok();
}

// rate: 1-5 stars and the nine-element IKM survey (PermenPAN-RB 14/2017), once per case.
Status Rate(StepContext& x) {
    const auto& a = x.input;
    if (*a.rating < 1 || *a.rating > 5) return Invalid("rating", "input.rating");
    if (x.c.rating) return Err(Errc::kConflict, "the case has been rated already", "action");
    x.c.rating = *a.rating;
    SP_TRY(x.tx.Exec(kInsertRating, x.tenant, x.c.id, *a.rating, a.note, x.at.now_ms));
    json::object ikm;
    for (const auto& [element, answer] : a.ikm) {
        const std::string e(element);
        if (e.size() != 2 || e[0] != 'U' || e[1] < '1' || e[1] > '9') return Invalid("ikm", "input.ikm");
        if (!answer.is_int64() || answer.as_int64() < 1 || answer.as_int64() > 4) return Invalid("ikm", "input.ikm");
        SP_TRY(x.tx.Exec(kInsertIkm, x.tenant, x.c.id, x.c.service_id, e, answer.as_int64(), x.at.now_ms));
        SP_TRY(x.tx.Exec(kIkmTotal, x.tenant, x.c.service_id, e, answer.as_int64()));
        ikm[e] = answer.as_int64();
    }
    x.payload["rating"] = *a.rating;
    x.payload["ikm"] = std::move(ikm);
    return Status::Ok();
}

// merge: into another open case; its reporter keeps being told through the target.
Status Merge(StepContext& x) {
    SP_ASSIGN(auto target, FindCase(x.tx, x.tenant, *x.input.target_number));
    if (!target || target->id == x.c.id || !target->is_open || target->merged_into)
        return Invalid("target_number", "input.merge_target");
    x.c.merged_into = target->id;
    x.payload["target_number"] = target->number;
    return Status::Ok();
}

std::optional<Stage> StageOf(std::string_view name) {
    for (Stage s : {Stage::kVerification, Stage::kFollowUp, Stage::kAutoClose}) {
        if (StageName(s) == name) return s;
    }
    return std::nullopt;
}

}  // namespace

// The complaint class: the shipped workflow, clocks from the category's SLA settings, and the
// hooks above. Refers to `service` and `env`, which must outlive it.
CaseClass ComplaintClass(const catalog::Service& service, const Env& env) {
    CaseClass cls;
    cls.workflow = workflow::Shipped("pengaduan");
    cls.proof_required = service.proof_required;
    cls.stage_due = [&service, &env](std::string_view stage, Date start) -> std::optional<Date> {
        const auto s = StageOf(stage);
        if (!s) return std::nullopt;
        return StageDue(env.calendar, service.sla, *s, start);
    };
    cls.hooks.emplace("route", [&service](StepContext& x) { return Route(x, service); });
    cls.hooks.emplace("rate", Rate);
    cls.hooks.emplace("merge", Merge);
    cls.notify = [&env](StepContext& x) {
        return NotifyReporters(x.tx, x.tenant, env, x.c, x.def.record_as, x.is_public ? x.note : "");
    };
    return cls;
}

bool CanSee(const Case& c, const Actor& a) {
    return workflow::CanSee(*workflow::Shipped("pengaduan"), FactsOf(c), FactsOf(a));
}

Result<PreparedComplaint> PrepareComplaint(store::ReadTx& tx, const store::TenantId& tenant, const NewComplaint& in,
                                           const Env& env) {
    SP_ASSIGN(auto service, catalog::FindServiceByCode(tx, tenant, in.service_code));
    const auto region_of = [&tx](const std::string& code) { return region::FindRegion(tx, code); };
    return PrepareComplaint(service && service->active ? &*service : nullptr, region_of, tenant, in, env);
}

Result<PreparedComplaint> PrepareComplaint(const catalog::Service* service, const RegionOf& region_of,
                                           const store::TenantId& tenant, const NewComplaint& in, const Env& env) {
    if (!service || service->kind != "complaint" || !service->active)
        return Err(Errc::kNotFound, "no such complaint category", "service_code");
    // Every problem at once, so the person fixes the form in one go.
    Problems problems;
    if (std::find(kClasses.begin(), kClasses.end(), in.report_class) == kClasses.end())
        problems.Add("class", "input.class");
    problems.Check(CheckText(in.description, kMaxDescription, "description", true));
    if (in.address) problems.Check(CheckText(*in.address, 300, "address", false));
    if (in.media_url && (in.media_url->size() > 500 ||
                         !(in.media_url->starts_with("https://") || in.media_url->starts_with("http://")) ||
                         in.media_url->find_first_of(" \"<>\r\n") != std::string::npos))
        problems.Add("media_url", "input.media_url");
    if (in.rahasia && !service->allow_rahasia) problems.Add("rahasia", "input.rahasia_not_allowed");
    problems.Check(catalog::ValidateAnswers(*service, in.attributes));
    for (const auto* s : {&in.contact.name, &in.contact.email, &in.contact.phone}) {
        if (*s) problems.Check(CheckText(**s, 200, "contact", false));
    }

    // Where: a point inside the region, a kecamatan of the region, a desa of that kecamatan.
    std::optional<std::string> kecamatan = in.kecamatan_code;
    if (in.point) {
        const auto& p = *in.point;
        if (!std::isfinite(p.lat) || !std::isfinite(p.lng) || std::abs(p.lat) > 90 || std::abs(p.lng) > 180) {
            problems.Add("lat", "input.point_range");
        } else if (env.geo.Covers(tenant.code())) {
            const auto located = env.geo.Locate(tenant.code(), p);
            if (!located) problems.Add("lat", "input.point_outside");
            if (!kecamatan) kecamatan = located;
        }
    }
    if (kecamatan) {
        SP_ASSIGN(auto k, region_of(*kecamatan));
        if (!k || k->level != 3 || k->parent_code != tenant.code()) {
            problems.Add("kecamatan_code", "input.kecamatan_unknown");
            kecamatan.reset();
        }
    }
    if (in.desa_code) {
        SP_ASSIGN(auto d, region_of(*in.desa_code));
        if (!kecamatan || !d || d->level != 4 || d->parent_code != *kecamatan)
            problems.Add("desa_code", "input.desa_unknown");
    }
    if (in.area_required && !in.point && !in.kecamatan_code) {
        problems.Add("kecamatan_code", "input.area_needed");
    } else if (!in.point && !kecamatan && !in.address && problems.empty()) {
        problems.Add("location", "input.location_needed");
    }
    SP_TRY(problems.status());

    PreparedComplaint out{in, *service, kecamatan, {}};
    out.terms = Terms(in.description + " " + out.service.name + " " + in.address.value_or(""));
    return out;
}

Result<Case> FileComplaint(store::WriteTx& tx, const store::TenantId& tenant, const NewComplaint& in, const Env& env,
                           const Actor& actor) {
    SP_ASSIGN(auto prepared, PrepareComplaint(tx, tenant, in, env));
    return FilePrepared(tx, tenant, prepared, env, actor);
}

constexpr std::string_view kKeyAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

std::string NewAccessKey() {
    const std::string random = crypto::RandomBytes(16);
    std::string key;
    for (size_t i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0) key += '-';
        key += kKeyAlphabet[uint8_t(random[i]) % kKeyAlphabet.size()];  // 256 is a multiple of 32: uniform
    }
    return key;
}

std::string AccessKeyHash(std::string_view key) {
    std::string plain;
    for (const char c : key) {
        if (c == '-' || c == ' ') continue;
        plain += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return crypto::Sha256Hex("access-key\n" + plain);
}

Result<bool> HoldsAccessKey(store::ReadTx& tx, const store::TenantId& tenant, const std::string& case_id,
                            const std::string& key) {
    if (key.empty() || key.size() > 40) return false;
    SP_ASSIGN(auto row, tx.QueryOne(kAccessKey, tenant, case_id));
    return row && !row->IsNull(0) && crypto::ConstantTimeEqual(row->Text(0), AccessKeyHash(key));
}

Result<std::optional<Contact>> ContactOf(store::ReadTx& tx, const store::TenantId& tenant, const std::string& case_id) {
    SP_ASSIGN(auto row, tx.QueryOne(kContact, tenant, case_id));
    if (!row) return std::optional<Contact>();
    const auto text = [&row](int i) { return row->IsNull(i) ? std::nullopt : std::optional(row->Text(i)); };
    return std::optional<Contact>(Contact{text(0), text(1), text(2), text(3)});
}

Result<Case> FilePrepared(store::WriteTx& tx, const store::TenantId& tenant, const PreparedComplaint& prepared,
                          const Env& env, const Actor& actor) {
    const NewComplaint& in = prepared.in;
    const catalog::Service& service = prepared.service;
    const workflow::Workflow& w = *workflow::Shipped("pengaduan");
    const Moment at = MomentOf(env);
    const std::string today = at.Today();

    Case c;
    c.id = NewId();
    SP_ASSIGN(c.number, NextNumber(tx, tenant, w.number_prefix, today));
    c.service_id = service.id;
    c.service_version = service.version;
    c.report_class = in.report_class;
    c.status = w.initial;
    c.description = in.description;
    c.attributes = in.attributes;
    c.kecamatan_code = prepared.kecamatan_code;
    c.desa_code = in.desa_code;
    c.point = in.point;
    c.address = in.address;
    c.media_url = in.media_url;
    c.anonymous = in.anonymous;
    c.rahasia = in.rahasia;
    c.reporter_id = in.reporter_id;
    c.opd_id = service.opd_id;
    c.stage = w.initial_stage;
    c.stage_due = FormatDate(StageDue(env.calendar, service.sla, Stage::kVerification, D(today)));
    c.resolve_by = FormatDate(D(today) + std::chrono::days{service.sla.resolve_days});
    c.filed_at = c.updated_at = env.now_ms;

    SP_TRY(InsertCase(tx, tenant, c, at));
    if (in.contact.name || in.contact.email || in.contact.phone || in.contact.access_key_hash) {
        SP_TRY(tx.Exec(kInsertContact, tenant, c.id, in.contact.name, in.contact.email, in.contact.phone,
                       in.contact.channel, in.contact.access_key_hash));
    }
    SP_TRY(ClaimAttachments(tx, tenant, c.id, actor.id, in.attachment_ids, {}));
    SP_TRY(AddTimeline(tx, tenant, at, c, "received", ActorLabel(actor, w.reporter_label), "", true, in.attachment_ids,
                       std::nullopt));
    SP_TRY(AddTerms(tx, tenant, c, prepared.terms));
    SP_TRY(CountFiled(tx, tenant, at, c, w.performance));
    json::object payload{{"service_id", c.service_id},
                         {"service_version", c.service_version},
                         {"class", c.report_class},
                         {"description", c.description},
                         {"attributes", c.attributes},
                         {"anonymous", c.anonymous},
                         {"rahasia", c.rahasia},
                         {"resolve_by", c.resolve_by},
                         {"attachments", IdsJson(in.attachment_ids)}};
    if (c.kecamatan_code) payload["kecamatan_code"] = *c.kecamatan_code;
    if (c.desa_code) payload["desa_code"] = *c.desa_code;
    if (c.point)
        payload["lat_e6"] = int64_t{std::llround(c.point->lat * 1e6)},
        payload["lng_e6"] = int64_t{std::llround(c.point->lng * 1e6)};
    if (c.reporter_id) payload["reporter_id"] = *c.reporter_id;
    SP_TRY(AppendCaseEvent(tx, tenant, at, c, "case.filed", actor.id, std::move(payload)));
    SP_TRY(NotifyReporters(tx, tenant, env, c, "filed", "", /*merged=*/false));
    return c;
}

Result<int> Sweep(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, int limit) {
    const Moment at = MomentOf(env);
    const std::string today = at.Today();
    SP_ASSIGN(auto rows, tx.Query(kSweepDue, tenant, today, limit));
    const Actor system{"system", "system", "", std::nullopt, false};
    int changed = 0;
    for (const auto& row : rows) {
        Case c = FromRow(row);
        if (!c.stage_due) continue;
        const auto due = D(*c.stage_due);
        if (c.stage == "auto_close" && c.status == "resolved") {
            SP_ASSIGN(auto service, catalog::FindServiceVersion(tx, tenant, c.service_id, c.service_version));
            if (!service) return Err(Errc::kInternal, "the case's service version is missing");
            Action close;
            close.name = "auto_close";
            close.note = std::string(Message("note.auto_closed", Lang::kId));
            SP_TRY(Step(tx, tenant, std::move(c), ComplaintClass(*service, env), close, at, system).status());
            ++changed;
            continue;
        }
        const Rung rung = EscalationRung(env.calendar, due, D(today));
        if (static_cast<int>(rung) <= c.escalation) {
            SP_TRY(SaveCase(tx, tenant, c, at));  // recompute sweep_after
            continue;
        }
        c.escalation = static_cast<int>(rung);
        c.breached = true;
        c.updated_at = env.now_ms;
        SP_TRY(SaveCase(tx, tenant, c, at));
        const std::string note =
            Format("note.escalated", Lang::kId,
                   {{"stage", c.stage}, {"due", *c.stage_due}, {"rung", std::string(RungName(rung))}});
        SP_TRY(AddTimeline(tx, tenant, at, c, "escalate", "sistem", note, false, {}, std::nullopt));
        SP_TRY(AppendCaseEvent(tx, tenant, at, c, "case.escalated", system.id,
                               {{"rung", c.escalation}, {"rung_name", RungName(rung)}}));
        // The ladder: officer -> OPD head -> Inspektorat -> executive. Before forwarding, the
        // verifiers stand for the officers and the admins for the OPD head.
        std::string role(RungRole(rung));
        std::optional<std::string> opd;
        if (rung == Rung::kOfficer || rung == Rung::kOpdHead) {
            if (c.stage == "verification") {
                role = rung == Rung::kOfficer ? "verifier" : "admin";
            } else {
                opd = c.opd_id;
            }
        }
        SP_ASSIGN(auto to, identity::StaffEmails(tx, tenant, role, opd));
        if (rung == Rung::kOfficer && c.assignee_id) {
            SP_ASSIGN(auto assignee, identity::UserEmail(tx, tenant, *c.assignee_id));
            if (assignee) to = {*assignee};
        }
        SP_TRY(notify::EnqueueEmails(
            tx, tenant, to, Format("mail.escalation.subject", Lang::kId, {{"number", c.number}}),
            Format("mail.escalation.body", Lang::kId,
                   {{"note", note},
                    {"number", c.number},
                    {"link", links::Absolute(env.public_url, links::Track(tenant.code(), c.number))}}),
            env.now_ms));
        ++changed;
    }
    return changed;
}

}  // namespace satupintu::cases
