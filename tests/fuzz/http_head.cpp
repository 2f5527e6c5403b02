// The request head: any bytes go through Beast's request parser with the server's header limit,
// then through ReadHead, the one gate before the router. What passes is a clean path (starts
// with '/', UTF-8, no NUL, no "." or ".." segment) and lower-case header names; an HTTP/1.1
// request without a Host never passes. The first byte says whether a proxy is trusted.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include "core/json.hpp"
#include "http/head.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    namespace bhttp = boost::beast::http;
    if (size == 0) return 0;
    const bool trust_proxy = data[0] & 1;
    const std::string_view bytes = fuzz::Bytes(data + 1, size - 1);
    bhttp::request_parser<bhttp::empty_body> parser;
    parser.header_limit(16 * 1024);
    parser.eager(false);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec || !parser.is_header_done()) return 0;
    const auto& head = parser.get();
    http::Request req;
    if (!http::ReadHead(head, trust_proxy, req)) return 0;
    SP_FUZZ_CHECK(!(head.version() >= 11 && head[bhttp::field::host].empty()));
    SP_FUZZ_CHECK(!req.path.empty() && req.path.front() == '/');
    SP_FUZZ_CHECK(IsValidUtf8(req.path));
    SP_FUZZ_CHECK(req.path.find('\0') == std::string::npos);
    SP_FUZZ_CHECK(!http::HasDotSegment(req.path));
    SP_FUZZ_CHECK(req.method == head.method_string());
    for (const auto& h : req.headers) {
        for (const char c : h.name) SP_FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
    }
    if (!trust_proxy) SP_FUZZ_CHECK(req.remote_ip.empty() && !req.secure);
    return 0;
}
