// Case-class definitions (workflow as data) come from a region admin's JSON: any definition
// either is refused with a reason or parses to one whose JSON parses again to the same.
#include "core/json.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "workflow/workflow.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    auto body = ParseJsonObject(fuzz::Bytes(data, size));
    if (!body) return 0;
    auto w = workflow::Parse(*body);
    if (!w) return 0;
    auto again = workflow::Parse(workflow::ToJson(*w));
    SP_FUZZ_CHECK(again.ok());
    SP_FUZZ_CHECK(ToJson(workflow::ToJson(*again)) == ToJson(workflow::ToJson(*w)));
    return 0;
}
