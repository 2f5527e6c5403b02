#include "core/json.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <charconv>
#include <cmath>

#include "core/problems.hpp"

namespace satupintu {

bool IsValidUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n = 0;
        uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= n) return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        p += n + 1;
    }
    return true;
}

namespace {

// Builds the value like json::parse, except that a decimal is read from its text with
// std::from_chars, correctly rounded: Boost.JSON 1.81 can be one unit in the last place off,
// so a number written back would not read as the same number (found by the json_body fuzzer).
class PreciseHandler {
  public:
    static constexpr size_t max_array_size = -1;
    static constexpr size_t max_object_size = -1;
    static constexpr size_t max_string_size = -1;
    static constexpr size_t max_key_size = -1;

    PreciseHandler() { stack_.reset(); }
    json::value Release() { return stack_.release(); }

    bool on_document_begin(json::error_code&) { return true; }
    bool on_document_end(json::error_code&) { return true; }
    bool on_array_begin(json::error_code&) { return true; }
    bool on_array_end(size_t n, json::error_code&) { return stack_.push_array(n), true; }
    bool on_object_begin(json::error_code&) { return true; }
    bool on_object_end(size_t n, json::error_code&) { return stack_.push_object(n), true; }
    bool on_string_part(json::string_view s, size_t, json::error_code&) { return stack_.push_chars(s), true; }
    bool on_string(json::string_view s, size_t, json::error_code&) { return stack_.push_string(s), true; }
    bool on_key_part(json::string_view s, size_t, json::error_code&) { return stack_.push_chars(s), true; }
    bool on_key(json::string_view s, size_t, json::error_code&) { return stack_.push_key(s), true; }
    bool on_number_part(json::string_view s, json::error_code&) { return number_.append(s.data(), s.size()), true; }
    bool on_int64(int64_t i, json::string_view, json::error_code&) {
        number_.clear();
        return stack_.push_int64(i), true;
    }
    bool on_uint64(uint64_t u, json::string_view, json::error_code&) {
        number_.clear();
        return stack_.push_uint64(u), true;
    }
    bool on_double(double d, json::string_view s, json::error_code&) {
        number_.append(s.data(), s.size());
        double exact = 0;
        const char* end = number_.data() + number_.size();
        if (auto [ptr, ec] = std::from_chars(number_.data(), end, exact); ec == std::errc{} && ptr == end) d = exact;
        number_.clear();
        return stack_.push_double(d), true;
    }
    bool on_bool(bool b, json::error_code&) { return stack_.push_bool(b), true; }
    bool on_null(json::error_code&) { return stack_.push_null(), true; }
    bool on_comment_part(json::string_view, json::error_code&) { return true; }
    bool on_comment(json::string_view, json::error_code&) { return true; }

  private:
    json::value_stack stack_;
    std::string number_;
};

}  // namespace

Result<json::object> ParseJsonObject(std::string_view body) {
    if (!IsValidUtf8(body)) return Err(Errc::kInvalidUtf8, "request body is not valid UTF-8");
    json::parse_options opt;
    opt.max_depth = kMaxJsonDepth;
    json::basic_parser<PreciseHandler> parser(opt);
    boost::system::error_code ec;
    const size_t read = parser.write_some(false, body.data(), body.size(), ec);
    if (ec == json::error::too_deep) return Err(Errc::kTooDeep, "JSON nested too deeply");
    if (ec || !parser.done() || read != body.size()) return Err(Errc::kMalformedJson, "request body is not valid JSON");
    json::value v = parser.handler().Release();
    if (!v.is_object()) return Err(Errc::kMalformedJson, "request body must be a JSON object");
    return std::move(v.as_object());
}

Result<std::string> RequiredString(const json::object& o, std::string_view key, size_t max_len) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string() || v->as_string().empty()) {
        return Invalid(std::string(key), "input.required");
    }
    if (v->as_string().size() > max_len) {
        return Invalid(std::string(key), "input.too_long", {{"max", std::to_string(max_len)}});
    }
    return std::string(v->as_string());
}

std::optional<std::string> OptionalString(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->as_string());
}

std::vector<std::string> StringList(const json::object& o, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* v = o.if_contains(key); v && v->is_array()) {
        for (const auto& x : v->as_array())
            if (x.is_string()) out.emplace_back(x.as_string());
    }
    return out;
}

namespace {

void AppendString(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    size_t run = 0;  // start of the pending run of characters that need no escape
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.substr(run, i - run));
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
        }
    }
    out.append(s.substr(run));
    out += '"';
}

void AppendDouble(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    if (d == 0) {  // -0.0 too: "-0" would read back as the integer 0 (found by tests/fuzz/json_body.cpp)
        out += "0";
        return;
    }
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    out.append(buf, r.ec == std::errc() ? r.ptr : buf);
}

}  // namespace

void AppendJson(std::string& out, const json::value& v) {
    switch (v.kind()) {
        case json::kind::null:
            out += "null";
            return;
        case json::kind::bool_:
            out += v.get_bool() ? "true" : "false";
            return;
        case json::kind::int64:
            out += std::to_string(v.get_int64());
            return;
        case json::kind::uint64:
            out += std::to_string(v.get_uint64());
            return;
        case json::kind::double_:
            AppendDouble(out, v.get_double());
            return;
        case json::kind::string:
            AppendString(out, v.get_string());
            return;
        case json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& x : v.get_array()) {
                if (!first) out += ',';
                first = false;
                AppendJson(out, x);
            }
            out += ']';
            return;
        }
        case json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& kv : v.get_object()) {
                if (!first) out += ',';
                first = false;
                AppendString(out, kv.key());
                out += ':';
                AppendJson(out, kv.value());
            }
            out += '}';
            return;
        }
    }
}

std::string ToJson(const json::value& v) {
    std::string out;
    out.reserve(256);
    AppendJson(out, v);
    return out;
}

}  // namespace satupintu
