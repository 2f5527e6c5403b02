#include "open311/params.hpp"

#include <charconv>
#include <cmath>

namespace satupintu::open311 {

std::optional<std::string> Params::Get(std::string_view name) const {
    for (const auto& f : fields)
        if (f.name == name && !f.filename) return f.value;
    return std::nullopt;
}

std::optional<std::string> Params::Value(std::string_view name) const {
    auto v = Get(name);
    return v && !v->empty() ? v : std::nullopt;
}

Result<Params> ReadParams(const http::Request& req) {
    Params p;
    SP_ASSIGN(p.fields, http::ParseUrlEncoded(req.query));
    if (req.method == "POST") {
        SP_ASSIGN(auto body, http::ParseForm(req.Header("content-type"), req.body));
        p.fields.insert(p.fields.end(), body.begin(), body.end());
    }
    return p;
}

namespace {

// A decimal number of degrees, as a client writes one: no spaces, no hex, nothing after it,
// finite and at most `limit` either side of zero.
std::optional<double> Degrees(const std::string& text, double limit) {
    double v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc{} || ptr != end || !std::isfinite(v) || std::abs(v) > limit) return std::nullopt;
    return v;
}

}  // namespace

ServiceRequest ReadServiceRequest(const Params& p) {
    ServiceRequest out;
    cases::NewComplaint& in = out.complaint;
    const auto code = p.Value("service_code");
    if (!code) out.problems.push_back("service_code is required");
    const auto lat = p.Value("lat"), lng = p.Value("long");
    const auto address = p.Value("address_string"), address_id = p.Value("address_id");
    if (!(lat && lng) && !address && !address_id)
        out.problems.push_back("a location is required: lat and long, address_string, or address_id");
    if (!out.problems.empty()) return out;

    in.service_code = *code;
    in.description = p.Get("description").value_or("");
    if (lat && lng) {
        const auto la = Degrees(*lat, 90), lo = Degrees(*lng, 180);
        if (!la || !lo) {
            out.problems.push_back("lat and long must be decimal degrees (lat -90 to 90, long -180 to 180)");
            return out;
        }
        in.point = region::GeoPoint{*la, *lo};
    }
    in.address = address;
    in.media_url = p.Value("media_url");
    if (address_id) {
        // A wilayah code of the region: a kecamatan or a desa.
        const std::string& id = *address_id;
        if (id.size() == 8) in.kecamatan_code = id;
        if (id.size() == 13) in.kecamatan_code = id.substr(0, 8), in.desa_code = id;
        if (!in.kecamatan_code && !address) in.address = id;
    }
    std::string first = p.Get("first_name").value_or(""), last = p.Get("last_name").value_or("");
    std::string full = first + (first.empty() || last.empty() ? "" : " ") + last;
    if (!full.empty()) in.contact.name = full;
    in.contact.email = p.Value("email");
    in.contact.phone = p.Value("phone");
    for (const auto& field : p.fields) {
        if (!field.name.starts_with("attribute[") || field.filename) continue;
        const auto close = field.name.find(']');
        const std::string rest = close == std::string::npos ? "" : field.name.substr(close + 1);
        if (close == std::string::npos || close == 10 || (!rest.empty() && rest != "[]")) {
            out.problems.push_back("malformed attribute name " + field.name);
            return out;
        }
        const std::string attr = field.name.substr(10, close - 10);
        if (rest == "[]") {
            auto& slot = in.attributes[attr];
            if (!slot.is_array()) slot = json::array();
            slot.as_array().push_back(json::string(field.value));
        } else {
            in.attributes[attr] = field.value;
        }
    }
    return out;
}

}  // namespace satupintu::open311
