#include "workflow/workflow.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

namespace satupintu::workflow {

namespace {

template <typename List>
bool Has(const List& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

Error Bad(const std::string& where, const std::string& what) {
    return Err(Errc::kInvalidInput, "workflow " + where + ": " + what, "workflow");
}

Result<std::vector<std::string>> Strings(const json::object& o, std::string_view key, const std::string& where) {
    std::vector<std::string> out;
    const auto* v = o.if_contains(key);
    if (!v) return out;
    if (!v->is_array()) return Bad(where, std::string(key) + " must be a list of names");
    for (const auto& s : v->as_array()) {
        if (!s.is_string() || s.as_string().empty() || s.as_string().size() > 60)
            return Bad(where, std::string(key) + " must be a list of names");
        out.emplace_back(s.as_string());
    }
    return out;
}

Result<std::string> Name(const json::object& o, std::string_view key, const std::string& where, bool required) {
    const auto* v = o.if_contains(key);
    if (!v) {
        if (required) return Bad(where, std::string(key) + " is required");
        return std::string();
    }
    if (!v->is_string() || v->as_string().size() > 200) return Bad(where, std::string(key) + " must be text");
    return std::string(v->as_string());
}

Result<bool> Flag(const json::object& o, std::string_view key, bool fallback, const std::string& where) {
    const auto* v = o.if_contains(key);
    if (!v) return fallback;
    if (!v->is_bool()) return Bad(where, std::string(key) + " must be true or false");
    return v->as_bool();
}

Result<CaseMatch> Match(const json::object& o, std::string_view key, const std::string& where) {
    CaseMatch m;
    const auto* v = o.if_contains(key);
    if (!v) return m;
    if (!v->is_object()) return Bad(where, std::string(key) + " must be an object");
    SP_ASSIGN(m.status, Strings(v->as_object(), "status", where));
    SP_ASSIGN(m.stage, Strings(v->as_object(), "stage", where));
    return m;
}

bool Matches(const CaseMatch& m, const CaseFacts& c) {
    return Has(m.status, c.status) || Has(m.stage, c.stage);
}

json::array Array(const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
}

Result<Party> ParseParty(const std::string& name, const json::value& v) {
    const std::string where = "party " + name;
    if (!v.is_object()) return Bad(where, "must be an object");
    const auto& o = v.as_object();
    Party p;
    p.name = name;
    SP_ASSIGN(p.roles, Strings(o, "roles", where));
    SP_ASSIGN(p.reporter, Flag(o, "reporter", false, where));
    SP_ASSIGN(p.system, Flag(o, "system", false, where));
    SP_ASSIGN(p.opd, Name(o, "opd", where, false));
    SP_ASSIGN(p.unless, Match(o, "unless", where));
    if (int(!p.roles.empty()) + int(p.reporter) + int(p.system) != 1)
        return Bad(where, "is either staff roles, the reporter or the system");
    return p;
}

Result<ActionDef> ParseAction(const json::value& v, const Workflow& w) {
    if (!v.is_object()) return Bad("action", "must be an object");
    const auto& o = v.as_object();
    ActionDef a;
    SP_ASSIGN(a.name, Name(o, "name", "action", true));
    const std::string where = "action " + a.name;
    if (a.name.empty() || a.name.size() > 40) return Bad(where, "needs a name of 1-40 characters");
    SP_ASSIGN(a.record_as, Name(o, "record_as", where, false));
    if (a.record_as.empty()) a.record_as = a.name;
    SP_ASSIGN(a.from, Strings(o, "from", where));
    SP_ASSIGN(a.stages, Strings(o, "stages", where));
    SP_ASSIGN(a.to, Name(o, "to", where, false));
    SP_ASSIGN(a.by, Strings(o, "by", where));
    SP_ASSIGN(std::string note, Name(o, "note", where, false));
    if (!note.empty() && note != "required" && note != "optional") return Bad(where, "note is required or optional");
    a.note_required = note == "required";
    SP_ASSIGN(a.reasons, Strings(o, "reasons", where));
    SP_ASSIGN(a.inputs, Strings(o, "inputs", where));
    SP_ASSIGN(a.proof, Flag(o, "proof", false, where));
    SP_ASSIGN(a.attachments, Flag(o, "attachments", a.proof, where));
    SP_ASSIGN(a.effects, Strings(o, "effects", where));
    SP_ASSIGN(a.public_note, Flag(o, "public_note", true, where));
    SP_ASSIGN(a.notify, Flag(o, "notify", true, where));
    SP_ASSIGN(a.refused, Name(o, "refused", where, false));
    if (a.refused.empty()) a.refused = "the case's state does not allow " + a.name;

    if (a.from.empty()) return Bad(where, "from: at least one state (or \"*\")");
    for (const auto& s : a.from)
        if (s != "*" && !w.State(s)) return Bad(where, "from: no state " + s);
    if (!a.to.empty() && a.to != "$resume" && !w.State(a.to)) return Bad(where, "to: no state " + a.to);
    if (a.by.empty()) return Bad(where, "by: at least one party");
    for (const auto& p : a.by)
        if (!w.parties.contains(p)) return Bad(where, "by: no party " + p);
    for (const auto& e : a.effects)
        if (!IsKnownEffect(e)) return Bad(where, "unknown effect " + e);
    for (const auto& i : a.inputs) {
        if (!Has(std::array<std::string_view, 4>{"opd_id", "assignee_id", "target_number", "rating"}, i))
            return Bad(where, "unknown input " + i);
    }
    return a;
}

}  // namespace

const StateDef* Workflow::State(std::string_view name) const {
    for (const auto& s : states)
        if (s.name == name) return &s;
    return nullptr;
}

bool IsKnownEffect(std::string_view e) {
    static constexpr std::array<std::string_view, 9> kPlain = {
        "close",  "reopen",     "pause", "resume", "resume_all", "breach_if_late", "breach_if_past_resolve_by",
        "assign", "assign_self"};
    if (Has(kPlain, e)) return true;
    for (std::string_view prefix : {"start:", "finish:", "hook:"}) {
        if (e.starts_with(prefix) && e.size() > prefix.size() && e.size() <= prefix.size() + 40) return true;
    }
    return false;
}

Result<Workflow> Parse(const json::object& o) {
    Workflow w;
    SP_ASSIGN(w.code, Name(o, "code", "", true));
    if (w.code.empty() || w.code.size() > 40) return Bad("", "code: 1-40 characters");
    SP_ASSIGN(w.initial, Name(o, "initial", w.code, true));
    SP_ASSIGN(w.initial_stage, Name(o, "initial_stage", w.code, false));
    SP_ASSIGN(std::string prefix, Name(o, "event_prefix", w.code, false));
    if (!prefix.empty()) w.event_prefix = prefix;
    SP_ASSIGN(std::string label, Name(o, "reporter_label", w.code, false));
    if (!label.empty()) w.reporter_label = label;
    SP_ASSIGN(w.performance, Flag(o, "performance", false, w.code));

    if (const auto* clocks = o.if_contains("clocks")) {
        if (!clocks->is_object()) return Bad(w.code, "clocks: an object of stage -> working days");
        for (const auto& [stage, days] : clocks->as_object()) {
            if (!days.is_int64() || days.as_int64() < 1 || days.as_int64() > 365)
                return Bad(w.code, "clocks: " + std::string(stage) + " runs 1-365 working days");
            w.clocks.emplace(std::string(stage), static_cast<int>(days.as_int64()));
        }
    }
    if (const auto* unit = o.if_contains("clock_days")) {
        if (!unit->is_string() || (unit->as_string() != "working" && unit->as_string() != "calendar"))
            return Bad(w.code, "clock_days: working or calendar");
        w.calendar_clocks = unit->as_string() == "calendar";
    }

    const auto* states = o.if_contains("states");
    if (!states || !states->is_array() || states->as_array().empty()) return Bad(w.code, "states: a list of states");
    for (const auto& v : states->as_array()) {
        if (!v.is_object()) return Bad(w.code, "a state is an object");
        StateDef s;
        SP_ASSIGN(s.name, Name(v.as_object(), "name", "state", true));
        if (s.name.empty() || s.name.size() > 40 || s.name == "*" || s.name.front() == '$')
            return Bad(w.code, "a state needs a plain name of 1-40 characters");
        if (w.State(s.name)) return Bad(w.code, "state " + s.name + " twice");
        SP_ASSIGN(s.open, Flag(v.as_object(), "open", true, "state " + s.name));
        SP_ASSIGN(s.counted, Flag(v.as_object(), "counted", true, "state " + s.name));
        w.states.push_back(std::move(s));
    }
    if (!w.State(w.initial)) return Bad(w.code, "initial: no state " + w.initial);

    const auto* parties = o.if_contains("parties");
    if (!parties || !parties->is_object()) return Bad(w.code, "parties: an object of named parties");
    for (const auto& [name, v] : parties->as_object()) {
        SP_ASSIGN(auto p, ParseParty(std::string(name), v));
        w.parties.emplace(p.name, std::move(p));
    }
    SP_ASSIGN(w.visible_to, Strings(o, "visible_to", w.code));
    for (const auto& p : w.visible_to)
        if (!w.parties.contains(p)) return Bad(w.code, "visible_to: no party " + p);
    SP_ASSIGN(w.file_by, Strings(o, "file_by", w.code));
    for (const auto& p : w.file_by)
        if (!w.parties.contains(p)) return Bad(w.code, "file_by: no party " + p);
    SP_ASSIGN(w.number_prefix, Name(o, "number_prefix", w.code, false));
    if (w.number_prefix.size() > 8 ||
        w.number_prefix.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
        return Bad(w.code, "number_prefix: up to 8 capital letters");

    const auto* actions = o.if_contains("actions");
    if (!actions || !actions->is_array()) return Bad(w.code, "actions: a list of actions");
    for (const auto& v : actions->as_array()) {
        SP_ASSIGN(auto a, ParseAction(v, w));
        w.actions.push_back(std::move(a));
    }
    return w;
}

json::object ToJson(const Workflow& w) {
    json::array states, actions;
    for (const auto& s : w.states) states.push_back({{"name", s.name}, {"open", s.open}, {"counted", s.counted}});
    json::object parties;
    for (const auto& [name, p] : w.parties) {
        json::object o;
        if (!p.roles.empty()) o["roles"] = Array(p.roles);
        if (p.reporter) o["reporter"] = true;
        if (p.system) o["system"] = true;
        if (!p.opd.empty()) o["opd"] = p.opd;
        if (!p.unless.empty()) o["unless"] = {{"status", Array(p.unless.status)}, {"stage", Array(p.unless.stage)}};
        parties[name] = std::move(o);
    }
    for (const auto& a : w.actions) {
        json::object o{{"name", a.name}, {"by", Array(a.by)}, {"from", Array(a.from)}};
        if (a.record_as != a.name) o["record_as"] = a.record_as;
        if (!a.stages.empty()) o["stages"] = Array(a.stages);
        if (!a.to.empty()) o["to"] = a.to;
        if (a.note_required) o["note"] = "required";
        if (!a.reasons.empty()) o["reasons"] = Array(a.reasons);
        if (!a.inputs.empty()) o["inputs"] = Array(a.inputs);
        if (a.proof) o["proof"] = true;
        if (a.attachments) o["attachments"] = true;
        if (!a.effects.empty()) o["effects"] = Array(a.effects);
        if (!a.public_note) o["public_note"] = false;
        if (!a.notify) o["notify"] = false;
        o["refused"] = a.refused;
        actions.push_back(std::move(o));
    }
    json::object clocks;
    for (const auto& [stage, days] : w.clocks) clocks[stage] = days;
    return {{"code", w.code},
            {"clocks", std::move(clocks)},
            {"clock_days", w.calendar_clocks ? "calendar" : "working"},
            {"initial", w.initial},
            {"initial_stage", w.initial_stage},
            {"event_prefix", w.event_prefix},
            {"reporter_label", w.reporter_label},
            {"performance", w.performance},
            {"states", std::move(states)},
            {"parties", std::move(parties)},
            {"visible_to", Array(w.visible_to)},
            {"file_by", Array(w.file_by)},
            {"number_prefix", w.number_prefix},
            {"actions", std::move(actions)}};
}

bool IsParty(const Party& p, const CaseFacts& c, const ActorFacts& a) {
    if (p.system) return a.role == "system";
    if (p.reporter) {
        return (a.role == "citizen" && c.reporter_id && *c.reporter_id == a.user_id) ||
               (a.via_api_key && !c.reporter_id);
    }
    if (!Has(p.roles, a.role)) return false;
    if (p.opd == "case") {
        if (!a.opd_id || *a.opd_id != c.opd_id) return false;
    } else if (!p.opd.empty()) {
        if (!a.opd_id || *a.opd_id != p.opd) return false;
    }
    return !Matches(p.unless, c);
}

namespace {
bool AnyParty(const Workflow& w, const std::vector<std::string>& names, const CaseFacts& c, const ActorFacts& a) {
    for (const auto& n : names) {
        const auto it = w.parties.find(n);
        if (it != w.parties.end() && IsParty(it->second, c, a)) return true;
    }
    return false;
}

bool FromHere(const ActionDef& d, const CaseFacts& c) {
    return (Has(d.from, "*") || Has(d.from, c.status)) && (d.stages.empty() || Has(d.stages, c.stage));
}
}  // namespace

bool CanSee(const Workflow& w, const CaseFacts& c, const ActorFacts& a) {
    return AnyParty(w, w.visible_to, c, a);
}

bool CanFile(const Workflow& w, std::string_view opd_id, const ActorFacts& a) {
    for (const auto& n : w.file_by) {
        const auto it = w.parties.find(n);
        if (it == w.parties.end()) continue;
        const Party& p = it->second;
        if (p.reporter) {
            if (a.role == "citizen") return true;
            continue;
        }
        // The case will be at `opd_id` in its initial state.
        const CaseFacts c{w.initial, w.initial_stage, opd_id, std::nullopt};
        if (IsParty(p, c, a)) return true;
    }
    return false;
}

Decision Transition(const Workflow& w, const CaseFacts& c, std::string_view action, const ActorFacts& a) {
    Decision d;
    for (const auto& def : w.actions) {
        if (def.name != action) continue;
        if (!AnyParty(w, def.by, c, a)) {
            if (d.verdict == Verdict::kUnknownAction) d = {Verdict::kForbidden, &def, ""};
            continue;
        }
        if (!FromHere(def, c)) {
            d = {Verdict::kWrongState, &def, ""};
            continue;
        }
        return {Verdict::kAllowed, &def, def.to.empty() ? std::string(c.status) : def.to};
    }
    return d;
}

std::vector<std::string> AllowedActions(const Workflow& w, const CaseFacts& c, const ActorFacts& a) {
    std::vector<std::string> out;
    for (const auto& def : w.actions) {
        if (Has(out, def.name)) continue;
        if (Transition(w, c, def.name, a).verdict == Verdict::kAllowed) out.push_back(def.name);
    }
    return out;
}

}  // namespace satupintu::workflow

namespace satupintu::workflow {

const Workflow* Shipped(std::string_view code) {
    // Parsed once; a shipped definition that does not parse is a build defect (workflow_test
    // parses every one), so the process stops rather than run without it.
    static const auto* const kAll = [] {
        auto* all = new std::map<std::string, Workflow, std::less<>>;
        for (const auto& [name, text] : EmbeddedDefinitions()) {
            auto doc = ParseJsonObject(text);
            auto w = doc ? Parse(*doc) : Result<Workflow>(doc.error());
            if (!w) {
                std::fprintf(stderr, "shipped workflow %.*s: %s\n", static_cast<int>(name.size()), name.data(),
                             w.error().detail.c_str());
                std::abort();
            }
            all->emplace(w->code, std::move(*w));
        }
        return all;
    }();
    const auto it = kAll->find(code);
    return it == kAll->end() ? nullptr : &it->second;
}

}  // namespace satupintu::workflow
