// Permit and letter applications: cases (class "permohonan") of catalog services of kind
// "permit", moved through the steps their PermitSpec names. The engine validates the form,
// seals NIKs, runs each step's working-day clock (paused while the applicant corrects or pays),
// issues the bill at the payment step (the fee from the rule, never typed), continues when the
// bank's payment arrives, and issues the signed document at the approving step. Every step writes
// the case row, a timeline row, counters and its event in one transaction.
//
// An application is personal: it is stored rahasia, so no public list, map or Open311 output
// shows it; the public sees only the service's aggregate times.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "billing/billing.hpp"
#include "cases/cases.hpp"
#include "catalog/services.hpp"
#include "identity/nik_vault.hpp"
#include "permits/spec.hpp"
#include "region/calendar.hpp"
#include "workflow/workflow.hpp"

namespace satupintu::permits {

inline constexpr const char* kClass = "permohonan";

struct Env {
    const region::WorkingDayCalendar& calendar;
    const identity::NikVault& vault;
    std::string public_url;
    int tz_offset_minutes = 420;
    int64_t now_ms = 0;
};

struct Submission {
    json::object answers;    // by form field code; merged over a draft's earlier answers
    json::object documents;  // required document code -> attachment id
    bool submit = true;      // false: keep as a draft
};

// A catalog service of kind "permit" with its parsed spec.
struct PermitService {
    catalog::Service service;
    PermitSpec spec;
};
Result<PermitService> LoadService(store::ReadTx& tx, const store::TenantId& tenant, const std::string& code);
Result<PermitService> LoadServiceVersion(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id,
                                         int version);

// Checks a spec and writes the service (a new version when it exists).
Result<catalog::Service> PutPermitService(store::WriteTx& tx, const store::TenantId& tenant, catalog::Service s,
                                          int64_t now_ms, const std::string& actor);

// Reads a service file ({"services":[{code, name, opd_code, group, description, spec}, ...]},
// as data/catalog/permits.json); opd_id holds the OPD code until imported.
Result<std::vector<catalog::Service>> ParseServiceFile(std::string_view text);

// Imports services into a region: new ones are created, changed ones get a new version,
// identical ones are left alone. Returns how many were written.
Result<int> ImportServices(store::WriteTx& tx, const store::TenantId& tenant, std::vector<catalog::Service> services,
                           int64_t now_ms, const std::string& actor);

// A citizen starts an application (draft or submitted).
Result<cases::Case> Apply(store::WriteTx& tx, const store::TenantId& tenant, const std::string& service_code,
                          const Submission& sub, const Env& env, const cases::Actor& actor);

// The applicant edits a draft or a returned application, and submits or resubmits it.
Result<cases::Case> Update(store::WriteTx& tx, const store::TenantId& tenant, const std::string& number,
                           const Submission& sub, const Env& env, const cases::Actor& actor);

struct Decision {
    std::string action;  // approve, return, reject
    std::string note;    // required for return and reject
};

// What a step did beyond the case row: a bill issued, a document issued (to render afterwards).
struct StepResult {
    cases::Case c;
    std::optional<billing::Bill> bill;
    std::optional<std::string> document_id;
    std::optional<std::string> receipt_id;  // a payment's signed receipt
    bool bill_renewed = false;              // the sweep replaced an expired bill
};

// An officer decides the current step. kForbidden when the actor may not act on it; kConflict
// when the application is not at a decision step.
Result<StepResult> Decide(store::WriteTx& tx, const store::TenantId& tenant, const std::string& number,
                          const Decision& d, const Env& env, const cases::Actor& actor);

// The bill of a case was paid (in the payment's transaction): issues the signed receipt and
// continues past the payment step.
Result<std::optional<StepResult>> OnPaid(store::WriteTx& tx, const store::TenantId& tenant,
                                         const billing::Outcome& paid, const Env& env);
// A payment was reversed: back to the payment step, unless the application is finished
// (kConflict: revoke the document first).
Status OnReversed(store::WriteTx& tx, const store::TenantId& tenant, const billing::Bill& bill, const Env& env);

// Fiktif positif: approves open steps that allow it once their deadline passed. Also replaces
// expired unpaid bills with new ones (bill_renewed).
Result<std::vector<StepResult>> SweepTimeouts(store::WriteTx& tx, const store::TenantId& tenant, const Env& env,
                                              int limit = 200);

// The workflow of a service's applications, compiled from its steps: the applicant drafts,
// submits and resubmits; each step's party approves, returns or rejects as the step lists; the
// platform takes payments and, where a step allows it, approves on timeout (fiktif positif).
Result<workflow::Workflow> CompileWorkflow(store::ReadTx& tx, const store::TenantId& tenant, const PermitService& ps);
// The same, pure: `opd_of` gives the id of an OPD by its code (nullopt: no such OPD).
using OpdIdOf = std::function<Result<std::optional<std::string>>(const std::string& code)>;
Result<workflow::Workflow> CompileWorkflow(const PermitService& ps, const OpdIdOf& opd_of);
// The steps `actor` may take on the application now (what a page offers).
Result<std::vector<std::string>> Actions(store::ReadTx& tx, const store::TenantId& tenant, const PermitService& ps,
                                         const cases::Case& c, const cases::Actor& actor);
// Whether `actor` may see the application: the applicant, region-wide staff, and the staff of
// the OPDs its steps involve.
Result<bool> MaySee(store::ReadTx& tx, const store::TenantId& tenant, const PermitService& ps, const cases::Case& c,
                    const cases::Actor& actor);
const Step* CurrentStep(const PermitSpec& spec, const cases::Case& c);

// Completion times of finished applications (filed -> approved), most recent `limit`, in
// working days.
struct Times {
    int64_t count = 0;
    std::optional<int> median_days;
    std::optional<int> p90_days;
};
Result<Times> CompletionTimes(store::ReadTx& tx, const store::TenantId& tenant, const std::string& service_id,
                              const region::WorkingDayCalendar& calendar, int tz_offset_minutes, int limit = 1000);

// Answers as shown to the applicant and staff: NIKs masked, nothing sealed.
json::object VisibleAnswers(const json::object& stored);

}  // namespace satupintu::permits
