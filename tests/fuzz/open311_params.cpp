// Open311 input: a query string and a form body (url-encoded or multipart, by the first byte),
// read as a service request. What comes out is either a list of problems or a complaint with a
// service code, a location, a point within the globe's degrees, and well-formed attribute names.
#include <cmath>

#include "core/json.hpp"
#include "open311/params.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    if (size == 0) return 0;
    const std::string_view rest = fuzz::Bytes(data + 1, size - 1);
    const size_t split = std::min(rest.size(), rest.find('\n'));
    http::Request req;
    req.method = (data[0] & 1) ? "POST" : "GET";
    req.query = std::string(rest.substr(0, split));
    req.body = std::string(rest.substr(std::min(rest.size(), split + 1)));
    req.headers.push_back(
        {"content-type", (data[0] & 2) ? "multipart/form-data; boundary=XyZ" : "application/x-www-form-urlencoded"});
    auto params = open311::ReadParams(req);
    if (!params) return 0;
    const auto read = open311::ReadServiceRequest(*params);
    if (!read.problems.empty()) return 0;
    const cases::NewComplaint& c = read.complaint;
    SP_FUZZ_CHECK(!c.service_code.empty());
    SP_FUZZ_CHECK(c.point || c.address || c.kecamatan_code);
    if (c.point) {
        SP_FUZZ_CHECK(std::isfinite(c.point->lat) && std::abs(c.point->lat) <= 90);
        SP_FUZZ_CHECK(std::isfinite(c.point->lng) && std::abs(c.point->lng) <= 180);
    }
    if (c.desa_code) SP_FUZZ_CHECK(c.kecamatan_code && c.desa_code->starts_with(*c.kecamatan_code));
    for (const auto& [name, value] : c.attributes) {
        SP_FUZZ_CHECK(!name.empty() && name.find(']') == std::string::npos && IsValidUtf8(name));
        SP_FUZZ_CHECK(value.is_string() || value.is_array());
    }
    return 0;
}
