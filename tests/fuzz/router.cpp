// The router: any method and path (as the server decodes them) finds at most one route, whose
// parameters are parts of the path.
#include <algorithm>
#include <string>

#include "http/router.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    static const http::Router router = [] {
        http::Router r;
        const auto ok = [](http::Request&) { return http::Response{}; };
        for (const char* p : {"/", "/api/v1/cases/{number}", "/api/v1/cases/{number}/actions",
                              "/api/v1/regions/{code}/complaints/{number}", "/open311/v2/requests/{file}",
                              "/static/{*path}", "/api/v1/regions/{code}/attachments/{id}"}) {
            r.Add("GET", p, ok);
            r.Add("POST", p, ok);
        }
        return r;
    }();
    const std::string_view in = fuzz::Bytes(data, size);
    const size_t space = in.find(' ');
    const std::string method(in.substr(0, space == std::string_view::npos ? 0 : space));
    const std::string path(space == std::string_view::npos ? in : in.substr(space + 1));
    const auto m = router.Find(method, path);
    for (const auto& [name, value] : m.params) {
        SP_FUZZ_CHECK(!name.empty());
        // A value is made of the path's own segments (empty ones are skipped, so "a//b" gives
        // "a/b"; libFuzzer found that the whole value need not appear in the path).
        for (size_t start = 0; start <= value.size();) {
            const size_t end = std::min(value.find('/', start), value.size());
            const std::string piece = value.substr(start, end - start);
            SP_FUZZ_CHECK(!piece.empty() && path.find(piece) != std::string::npos);
            start = end + 1;
        }
    }
    return 0;
}
