// Uploaded files (photos, PDFs): the type comes from the content, and a file that passes the
// metadata stripper is of the same type again and has nothing left to strip.
#include "files/attachments.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    const std::string_view bytes = fuzz::Bytes(data, size);
    const auto type = files::SniffType(bytes);
    if (!type) return 0;
    auto clean = files::StripMetadata(*type, bytes);
    if (!clean) return 0;
    SP_FUZZ_CHECK(files::SniffType(*clean) == type);
    auto twice = files::StripMetadata(*type, *clean);
    SP_FUZZ_CHECK(twice.ok());
    SP_FUZZ_CHECK(*twice == *clean);
    return 0;
}
