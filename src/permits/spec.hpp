// A permit service as data (the `spec` of a catalog service of kind "permit"): its Standar
// Pelayanan, its form, required documents, workflow steps, fee rule and output document.
// Parsing validates everything once, so the engine can trust a PermitSpec.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "taxes/rules.hpp"

namespace satupintu::permits {

// The 14 components of a Standar Pelayanan (UU 25/2009 art. 21; PermenPAN-RB 15/2014), in order.
inline constexpr const char* kStandardComponents[14] = {
    "persyaratan",      "prosedur",          "jangka_waktu",     "biaya",      "produk",
    "pengaduan",        "dasar_hukum",       "sarana",           "kompetensi", "pengawasan",
    "jumlah_pelaksana", "jaminan_pelayanan", "jaminan_keamanan", "evaluasi"};

struct FormField {
    std::string code;
    std::string label;
    std::string type;  // text, number, date, select, nik, location, file, group
    bool required = false;
    int max_length = 500;              // text
    int64_t min = 0, max = 0;          // number (max 0: no bound)
    std::vector<std::string> options;  // select
    std::vector<FormField> fields;     // group
    int max_items = 10;                // group
    std::string after;                 // date: not before this other date field (an end after its start)
};

struct RequiredDocument {
    std::string code;
    std::string label;
    bool required = true;
};

struct Step {
    std::string code;
    std::string label;
    std::string role;      // verifier, officer, opd_head; "" for a payment step
    std::string opd_code;  // officer/opd_head of this OPD; empty: the service's OPD
    int sla_days = 3;
    std::vector<std::string> decisions;  // approve, return, reject
    bool bill = false;                   // a payment step: the fee is computed and billed on entry
    bool issues_document = false;        // approving it issues the output document
    bool approve_on_timeout = false;     // fiktif positif
};

struct TariffRow {
    std::optional<int64_t> up_to;  // the row applies while the value is at most this
    taxes::Rupiah amount = 0;      // fixed part
    taxes::Rupiah per_unit = 0;    // times the value
};

struct FeeRule {
    std::string type = "free";  // free, fixed, tariff, formula
    taxes::Rupiah amount = 0;   // fixed
    std::string field;          // tariff: the numeric form field
    std::vector<TariffRow> table;
    std::string formula;  // pbb-p2, bphtb, reklame
    json::object inputs;  // formula: parameter -> form field code
    // reklame: tax = rate x (area m2 x days x NSR per m2 per day)
    taxes::Rupiah nsr_per_m2_day = 0;
    int64_t rate_ppm = 0;
    std::string legal_basis;
};

struct DocumentTemplate {
    std::string title;
    std::string classification;
    std::string unit;
    std::string body;
    std::vector<std::pair<std::string, std::string>> fields;  // label, form field code
    int valid_days = 0;                                       // 0: no expiry
    std::string signer_title;
};

struct PermitSpec {
    json::object standard;  // the 14 components
    std::vector<FormField> form;
    std::vector<RequiredDocument> documents;
    std::vector<Step> steps;
    FeeRule fee;
    DocumentTemplate document;
    int bill_valid_days = 7;
    std::string holder_field = "nama";  // the form field holding the applicant's name
};

Result<PermitSpec> ParseSpec(const json::object& spec);

// Checks filled answers against the form: required fields, types, options, lengths, NIK format,
// known kecamatan/desa codes (through `known_area`), files as attachment ids (collected).
struct AnswerCheck {
    std::vector<std::string> attachment_ids;  // from file fields and required documents
};
// `complete` false (a draft) skips the required checks. `today` (YYYY-MM-DD) dates NIKs.
Result<AnswerCheck> CheckAnswers(const PermitSpec& spec, const json::object& answers, const json::object& documents,
                                 bool complete, const std::string& today,
                                 const std::function<bool(const std::string&)>& known_area);

// The fee by the rule, from the answers and the region's tax parameters; the rule in words.
struct Fee {
    taxes::Rupiah amount = 0;
    std::string rule;
};
Result<Fee> ComputeFee(const FeeRule& rule, const json::object& answers, const taxes::TaxParams& params);

}  // namespace satupintu::permits
