// The case engine: applies one action of a case class's workflow to a case, for every class.
//
// `Step` asks workflow::Transition whether the actor may take the action from the case's state,
// checks the action's guards (note, reason, inputs, proof photo), runs its effects in order,
// and then writes, in the caller's transaction: the case row, the timeline row, the attachments,
// the counters, the event in the region's hash chain, and the reporter's notification. Nothing
// is written when any part refuses.
//
// Effects the engine knows (a workflow names them in its actions):
//   start:<stage>     the SLA clock of a stage starts today (the class says how long it runs);
//                     start:done stops the clock
//   finish:<stage>    if the case is in that stage: a late finish is a breach; the clock stops
//   breach_if_late    the stage's deadline has passed: the case is marked breached
//   breach_if_past_resolve_by
//   close             the case closes (counted as handled unless its state says otherwise)
//   reopen            a closed case opens again (its closing is uncounted)
//   pause / resume    the clock waits for the reporter; resume adds the working days waited;
//   resume_all        also to the overall deadline (resolve_by)
//   assign            to the input assignee, an officer of the case's OPD
//   assign_self       to the acting officer when nobody is assigned
//   hook:<name>       the class's own named hook (CaseClass::hooks)
//
// Stateless; the CaseClass and its workflow must outlive the call.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cases/cases.hpp"
#include "cases/records.hpp"
#include "workflow/workflow.hpp"

namespace satupintu::cases {

// One action being applied: what an effect or a hook may read or change.
struct StepContext {
    store::WriteTx& tx;
    const store::TenantId& tenant;
    const Moment& at;
    const Actor& actor;
    const Action& input;
    const workflow::ActionDef& def;
    Case& c;
    bool was_open = true;
    std::string note;                      // the timeline note (the input's by default)
    bool is_public = true;                 // the note is public
    bool notify = true;                    // the reporter is told
    json::object payload;                  // the event's payload
    std::vector<std::string> attachments;  // linked to the case after the effects
    Claim claim;
    bool status_set = false;  // a hook moved the case itself (a permit's next step)
};

using Hook = std::function<Status(StepContext&)>;

// A case class: its workflow, how long each stage's clock runs, how the reporter is told, and
// the hooks its workflow names.
struct CaseClass {
    const workflow::Workflow* workflow = nullptr;
    // The deadline of `stage` if it starts on `start` (nullopt: no clock).
    std::function<std::optional<Date>(std::string_view stage, Date start)> stage_due;
    bool proof_required = false;  // the service asks follow-ups for a proof photo
    std::map<std::string, Hook, std::less<>> hooks;
    // Tells the reporter (and whoever else the class tells) after a step; may be empty.
    std::function<Status(StepContext&)> notify;
};

// Views into `c` / `a`: the argument must outlive the facts (never pass a temporary).
workflow::CaseFacts FactsOf(const Case& c);
workflow::ActorFacts FactsOf(const Actor& a);

// Applies `input.name` to `c` (already loaded and visible to the actor). On success the case as
// written; on refusal kForbidden (no party), kConflict (wrong state, with the workflow's reason),
// kInvalidInput (unknown action or a failed guard), and nothing written.
Result<Case> Step(store::WriteTx& tx, const store::TenantId& tenant, Case c, const CaseClass& cls, const Action& input,
                  const Moment& at, const Actor& actor);

// The actions the actor may take on the case now.
std::vector<std::string> ActionsFor(const CaseClass& cls, const Case& c, const Actor& a);

}  // namespace satupintu::cases
