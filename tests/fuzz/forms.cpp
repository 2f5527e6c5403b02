// Form bodies and query strings: url-encoded, multipart (RFC 7578) and percent-decoding. The
// first byte picks the parser; every field that comes out is UTF-8 where the parser promises it.
#include "core/json.hpp"
#include "http/form.hpp"
#include "http/message.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    if (size == 0) return 0;
    const std::string_view rest = fuzz::Bytes(data + 1, size - 1);
    switch (data[0] % 4) {
        case 0:
            if (auto fields = http::ParseUrlEncoded(rest)) {
                for (const auto& f : *fields) SP_FUZZ_CHECK(IsValidUtf8(f.name));
            }
            break;
        case 1:
            if (auto fields = http::ParseForm("multipart/form-data; boundary=XyZ", rest)) {
                for (const auto& f : *fields) {
                    SP_FUZZ_CHECK(IsValidUtf8(f.name));
                    if (!f.filename) SP_FUZZ_CHECK(IsValidUtf8(f.value));
                }
            }
            break;
        case 2:
            (void)http::ParseForm(rest.substr(0, rest.find('\n')),
                                  rest.substr(std::min(rest.size(), rest.find('\n') + 1)));
            break;
        default:
            if (auto s = http::PercentDecode(rest, true)) SP_FUZZ_CHECK(IsValidUtf8(*s));
            break;
    }
    return 0;
}
