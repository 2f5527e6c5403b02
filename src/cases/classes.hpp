// The case classes and how a case finds its own: complaints run on the shipped complaint
// workflow with the complaint hooks (complaints.cpp); a catalog service of kind "case" is a class
// defined in data only, its workflow carried in its definition (spec.workflow), with no code of
// its own. Letters, innovation proposals and data requests are meant to be such classes, plus a
// small named hook where one really needs it. Permit applications have their own door
// (permits.hpp), on the same engine.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cases/cases.hpp"
#include "cases/engine.hpp"
#include "catalog/services.hpp"
#include "workflow/workflow.hpp"

namespace satupintu::cases {

inline constexpr const char* kCaseKind = "case";  // services whose cases run a workflow of their definition

// The named effect hooks ("hook:NAME") a class defined in data may use, each registered by the
// module that owns it (privacy registers "erase_personal_data"). A class naming a hook nobody
// registered is refused when it is put.
void RegisterDataClassHook(std::string name, Hook hook);

// The workflow a service's cases run: the shipped complaint workflow for complaint categories,
// the definition's own for a "case" service (parsed once per service version).
Result<std::shared_ptr<const workflow::Workflow>> WorkflowOf(const catalog::Service& s);

// The complaint class of a category (the hooks: route, rate, merge). `service` and `env` must
// outlive the class.
CaseClass ComplaintClass(const catalog::Service& service, const Env& env);
// A class defined in data: its workflow, its clocks from the workflow, the reporter told of
// every step that says so. `w` and `env` must outlive the class.
CaseClass DataClass(const workflow::Workflow& w, const Env& env);

// A case of a "case" service, opened by one of the workflow's `file_by` parties.
struct NewCase {
    std::string service_code;
    std::string description;
    json::object attributes;  // answers to the service's extra questions
    std::optional<std::string> kecamatan_code;
    std::vector<std::string> attachment_ids;
};
Result<Case> FileCase(store::WriteTx& tx, const store::TenantId& tenant, const NewCase& in, const Env& env,
                      const Actor& actor);

// Whether `actor` may see the case, and what they may do now, by its class's workflow.
struct Access {
    bool visible = false;
    std::vector<std::string> actions;
};
Result<Access> AccessTo(store::ReadTx& tx, const store::TenantId& tenant, const Case& c, const Actor& actor);

}  // namespace satupintu::cases
