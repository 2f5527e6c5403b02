// A case class's workflow as data: its states, the parties who act, and the actions each party
// may take from which states, with their guards and effects. Complaint categories, permit
// services and any later class (letters, innovation proposals, data requests) are all cases of
// one engine; what differs between them is a Workflow value, not code.
//
// `Transition` is a pure function: given a workflow, the case's state, the action and who asks,
// it says whether the step is allowed and where it leads. It reads no store and no clock, so
// every shipped class has golden table tests (workflow_test.cpp). The case engine
// (src/cases/engine.hpp) applies a decision: it writes the case row, the timeline, the counters
// and the event, and runs the effects.
//
// A Workflow is an immutable value once parsed: safe to share between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"

namespace satupintu::workflow {

// A condition on the case: it holds when the case's status is one of `status` or its stage is
// one of `stage` (never when both lists are empty).
struct CaseMatch {
    std::vector<std::string> status;
    std::vector<std::string> stage;
    bool empty() const { return status.empty() && stage.empty(); }
};

// Who may act. Exactly one of: staff `roles` (optionally bound to an OPD), the case's
// `reporter` (pelapor, pemohon), or the platform itself (`system`: timers, bank callbacks).
struct Party {
    std::string name;
    std::vector<std::string> roles;
    bool reporter = false;
    bool system = false;
    // "" any OPD of the region; "case": the case's own OPD; otherwise one OPD's id.
    std::string opd;
    CaseMatch unless;  // not while the case matches this (an OPD works a case once it reached it)
};

struct ActionDef {
    std::string name;
    std::string record_as;            // the timeline's action and the event's type suffix (default: name)
    std::vector<std::string> from;    // statuses the action starts from; "*" for any
    std::vector<std::string> stages;  // and stages (empty: any)
    std::string to;                   // the status it leads to; "" keeps it; "$resume": back from a pause
    std::vector<std::string> by;      // party names
    // Guards.
    bool note_required = false;
    std::vector<std::string> reasons;  // when set, a reason from this list is required
    std::vector<std::string> inputs;   // required action inputs (opd_id, assignee_id, target_number, rating)
    bool proof = false;                // attachments required where the service asks for proof photos
    bool attachments = false;          // the action may carry attachments
    // Effects, run in this order after the guards pass (see engine.hpp for the vocabulary).
    std::vector<std::string> effects;
    bool public_note = true;  // the timeline note is shown to the public
    bool notify = true;       // the reporter is told
    std::string refused;      // why, when the case is not in a `from` state
};

struct StateDef {
    std::string name;
    bool open = true;
    bool counted = true;  // a close into this state counts as a case handled (not "merged")
};

struct Workflow {
    std::string code;
    std::string initial;                // the status a new case starts in
    std::string initial_stage;          // and its stage (SLA clock)
    std::string event_prefix = "case";  // event types: <prefix>.<action>
    std::string reporter_label = "pelapor";
    bool performance = false;  // closings count toward the OPD's on-time rate and resolution days
    // Working days each stage's SLA clock runs by default (a class may take them from its
    // service instead, as complaint categories do).
    std::map<std::string, int, std::less<>> clocks;
    // Clocks count working days (the region's calendar), or calendar days where a law counts hours
    // (UU 27/2022's 3 x 24 hours): "clock_days": "calendar".
    bool calendar_clocks = false;
    std::vector<StateDef> states;
    std::map<std::string, Party, std::less<>> parties;
    std::vector<std::string> visible_to;  // parties who may see a case at all
    std::vector<std::string> file_by;     // parties who may open a case of the class
    std::string number_prefix;            // case numbers: PREFIX-YYYY-NNNNNN
    std::vector<ActionDef> actions;

    const StateDef* State(std::string_view name) const;
};

// Parses and checks a definition: every state, party and effect named exists, the initial state
// is a state. The error names the offending part.
Result<Workflow> Parse(const json::object& definition);
json::object ToJson(const Workflow& w);

// The effects the engine understands (plus "hook:<name>" for a class's own named hook).
bool IsKnownEffect(std::string_view effect);

// What Transition needs to know of a case and of who acts.
struct CaseFacts {
    std::string_view status;
    std::string_view stage;
    std::string_view opd_id;
    std::optional<std::string_view> reporter_id;
};

struct ActorFacts {
    std::string_view role;  // a staff role, "citizen", or "system"
    std::string_view user_id;
    std::optional<std::string_view> opd_id;
    bool via_api_key = false;  // an API client files for reporters without accounts
};

bool IsParty(const Party& p, const CaseFacts& c, const ActorFacts& a);
// Whether `a` may see the case (and act on it at all).
bool CanSee(const Workflow& w, const CaseFacts& c, const ActorFacts& a);
// Whether `a` may open a case of the class at an OPD (a citizen for a reporter party).
bool CanFile(const Workflow& w, std::string_view opd_id, const ActorFacts& a);

enum class Verdict {
    kAllowed,
    kUnknownAction,  // the workflow has no such action
    kForbidden,      // the actor is no party to it
    kWrongState,     // a party, but not from the case's state
};

struct Decision {
    Verdict verdict = Verdict::kUnknownAction;
    const ActionDef* action = nullptr;  // set unless kUnknownAction; points into the workflow
    std::string to;                     // the new status ("$resume" left for the engine)
};

Decision Transition(const Workflow& w, const CaseFacts& c, std::string_view action, const ActorFacts& a);

// The actions `a` may take on the case now (in definition order, each name once): what a page
// offers, so that no page keeps a copy of any state machine.
std::vector<std::string> AllowedActions(const Workflow& w, const CaseFacts& c, const ActorFacts& a);

// The workflows shipped with SatuPintu (data/catalog/workflows/*.json, embedded in the binary),
// by code; nullptr for an unknown code.
const Workflow* Shipped(std::string_view code);

// The embedded definitions' text, by file name without extension (generated at build time).
const std::vector<std::pair<std::string_view, std::string_view>>& EmbeddedDefinitions();

}  // namespace satupintu::workflow
