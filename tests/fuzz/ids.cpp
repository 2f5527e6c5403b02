// Identity numbers and dates typed by people: NIK, W3C datetimes (Open311), dates and months,
// tracking numbers.
#include "core/ids.hpp"
#include "core/nik.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    const std::string_view text = fuzz::Bytes(data, size);
    if (auto nik = ParseNik(text, "2026-12-31")) {
        SP_FUZZ_CHECK(text.size() == 16);
        SP_FUZZ_CHECK(MaskNik(text).size() == 16);
    }
    if (auto ms = ParseW3cDateTime(text, 420))
        SP_FUZZ_CHECK(ParseW3cDateTime(IsoWithOffset(*ms, 420), 420).has_value());
    if (auto d = ParseDate(text)) SP_FUZZ_CHECK(ParseDate(FormatDate(*d)) == d);
    if (auto m = ParseMonth(text)) SP_FUZZ_CHECK(m->first < m->second);
    if (auto n = ParseTrackingNumber(text)) {
        SP_FUZZ_CHECK(ParseTrackingNumber(*n) == n);
        SP_FUZZ_CHECK(n->size() >= 14 && n->size() <= 24 && n->find(' ') == std::string::npos);
    }
    return 0;
}
