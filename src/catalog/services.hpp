// The service catalog: every service a region offers is data, not code. Complaint categories are
// services of kind "complaint"; permits (issue 4) add their own kinds to the same table.
//
// A service is versioned: every change writes a new version, and a case keeps the version it
// began with (cases.service_version).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::catalog {

// Working-day SLA settings (rules-id.md, SP4N-LAPOR!). Defaults are the national rule.
struct SlaSettings {
    int verify_days = 3;       // verification and forwarding, from filing
    int follow_up_days = 5;    // follow-up by the OPD, from forwarding
    int auto_close_days = 10;  // closes unless the reporter answers, from resolution
    int resolve_days = 60;     // calendar days from a complete file (Perpres 76/2013)
};

struct AttributeValue {
    std::string key;
    std::string name;
};

// An extra question (Open311 attribute).
struct Attribute {
    std::string code;
    std::string datatype;  // string, number, datetime, text, singlevaluelist, multivaluelist
    bool required = false;
    std::string description;
    std::string datatype_description;
    int order = 1;
    std::vector<AttributeValue> values;
};

struct Service {
    std::string id;
    std::string code;
    std::string kind;
    int version = 1;
    std::string name;
    std::string opd_id;
    std::string description;
    std::string group;
    std::vector<std::string> keywords;
    SlaSettings sla;
    std::vector<Attribute> attributes;
    bool allow_rahasia = true;
    // Complaints: may be filed without an account, by a phone number verified with a code.
    bool guest_filing = true;
    bool proof_required = false;  // follow-ups need a proof-of-fix photo
    int duplicate_radius_m = 250;
    bool active = true;
    json::object spec;  // what a kind adds (permits: standard, form, steps, fee, document)
};

// Checks a service definition (codes, SLA ranges, attribute datatypes and orders).
Status Validate(const Service& s);

json::object DefinitionJson(const Service& s);
Result<Service> FromDefinition(json::object definition);

// Creates a service (version 1) or, when one with the same code exists, writes the next
// version. Appends "service.created" / "service.updated".
Result<Service> PutService(store::WriteTx& tx, const store::TenantId& tenant, Service s, int64_t now_ms,
                           const std::string& actor);

Result<std::vector<Service>> ListServices(store::ReadTx& tx, const store::TenantId& tenant, const std::string& kind);
Result<std::optional<Service>> FindServiceByCode(store::ReadTx& tx, const store::TenantId& tenant,
                                                 const std::string& code);
// A stored version (what a case began with).
Result<std::optional<Service>> FindServiceVersion(store::ReadTx& tx, const store::TenantId& tenant,
                                                  const std::string& id, int version);

// Checks a filed answer set against the attributes: required present, list values known,
// numbers numeric. `answers` maps attribute code -> string or array of strings.
Status ValidateAnswers(const Service& s, const json::object& answers);

}  // namespace satupintu::catalog
