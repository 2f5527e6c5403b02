#include "cases/classes.hpp"

#include <map>
#include <mutex>

#include "cases/records.hpp"
#include "cases/search.hpp"
#include "core/ids.hpp"
#include "core/links.hpp"
#include "core/messages.hpp"
#include "core/problems.hpp"
#include "identity/users.hpp"
#include "notify/outbox.hpp"
#include "region/wilayah.hpp"

namespace satupintu::cases {

namespace {

// A status as people read it: the catalog's words for the class's status, else its name.
std::string StatusText(std::string_view class_code, std::string_view status, Lang lang) {
    const std::string key = "status." + std::string(class_code) + "." + std::string(status);
    const std::string_view text = Message(key, lang);
    return text == key ? std::string(status) : std::string(text);
}

// Tells the reporter that their case moved.
Status NotifyReporter(StepContext& x, const workflow::Workflow& w, const Env& env) {
    if (!x.c.reporter_id) return Status::Ok();
    SP_ASSIGN(auto mailbox, identity::UserMailbox(x.tx, x.tenant, *x.c.reporter_id));
    if (!mailbox) return Status::Ok();
    const Lang lang = mailbox->lang;
    const std::string status = StatusText(w.code, x.c.status, lang);
    const std::string subject =
        Format("mail.case_status.subject", lang,
               {{"noun", std::string(Message("noun.case", lang))}, {"number", x.c.number}, {"status", status}});
    const std::string body =
        Format("mail.case_status.body", lang,
               {{"noun_lower", std::string(Message("noun.case.lower", lang))},
                {"number", x.c.number},
                {"status", status},
                {"note", x.is_public && !x.note.empty() ? "\n" + x.note + "\n" : ""},
                {"link_label", std::string(Message("mail.link.track", lang))},
                {"link", links::Absolute(env.public_url, links::Track(x.tenant.code(), x.c.number))}});
    return notify::EnqueueEmails(x.tx, x.tenant, {mailbox->email}, subject, body, env.now_ms);
}

std::mutex hooks_mu;
std::map<std::string, Hook, std::less<>>& DataClassHooks() {
    static std::map<std::string, Hook, std::less<>> hooks;
    return hooks;
}

Status CheckHooks(const workflow::Workflow& w) {
    const std::lock_guard lock(hooks_mu);
    for (const auto& a : w.actions)
        for (const auto& e : a.effects)
            if (e.starts_with("hook:") && !DataClassHooks().count(e.substr(5)))
                return Err(Errc::kInvalidInput, "action " + a.name + ": no effect " + e, "spec");
    return Status::Ok();
}

}  // namespace

void RegisterDataClassHook(std::string name, Hook hook) {
    const std::lock_guard lock(hooks_mu);
    DataClassHooks()[std::move(name)] = std::move(hook);
}

Result<std::shared_ptr<const workflow::Workflow>> WorkflowOf(const catalog::Service& s) {
    if (s.kind == "complaint") {
        // The shipped definition lives as long as the process.
        return std::shared_ptr<const workflow::Workflow>(std::shared_ptr<void>(), workflow::Shipped("pengaduan"));
    }
    if (s.kind != kCaseKind) return Err(Errc::kNotFound, "the service runs no case workflow");
    // Parsed once per service version; a version never changes once written.
    static std::mutex mu;
    static std::map<std::pair<std::string, int>, std::shared_ptr<const workflow::Workflow>> parsed;
    const auto key = std::make_pair(s.id, s.version);
    const bool stored = !s.id.empty();  // a definition not yet written is checked, never cached
    if (stored) {
        std::lock_guard lock(mu);
        if (const auto it = parsed.find(key); it != parsed.end()) return it->second;
    }
    const auto* def = s.spec.if_contains("workflow");
    if (!def || !def->is_object()) return Err(Errc::kInvalidInput, "spec.workflow: the class's workflow", "spec");
    SP_ASSIGN(auto w, workflow::Parse(def->as_object()));
    SP_TRY(CheckHooks(w));
    auto shared = std::make_shared<const workflow::Workflow>(std::move(w));
    if (!stored) return shared;
    std::lock_guard lock(mu);
    if (parsed.size() > 1000) parsed.clear();  // bounded: services are few; versions come rarely
    parsed.emplace(key, shared);
    return shared;
}

CaseClass DataClass(const workflow::Workflow& w, const Env& env) {
    CaseClass cls;
    cls.workflow = &w;
    cls.stage_due = [&w, &env](std::string_view stage, Date start) -> std::optional<Date> {
        const auto it = w.clocks.find(stage);
        if (it == w.clocks.end()) return std::nullopt;
        if (w.calendar_clocks) return start + std::chrono::days(it->second);
        return env.calendar.AddWorkingDays(start, it->second);
    };
    cls.notify = [&w, &env](StepContext& x) { return NotifyReporter(x, w, env); };
    const std::lock_guard lock(hooks_mu);
    cls.hooks = DataClassHooks();
    return cls;
}

Result<Case> FileCase(store::WriteTx& tx, const store::TenantId& tenant, const NewCase& in, const Env& env,
                      const Actor& actor) {
    SP_ASSIGN(auto service, catalog::FindServiceByCode(tx, tenant, in.service_code));
    if (!service || service->kind != kCaseKind || !service->active)
        return Err(Errc::kNotFound, "no such service", "service_code");
    SP_ASSIGN(auto w, WorkflowOf(*service));
    if (!workflow::CanFile(*w, service->opd_id, FactsOf(actor)))
        return Err(Errc::kForbidden, "this service's cases are opened by others");
    SP_TRY(CheckText(in.description, kMaxDescription, "description", true));
    SP_TRY(catalog::ValidateAnswers(*service, in.attributes));
    if (in.kecamatan_code) {
        SP_ASSIGN(auto k, region::FindRegion(tx, *in.kecamatan_code));
        if (!k || k->level != 3 || k->parent_code != tenant.code())
            return Invalid("kecamatan_code", "input.kecamatan_unknown");
    }
    const Moment at = MomentOf(env);
    const std::string today = at.Today();
    const CaseClass cls = DataClass(*w, env);

    Case c;
    c.id = NewId();
    SP_ASSIGN(c.number, NextNumber(tx, tenant, w->number_prefix.empty() ? "KSS" : w->number_prefix, today));
    c.service_id = service->id;
    c.service_version = service->version;
    c.report_class = w->code;
    c.status = w->initial;
    c.description = in.description;
    c.attributes = in.attributes;
    c.kecamatan_code = in.kecamatan_code;
    c.reporter_id = actor.user_id.empty() ? std::nullopt : std::optional<std::string>(actor.user_id);
    c.opd_id = service->opd_id;
    c.stage = w->initial_stage;
    if (auto due = cls.stage_due(c.stage, *ParseDate(today))) c.stage_due = FormatDate(*due);
    c.resolve_by = kNoDue;
    c.rahasia = true;  // a data class's cases stay out of every public list and open data
    c.filed_at = c.updated_at = env.now_ms;

    SP_TRY(InsertCase(tx, tenant, c, at));
    SP_TRY(ClaimAttachments(tx, tenant, c.id, actor.id, in.attachment_ids, {}));
    SP_TRY(AddTimeline(tx, tenant, at, c, "filed", ActorLabel(actor, w->reporter_label), "", true, in.attachment_ids,
                       std::nullopt));
    SP_TRY(AddTerms(tx, tenant, c, Terms(in.description + " " + service->name)));
    SP_TRY(CountFiled(tx, tenant, at, c, w->performance));
    json::object payload{{"service_id", c.service_id},
                         {"service_version", c.service_version},
                         {"class", c.report_class},
                         {"description", c.description},
                         {"attributes", c.attributes}};
    if (c.kecamatan_code) payload["kecamatan_code"] = *c.kecamatan_code;
    SP_TRY(AppendCaseEvent(tx, tenant, at, c, w->event_prefix + ".filed", actor.id, std::move(payload)));
    return c;
}

Result<Case> Act(store::WriteTx& tx, const store::TenantId& tenant, const std::string& number, const Action& a,
                 const Env& env, const Actor& actor) {
    SP_ASSIGN(auto found, FindCase(tx, tenant, number));
    if (!found) return Err(Errc::kNotFound, "no such case");
    SP_ASSIGN(auto service, catalog::FindServiceVersion(tx, tenant, found->service_id, found->service_version));
    if (!service) return Err(Errc::kInternal, "the case's service version is missing");
    SP_ASSIGN(auto w, WorkflowOf(*service));
    if (!workflow::CanSee(*w, FactsOf(*found), FactsOf(actor))) return Err(Errc::kNotFound, "no such case");
    const CaseClass cls = service->kind == "complaint" ? ComplaintClass(*service, env) : DataClass(*w, env);
    return Step(tx, tenant, std::move(*found), cls, a, MomentOf(env), actor);
}

Result<Access> AccessTo(store::ReadTx& tx, const store::TenantId& tenant, const Case& c, const Actor& actor) {
    SP_ASSIGN(auto service, catalog::FindServiceVersion(tx, tenant, c.service_id, c.service_version));
    if (!service) return Err(Errc::kInternal, "the case's service version is missing");
    SP_ASSIGN(auto w, WorkflowOf(*service));
    Access out;
    out.visible = workflow::CanSee(*w, FactsOf(c), FactsOf(actor));
    if (out.visible) out.actions = workflow::AllowedActions(*w, FactsOf(c), FactsOf(actor));
    return out;
}

}  // namespace satupintu::cases
