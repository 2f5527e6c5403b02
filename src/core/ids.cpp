#include "core/ids.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>

#include "core/crypto.hpp"

namespace satupintu {

// 20 characters: 45 bits of milliseconds since 1970, then 55 random bits, in an alphabet that
// sorts in ASCII order. Ids made later sort later, so new rows land at the end of every B-tree
// index keyed by id (a few hot pages per commit instead of one random page per row).
std::string NewId() {
    static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    const uint64_t ms = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    // The random part comes from a per-thread buffer refilled 4 KB at a time: one getrandom
    // call per ~580 ids instead of one per id (ids are made several times per write).
    thread_local std::string pool;
    thread_local size_t used = 0;
    if (used + 7 > pool.size()) pool = crypto::RandomBytes(4096), used = 0;
    uint64_t random = 0;
    for (int i = 0; i < 7; ++i) random = (random << 8) | static_cast<unsigned char>(pool[used++]);
    std::string out(20, '0');
    for (int i = 8; i >= 0; --i) out[8 - i] = kAlphabet[(ms >> (5 * i)) & 31];
    for (int i = 10; i >= 0; --i) out[19 - i] = kAlphabet[(random >> (5 * i)) & 31];
    return out;
}

namespace {
std::chrono::year_month_day Ymd(int64_t ms, int64_t* secs_of_day) {
    using namespace std::chrono;
    const sys_time<milliseconds> tp{milliseconds{ms}};
    const auto day = floor<days>(tp);
    *secs_of_day = duration_cast<seconds>(tp - day).count();
    return year_month_day{day};
}
}  // namespace

std::string IsoUtc(int64_t ms) {
    int64_t sod = 0;
    const auto ymd = Ymd(ms, &sod);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), static_cast<long long>(sod / 3600),
                  static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60),
                  static_cast<long long>(((ms % 1000) + 1000) % 1000));
    return buf;
}

std::string IsoWithOffset(int64_t ms, int offset_minutes) {
    int64_t sod = 0;
    const auto ymd = Ymd(ms + int64_t{offset_minutes} * 60000, &sod);
    const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld%c%02d:%02d", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), static_cast<long long>(sod / 3600),
                  static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60),
                  offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    return buf;
}

std::optional<Date> ParseDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](size_t pos, size_t len) {
        unsigned v = 0;
        for (size_t i = pos; i < pos + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + static_cast<unsigned>(s[i] - '0');
        }
        return static_cast<int>(v);
    };
    const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return Date{ymd};
}

std::string FormatDate(Date d) {
    const std::chrono::year_month_day ymd{d};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return buf;
}

std::optional<std::pair<Date, Date>> ParseMonth(std::string_view yyyy_mm) {
    if (yyyy_mm.size() != 7) return std::nullopt;
    const auto first = ParseDate(std::string(yyyy_mm) + "-01");
    if (!first) return std::nullopt;
    const std::chrono::year_month_day ymd{*first};
    // year_month + months is calendar arithmetic; sys_days + months would add an average month
    // (30.44 days) and land inside a 31-day month.
    const std::chrono::year_month next = ymd.year() / ymd.month() + std::chrono::months{1};
    return std::pair{*first, Date{next / 1}};
}

std::string CivilDate(int64_t ms, int offset_minutes) {
    return FormatDate(std::chrono::floor<std::chrono::days>(std::chrono::sys_time<std::chrono::milliseconds>{
        std::chrono::milliseconds{ms + int64_t{offset_minutes} * 60000}}));
}

std::optional<int64_t> StartOfDayMs(const std::string& date, int offset_minutes) {
    const auto d = ParseDate(date);
    if (!d) return std::nullopt;
    return int64_t{d->time_since_epoch().count()} * 86400000 - int64_t{offset_minutes} * 60000;
}

std::optional<int64_t> ParseW3cDateTime(std::string_view text, int default_offset_minutes) {
    if (text.size() < 10 || text.size() > 40) return std::nullopt;
    const auto date = ParseDate(text.substr(0, 10));
    if (!date) return std::nullopt;
    int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(date->time_since_epoch()).count();
    int offset = default_offset_minutes;
    std::string_view rest = text.substr(10);
    auto digits = [&](size_t n) -> std::optional<int> {
        if (rest.size() < n) return std::nullopt;
        int v = 0;
        for (size_t i = 0; i < n; ++i) {
            if (rest[i] < '0' || rest[i] > '9') return std::nullopt;
            v = v * 10 + (rest[i] - '0');
        }
        rest.remove_prefix(n);
        return v;
    };
    if (!rest.empty()) {
        if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
        rest.remove_prefix(1);
        const auto h = digits(2);
        if (!h || rest.empty() || rest[0] != ':') return std::nullopt;
        rest.remove_prefix(1);
        const auto m = digits(2);
        if (!m || *h > 23 || *m > 59) return std::nullopt;
        int sec = 0;
        if (!rest.empty() && rest[0] == ':') {
            rest.remove_prefix(1);
            const auto s = digits(2);
            if (!s || *s > 60) return std::nullopt;
            sec = *s;
            if (!rest.empty() && rest[0] == '.') {
                rest.remove_prefix(1);
                while (!rest.empty() && rest[0] >= '0' && rest[0] <= '9') rest.remove_prefix(1);
            }
        }
        ms += ((int64_t{*h} * 60 + *m) * 60 + sec) * 1000;
        if (!rest.empty()) {
            if (rest == "Z") {
                offset = 0;
            } else if (rest[0] == '+' || rest[0] == '-') {
                const int sign = rest[0] == '-' ? -1 : 1;
                rest.remove_prefix(1);
                const auto oh = digits(2);
                if (!oh) return std::nullopt;
                if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
                const auto om = digits(2);
                if (!om || !rest.empty() || *oh > 14 || *om > 59) return std::nullopt;
                offset = sign * (*oh * 60 + *om);
            } else {
                return std::nullopt;
            }
        }
    }
    // Instants any region can write back as a W3C datetime (four-digit years at every offset):
    // 9999-12-31T23:59:59-12:00 is year 10000 in Jakarta (found by tests/fuzz/ids.cpp).
    const int64_t at = ms - int64_t{offset} * 60000;
    constexpr int64_t kFirst = -2'208'988'800'000;  // 1900-01-01T00:00:00Z
    constexpr int64_t kEnd = 253'370'764'800'000;   // 9999-01-01T00:00:00Z
    if (at < kFirst || at >= kEnd) return std::nullopt;
    return at;
}

std::optional<std::string> ParseTrackingNumber(std::string_view typed) {
    std::string n;
    for (const char c : typed) {
        if (c == ' ' || c == '\t') continue;
        n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    const size_t dash = n.find('-');
    if (dash == std::string::npos || dash < 2 || dash > 12 || n.size() != dash + 12 || n[dash + 5] != '-')
        return std::nullopt;
    for (size_t i = 0; i < n.size(); ++i) {
        const bool digit = n[i] >= '0' && n[i] <= '9', letter = n[i] >= 'A' && n[i] <= 'Z';
        if (i < dash ? !letter : (i != dash && i != dash + 5 && !digit)) return std::nullopt;
    }
    return n;
}

}  // namespace satupintu
