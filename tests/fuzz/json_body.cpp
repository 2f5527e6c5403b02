// JSON request bodies: any bytes either fail with a clear error or parse to an object whose
// plain-number serialization parses back to the same value.
#include "core/json.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    auto parsed = ParseJsonObject(fuzz::Bytes(data, size));
    if (!parsed) return 0;
    const std::string once = ToJson(*parsed);
    auto again = ParseJsonObject(once);
    SP_FUZZ_CHECK(again.ok());
    SP_FUZZ_CHECK(ToJson(*again) == once);
    return 0;
}
