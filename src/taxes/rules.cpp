#include "taxes/rules.hpp"

namespace satupintu::taxes {

namespace {

// 128-bit intermediates: 1e15 rupiah x 1e6 ppm x 1e6 ppm does not fit in 64 bits.
__extension__ typedef __int128 Wide;

Status Bound(bool ok, const char* field, const char* why) {
    if (ok) return Status::Ok();
    return Err(Errc::kInvalidInput, why, field);
}

std::string Percent(int64_t ppm) {
    // 2,000 ppm -> "0,2%"; Indonesian decimal comma, no trailing zeros.
    std::string whole = std::to_string(ppm / 10'000);
    std::string frac = std::to_string(ppm % 10'000);
    frac.insert(0, 4 - frac.size(), '0');
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return frac.empty() ? whole + "%" : whole + "," + frac + "%";
}

Result<Rupiah> Amount(Rupiah x, const char* field) {
    if (x < 0 || x > kMaxAmount) return Err(Errc::kInvalidInput, "an amount in whole rupiah, 0..1e15", field);
    return x;
}

Result<int64_t> Int(const json::object& o, std::string_view key, int64_t fallback) {
    const auto* v = o.if_contains(key);
    if (!v) return fallback;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX))
        return static_cast<int64_t>(v->as_uint64());
    return Err(Errc::kInvalidInput, "a whole number", std::string(key));
}

}  // namespace

Rupiah ApplyPpm(Rupiah x, int64_t ppm) {
    const Wide p = static_cast<Wide>(x) * ppm;
    return static_cast<Rupiah>((p + kPpm / 2) / kPpm);
}

Status Validate(const TaxParams& p) {
    SP_TRY(Bound(p.pbb.njoptkp >= 10'000'000 && p.pbb.njoptkp <= kMaxAmount, "pbb_p2.njoptkp",
                 "NJOPTKP is at least Rp10.000.000"));
    SP_TRY(Bound(p.pbb.assessment_ppm >= 200'000 && p.pbb.assessment_ppm <= kPpm, "pbb_p2.assessment_ppm",
                 "the assessment ratio is 20%..100% (200000..1000000 ppm)"));
    SP_TRY(Bound(p.pbb.rate_ppm > 0 && p.pbb.rate_ppm <= 5'000, "pbb_p2.rate_ppm",
                 "the PBB-P2 rate is above 0 and at most 0.5% (5000 ppm)"));
    SP_TRY(Bound(p.bphtb.npoptkp >= 80'000'000 && p.bphtb.npoptkp <= kMaxAmount, "bphtb.npoptkp",
                 "NPOPTKP is at least Rp80.000.000"));
    SP_TRY(Bound(p.bphtb.npoptkp_inheritance >= 300'000'000 && p.bphtb.npoptkp_inheritance <= kMaxAmount,
                 "bphtb.npoptkp_inheritance", "NPOPTKP for inheritance is at least Rp300.000.000"));
    SP_TRY(Bound(p.bphtb.rate_ppm > 0 && p.bphtb.rate_ppm <= 50'000, "bphtb.rate_ppm",
                 "the BPHTB rate is above 0 and at most 5% (50000 ppm)"));
    SP_TRY(Bound(p.penalty.monthly_ppm >= 0 && p.penalty.monthly_ppm <= 100'000, "penalty.monthly_ppm",
                 "the monthly penalty is 0..10% (0..100000 ppm)"));
    SP_TRY(Bound(p.penalty.max_months >= 0 && p.penalty.max_months <= 24, "penalty.max_months",
                 "the penalty runs for at most 24 months"));
    SP_TRY(Bound(p.legal_basis.size() <= 300 && IsValidUtf8(p.legal_basis), "legal_basis", "at most 300 characters"));
    return Status::Ok();
}

json::object ParamsJson(const TaxParams& p) {
    return {{"pbb_p2",
             {{"njoptkp", p.pbb.njoptkp}, {"assessment_ppm", p.pbb.assessment_ppm}, {"rate_ppm", p.pbb.rate_ppm}}},
            {"bphtb",
             {{"npoptkp", p.bphtb.npoptkp},
              {"npoptkp_inheritance", p.bphtb.npoptkp_inheritance},
              {"rate_ppm", p.bphtb.rate_ppm}}},
            {"penalty", {{"monthly_ppm", p.penalty.monthly_ppm}, {"max_months", p.penalty.max_months}}},
            {"legal_basis", p.legal_basis}};
}

Result<TaxParams> ParamsFromJson(const json::object& o) {
    TaxParams p;
    static const json::object kEmpty;
    auto section = [&](std::string_view key) -> Result<const json::object*> {
        const auto* v = o.if_contains(key);
        if (!v) return &kEmpty;
        if (!v->is_object()) return Err(Errc::kInvalidInput, "an object", std::string(key));
        return &v->as_object();
    };
    SP_ASSIGN(const auto* pbb, section("pbb_p2"));
    SP_ASSIGN(p.pbb.njoptkp, Int(*pbb, "njoptkp", p.pbb.njoptkp));
    SP_ASSIGN(p.pbb.assessment_ppm, Int(*pbb, "assessment_ppm", p.pbb.assessment_ppm));
    SP_ASSIGN(p.pbb.rate_ppm, Int(*pbb, "rate_ppm", p.pbb.rate_ppm));
    SP_ASSIGN(const auto* bphtb, section("bphtb"));
    SP_ASSIGN(p.bphtb.npoptkp, Int(*bphtb, "npoptkp", p.bphtb.npoptkp));
    SP_ASSIGN(p.bphtb.npoptkp_inheritance, Int(*bphtb, "npoptkp_inheritance", p.bphtb.npoptkp_inheritance));
    SP_ASSIGN(p.bphtb.rate_ppm, Int(*bphtb, "rate_ppm", p.bphtb.rate_ppm));
    SP_ASSIGN(const auto* pen, section("penalty"));
    SP_ASSIGN(p.penalty.monthly_ppm, Int(*pen, "monthly_ppm", p.penalty.monthly_ppm));
    SP_ASSIGN(int64_t months, Int(*pen, "max_months", p.penalty.max_months));
    if (months < 0 || months > 24) return Err(Errc::kInvalidInput, "0..24", "penalty.max_months");
    p.penalty.max_months = static_cast<int>(months);
    if (const auto* v = o.if_contains("legal_basis")) {
        if (!v->is_string()) return Err(Errc::kInvalidInput, "text", "legal_basis");
        p.legal_basis = std::string(v->as_string());
    }
    SP_TRY(Validate(p));
    return p;
}

json::object AssessmentJson(const Assessment& a) {
    json::array steps;
    for (const auto& s : a.steps) steps.push_back({{"name", s.name}, {"label", s.label}, {"amount", s.amount}});
    return {{"amount", a.amount}, {"currency", "IDR"}, {"rule", a.rule}, {"steps", std::move(steps)}};
}

Result<Assessment> PbbP2(const PbbP2Params& p, Rupiah njop_in) {
    SP_ASSIGN(Rupiah njop, Amount(njop_in, "njop"));
    Assessment a;
    const Rupiah base = std::max<Rupiah>(0, njop - p.njoptkp);
    // One rounding: rate x share x base, over 1e12.
    const Wide product = static_cast<Wide>(base) * p.assessment_ppm * p.rate_ppm;
    const Wide scale = static_cast<Wide>(kPpm) * kPpm;
    a.amount = static_cast<Rupiah>((product + scale / 2) / scale);
    a.rule = "PBB-P2 = tarif " + Percent(p.rate_ppm) + " x " + Percent(p.assessment_ppm) + " x (NJOP - NJOPTKP " +
             FormatRupiah(p.njoptkp) + "), UU 1/2022 pasal 40-41";
    a.steps = {{"njop", "NJOP", njop},
               {"njoptkp", "NJOPTKP", p.njoptkp},
               {"base", "NJOP kena pajak", base},
               {"njkp", "Dasar pengenaan (" + Percent(p.assessment_ppm) + ")", ApplyPpm(base, p.assessment_ppm)},
               {"amount", "PBB-P2 terutang", a.amount}};
    return a;
}

std::optional<Acquisition> AcquisitionFromName(std::string_view name) {
    if (name == "purchase") return Acquisition::kPurchase;
    if (name == "inheritance") return Acquisition::kInheritance;
    return std::nullopt;
}

Result<Assessment> Bphtb(const BphtbParams& p, Rupiah price_in, Rupiah njop_in, Acquisition acquisition) {
    SP_ASSIGN(Rupiah price, Amount(price_in, "price"));
    SP_ASSIGN(Rupiah njop, Amount(njop_in, "njop"));
    Assessment a;
    const Rupiah npop = std::max(price, njop);  // an unknown price (0) or a lower one gives the NJOP
    const Rupiah exempt = acquisition == Acquisition::kInheritance ? p.npoptkp_inheritance : p.npoptkp;
    const Rupiah base = std::max<Rupiah>(0, npop - exempt);
    a.amount = ApplyPpm(base, p.rate_ppm);
    a.rule = "BPHTB = tarif " + Percent(p.rate_ppm) + " x (NPOP - NPOPTKP " + FormatRupiah(exempt) +
             (acquisition == Acquisition::kInheritance ? ", waris" : "") +
             "); NPOP = harga transaksi, atau NJOP bila harga tidak diketahui atau lebih rendah; UU 1/2022 pasal 46-49";
    a.steps = {{"price", "Harga transaksi", price},
               {"njop", "NJOP", njop},
               {"npop", "NPOP", npop},
               {"npoptkp", "NPOPTKP", exempt},
               {"base", "NPOP kena pajak", base},
               {"amount", "BPHTB terutang", a.amount}};
    return a;
}

int MonthsLate(Date due, Date paid) {
    if (paid <= due) return 0;
    const std::chrono::year_month_day d{due};
    const std::chrono::year_month_day p{paid};
    int months =
        (static_cast<int>(p.year()) - static_cast<int>(d.year())) * 12 +
        (static_cast<int>(static_cast<unsigned>(p.month())) - static_cast<int>(static_cast<unsigned>(d.month())));
    // due + months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
    auto add = [&](int n) {
        const auto ym = std::chrono::year_month{d.year(), d.month()} + std::chrono::months{n};
        const auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
        const auto day = std::min(d.day(), last.day());
        return Date{std::chrono::year_month_day{ym.year(), ym.month(), day}};
    };
    if (add(months) < paid) ++months;
    return months;
}

Result<Assessment> Penalty(const PenaltyParams& p, Rupiah principal_in, int months_late) {
    SP_ASSIGN(Rupiah principal, Amount(principal_in, "principal"));
    if (months_late < 0) return Err(Errc::kInvalidInput, "months late is not negative", "months_late");
    Assessment a;
    const int months = std::min(months_late, p.max_months);
    a.amount = ApplyPpm(principal, p.monthly_ppm * months);
    a.rule = "Sanksi = " + Percent(p.monthly_ppm) + " x pokok x bulan terlambat (bulan yang dimulai dihitung penuh, " +
             "paling lama " + std::to_string(p.max_months) + " bulan); UU 1/2022";
    a.steps = {{"principal", "Pokok pajak", principal},
               {"months", "Bulan terlambat (dihitung)", months},
               {"amount", "Sanksi administratif", a.amount}};
    return a;
}

std::string FormatRupiah(Rupiah x) {
    std::string digits = std::to_string(x < 0 ? -x : x);
    std::string out;
    const size_t n = digits.size();
    for (size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return (x < 0 ? "-Rp" : "Rp") + out;
}

}  // namespace satupintu::taxes
