#include "core/nik.hpp"

#include <chrono>
#include <cstdio>

#include "core/problems.hpp"

namespace satupintu {

namespace {
int Num(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}
}  // namespace

Result<NikInfo> ParseNik(std::string_view nik, std::string_view today) {
    auto bad = [](std::string key) { return Invalid("nik", std::move(key)); };
    if (nik.size() != 16) return bad("input.nik_digits");
    for (char c : nik) {
        if (c < '0' || c > '9') return bad("input.nik_digits");
    }
    if (Num(nik.substr(0, 2)) < 11 || Num(nik.substr(2, 2)) == 0 || Num(nik.substr(4, 2)) == 0) {
        return bad("input.nik_region");
    }
    NikInfo info;
    int day = Num(nik.substr(6, 2));
    if (day > 40) {
        info.female = true;
        day -= 40;
    }
    const int month = Num(nik.substr(8, 2));
    const int yy = Num(nik.substr(10, 2));
    info.serial = Num(nik.substr(12, 4));
    if (info.serial == 0) return bad("input.nik_serial");
    const int this_year = today.size() >= 4 ? Num(today.substr(0, 4)) : 2026;
    int year = 2000 + yy;
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    if (year > this_year || (year == this_year && std::string_view(date) > today)) year = 1900 + yy;
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                                          std::chrono::day{unsigned(day)}};
    if (!ymd.ok()) return bad("input.nik_birth");
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    info.birth_date = date;
    info.district_code =
        std::string(nik.substr(0, 2)) + "." + std::string(nik.substr(2, 2)) + "." + std::string(nik.substr(4, 2));
    return info;
}

std::string MaskNik(std::string_view nik) {
    if (nik.size() != 16) return std::string(nik.size(), '*');
    return std::string(nik.substr(0, 4)) + "********" + std::string(nik.substr(12, 4));
}

}  // namespace satupintu
