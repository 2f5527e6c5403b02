// Local taxes as UU 1/2022 (HKPD) computes them, in integer rupiah (rules-id.md). Pure functions:
// the parameters come from the tenant's Perda (TaxParams), the result carries the rule and every
// figure it used, so that a citizen can check the arithmetic.
//
// Rates are integer parts per million (0.2% = 2,000 ppm): no floating point touches money.
// Products round half up to the whole rupiah, once, at the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace satupintu::taxes {

using Rupiah = int64_t;
inline constexpr int64_t kPpm = 1'000'000;
// The largest amount accepted as input (Rp 1e15: above any real NJOP or price).
inline constexpr Rupiah kMaxAmount = 1'000'000'000'000'000;

struct PbbP2Params {
    Rupiah njoptkp = 10'000'000;       // per taxpayer, >= Rp10,000,000
    int64_t assessment_ppm = 400'000;  // NJKP share of NJOP: 20%..100%
    int64_t rate_ppm = 2'000;          // <= 0.5%
};

struct BphtbParams {
    Rupiah npoptkp = 80'000'000;               // >= Rp80,000,000
    Rupiah npoptkp_inheritance = 300'000'000;  // >= Rp300,000,000 (direct line, spouse)
    int64_t rate_ppm = 50'000;                 // <= 5%
};

struct PenaltyParams {
    int64_t monthly_ppm = 10'000;  // 1% of the principal per month
    int max_months = 24;
};

struct TaxParams {
    PbbP2Params pbb;
    BphtbParams bphtb;
    PenaltyParams penalty;
    std::string legal_basis;  // the tenant's Perda, shown with every result
};

// Checks the parameters against the bounds of UU 1/2022.
Status Validate(const TaxParams& p);

json::object ParamsJson(const TaxParams& p);
// Reads parameters; keys that are absent keep the national default.
Result<TaxParams> ParamsFromJson(const json::object& o);

// One figure of a computation, in the order it was used.
struct Step {
    std::string name;   // e.g. "njop", "njkp"
    std::string label;  // Indonesian, for the page
    Rupiah amount = 0;
};

struct Assessment {
    Rupiah amount = 0;
    std::string rule;  // formula in words, with the parameters
    std::vector<Step> steps;
};

json::object AssessmentJson(const Assessment& a);

// x * ppm / 1e6, rounded half up (x >= 0).
Rupiah ApplyPpm(Rupiah x, int64_t ppm);

// PBB-P2: rate x assessment x max(0, NJOP - NJOPTKP).
Result<Assessment> PbbP2(const PbbP2Params& p, Rupiah njop);

enum class Acquisition { kPurchase, kInheritance };
std::optional<Acquisition> AcquisitionFromName(std::string_view name);  // purchase, inheritance

// BPHTB: NPOP = the price, or the NJOP when the price is unknown (0) or lower;
// rate x max(0, NPOP - NPOPTKP).
Result<Assessment> Bphtb(const BphtbParams& p, Rupiah price, Rupiah njop, Acquisition acquisition);

// Whole months late: a started month counts whole; 0 when paid on or before the due date.
int MonthsLate(Date due, Date paid);

// Late-payment penalty: monthly rate x principal x min(months late, max months).
Result<Assessment> Penalty(const PenaltyParams& p, Rupiah principal, int months_late);

// "Rp1.234.567"
std::string FormatRupiah(Rupiah x);

}  // namespace satupintu::taxes
