// The audit verifier recomputes each entry from its stored columns, payload text included: any
// stored payload gives a hash, and only canonical JSON counts as an untouched payload.
#include "core/json.hpp"
#include "events/event_log.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    const std::string payload(fuzz::Bytes(data, size));
    bool canonical = false;
    const std::string hash = events::EntryHash(events::kGenesisHash, "36.04", 1, 1'798'686'000'000, "case.filed",
                                               "user:x", "case:y", payload, &canonical);
    SP_FUZZ_CHECK(hash.size() == 64);
    if (canonical) {  // only an object, written in canonical form, counts as untouched
        boost::system::error_code ec;
        const json::value v = json::parse(payload, ec);
        SP_FUZZ_CHECK(!ec && v.is_object());
    }
    return 0;
}
