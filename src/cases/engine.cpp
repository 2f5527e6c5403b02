#include "cases/engine.hpp"

#include <algorithm>

#include "cases/sla.hpp"
#include "core/ids.hpp"
#include "core/problems.hpp"

namespace satupintu::cases {

namespace {
using store::TenantSql;

constexpr TenantSql kUserRole{"SELECT role, opd_id FROM users WHERE tenant = $1 AND id = $2 AND disabled = 0"};

Date D(const std::string& s) {
    return *ParseDate(s);
}

bool HasInput(const Action& a, std::string_view input) {
    if (input == "opd_id") return a.opd_id.has_value();
    if (input == "assignee_id") return a.assignee_id.has_value();
    if (input == "target_number") return a.target_number.has_value();
    if (input == "rating") return a.rating.has_value();
    return false;
}

void StartStage(StepContext& x, const CaseClass& cls, std::string_view stage) {
    x.c.stage = std::string(stage);
    x.c.stage_due.reset();
    if (stage != "done" && cls.stage_due) {
        if (auto due = cls.stage_due(stage, D(x.at.Today()))) x.c.stage_due = FormatDate(*due);
    }
    x.c.escalation = 0;
}

bool StageLate(const StepContext& x) {
    return x.c.stage_due && Overdue(D(*x.c.stage_due), D(x.at.Today()));
}

Status RunEffect(StepContext& x, const CaseClass& cls, std::string_view effect) {
    Case& c = x.c;
    const std::string today = x.at.Today();
    if (effect.starts_with("start:")) {
        StartStage(x, cls, effect.substr(6));
    } else if (effect.starts_with("finish:")) {
        if (c.stage == effect.substr(7)) {
            if (StageLate(x)) c.breached = true;
            StartStage(x, cls, "done");
        }
    } else if (effect == "breach_if_late") {
        if (StageLate(x)) c.breached = true;
    } else if (effect == "breach_if_past_resolve_by") {
        if (today > c.resolve_by) c.breached = true;
    } else if (effect == "close") {
        c.is_open = false;
        c.closed_at = x.at.now_ms;
        c.paused_since.reset();
        c.resume_status.reset();
        StartStage(x, cls, "done");
    } else if (effect == "reopen") {
        if (!x.was_open) SP_TRY(CountClosed(x.tx, x.tenant, x.at, c, -1, cls.workflow->performance));
        c.is_open = true;
        c.closed_at.reset();
    } else if (effect == "pause") {
        c.resume_status = c.status;
        c.paused_since = today;
    } else if (effect == "resume" || effect == "resume_all") {
        if (c.paused_since) {
            const Date since = D(*c.paused_since), now = D(today);
            if (c.stage_due && cls.workflow->calendar_clocks)
                c.stage_due = FormatDate(D(*c.stage_due) + (now - since));
            else if (c.stage_due)
                c.stage_due = FormatDate(ResumeDue(x.at.calendar, D(*c.stage_due), since, now));
            if (effect == "resume_all" && c.resolve_by != kNoDue)
                c.resolve_by = FormatDate(ResumeDue(x.at.calendar, D(c.resolve_by), since, now));
        }
        c.paused_since.reset();
        c.resume_status.reset();
    } else if (effect == "assign") {
        SP_ASSIGN(auto who, x.tx.QueryOne(kUserRole, x.tenant, *x.input.assignee_id));
        if (!who || (who->Text(0) != "officer" && who->Text(0) != "opd_head") || who->IsNull(1) ||
            who->Text(1) != c.opd_id)
            return Invalid("assignee_id", "input.assignee");
        c.assignee_id = *x.input.assignee_id;
        x.payload["assignee_id"] = *x.input.assignee_id;
    } else if (effect == "assign_self") {
        if (!c.assignee_id && x.actor.role == "officer") c.assignee_id = x.actor.user_id;
    } else if (effect.starts_with("hook:")) {
        const auto it = cls.hooks.find(effect.substr(5));
        if (it == cls.hooks.end()) return Err(Errc::kInternal, "the class has no hook " + std::string(effect));
        SP_TRY(it->second(x));
    } else {
        return Err(Errc::kInternal, "unknown effect " + std::string(effect));
    }
    return Status::Ok();
}

}  // namespace

workflow::CaseFacts FactsOf(const Case& c) {
    workflow::CaseFacts f{c.status, c.stage, c.opd_id, std::nullopt};
    if (c.reporter_id) f.reporter_id = *c.reporter_id;
    return f;
}

workflow::ActorFacts FactsOf(const Actor& a) {
    workflow::ActorFacts f{a.role, a.user_id, std::nullopt, a.via_api_key};
    if (a.opd_id) f.opd_id = *a.opd_id;
    return f;
}

Result<Case> Step(store::WriteTx& tx, const store::TenantId& tenant, Case c, const CaseClass& cls, const Action& input,
                  const Moment& at, const Actor& actor) {
    const workflow::Workflow& w = *cls.workflow;
    const auto decision = workflow::Transition(w, FactsOf(c), input.name, FactsOf(actor));
    switch (decision.verdict) {
        case workflow::Verdict::kUnknownAction:
            return Invalid("action", "input.action");
        case workflow::Verdict::kForbidden:
            return Err(Errc::kForbidden);
        case workflow::Verdict::kWrongState:
            return Err(Errc::kConflict, decision.action->refused, "action");
        case workflow::Verdict::kAllowed:
            break;
    }
    const workflow::ActionDef& def = *decision.action;

    // Guards, before anything changes.
    SP_TRY(CheckText(input.note, kMaxNote, "note", false));
    if (!def.reasons.empty() &&
        (!input.reason || std::find(def.reasons.begin(), def.reasons.end(), *input.reason) == def.reasons.end()))
        return Invalid("reason", "input.reason_choice");
    for (const auto& i : def.inputs) {
        if (!HasInput(input, i)) return Invalid(i, "input.required");
    }
    if (def.note_required) SP_TRY(CheckText(input.note, kMaxNote, "note", true));
    if (def.proof && cls.proof_required && input.attachment_ids.empty())
        return Invalid("attachments", "input.proof_needed");

    const std::string to = decision.to == "$resume" ? c.resume_status.value_or(w.initial) : decision.to;
    StepContext x{tx, tenant, at, actor, input, def, c};
    x.was_open = c.is_open;
    x.note = input.note;
    x.is_public = def.public_note;
    x.notify = def.notify;
    if (!input.note.empty()) x.payload["note"] = input.note;
    if (input.reason) x.payload["reason"] = *input.reason;
    if (def.attachments) x.attachments = input.attachment_ids;
    x.claim.purpose = def.proof ? "proof" : "report";
    for (const auto& e : def.effects) SP_TRY(RunEffect(x, cls, e));
    // A hook may have decided where the case went (a permit's next step); otherwise the workflow did.
    if (!x.status_set) c.status = to;

    if (!x.attachments.empty()) {
        SP_TRY(ClaimAttachments(tx, tenant, c.id, actor.id, x.attachments, x.claim));
        x.payload["attachments"] = IdsJson(x.attachments);
    }
    const auto* state = w.State(c.status);
    if (x.was_open && !c.is_open && state && state->counted) SP_TRY(CountClosed(tx, tenant, at, c, 1, w.performance));
    c.updated_at = at.now_ms;
    SP_TRY(SaveCase(tx, tenant, c, at));
    SP_TRY(AddTimeline(tx, tenant, at, c, def.record_as, ActorLabel(actor, w.reporter_label), x.note, x.is_public,
                       x.attachments, input.external_id));
    SP_TRY(AppendCaseEvent(tx, tenant, at, c, w.event_prefix + "." + def.record_as, actor.id, std::move(x.payload)));
    if (x.notify && cls.notify) SP_TRY(cls.notify(x));
    return c;
}

std::vector<std::string> ActionsFor(const CaseClass& cls, const Case& c, const Actor& a) {
    return workflow::AllowedActions(*cls.workflow, FactsOf(c), FactsOf(a));
}

}  // namespace satupintu::cases
