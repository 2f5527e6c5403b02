#include "http/form.hpp"

#include <algorithm>

#include "core/json.hpp"
#include "http/message.hpp"

namespace satupintu::http {

namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The value of `param` in a header like `form-data; name="x"; filename="y"`.
std::optional<std::string> HeaderParam(std::string_view header, std::string_view param) {
    size_t pos = 0;
    while ((pos = header.find(';', pos)) != std::string_view::npos) {
        ++pos;
        std::string_view rest = Trim(header.substr(pos));
        const auto eq = rest.find('=');
        if (eq == std::string_view::npos) continue;
        if (Lower(Trim(rest.substr(0, eq))) != param) continue;
        std::string_view v = Trim(rest.substr(eq + 1));
        if (!v.empty() && v.front() == '"') {
            const auto end = v.find('"', 1);
            if (end == std::string_view::npos) return std::nullopt;
            return std::string(v.substr(1, end - 1));
        }
        return std::string(v.substr(0, v.find(';')));
    }
    return std::nullopt;
}

Result<std::vector<FormField>> ParseMultipart(std::string_view content_type, std::string_view body) {
    const auto boundary = HeaderParam(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 70)
        return Err(Errc::kInvalidInput, "multipart body without a boundary");
    const std::string delimiter = "--" + *boundary;
    std::vector<FormField> out;
    size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos) return Err(Errc::kInvalidInput, "malformed multipart body");
    while (true) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") return out;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n") return Err(Errc::kInvalidInput, "malformed multipart body");
        pos += 2;
        const size_t headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos) return Err(Errc::kInvalidInput, "malformed multipart body");
        FormField field;
        bool named = false;
        for (size_t line = pos; line < headers_end;) {
            const size_t eol = std::min(body.find("\r\n", line), headers_end);
            const std::string_view h = body.substr(line, eol - line);
            const auto colon = h.find(':');
            if (colon != std::string_view::npos && Lower(Trim(h.substr(0, colon))) == "content-disposition") {
                const auto name = HeaderParam(h, "name");
                if (name) field.name = *name, named = true;
                field.filename = HeaderParam(h, "filename");
            }
            line = eol + 2;
        }
        const size_t data = headers_end + 4;
        const size_t next = body.find("\r\n" + delimiter, data);
        if (next == std::string_view::npos || !named) return Err(Errc::kInvalidInput, "malformed multipart body");
        field.value = std::string(body.substr(data, next - data));
        if (!IsValidUtf8(field.name) || (!field.filename && !IsValidUtf8(field.value)))
            return Err(Errc::kInvalidInput, "form fields must be UTF-8");
        out.push_back(std::move(field));
        if (out.size() > 200) return Err(Errc::kInvalidInput, "too many form fields");
        pos = next + 2;
    }
}

}  // namespace

Result<std::vector<FormField>> ParseUrlEncoded(std::string_view text) {
    std::vector<FormField> out;
    size_t pos = 0;
    while (pos <= text.size() && !text.empty()) {
        const size_t amp = std::min(text.find('&', pos), text.size());
        const std::string_view pair = text.substr(pos, amp - pos);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            auto name = PercentDecode(pair.substr(0, eq), true);
            auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
            if (!name || !value) return Err(Errc::kInvalidInput, "malformed form body (escapes or UTF-8)");
            out.push_back({std::move(*name), std::move(*value), std::nullopt});
            if (out.size() > 200) return Err(Errc::kInvalidInput, "too many form fields");
        }
        pos = amp + 1;
    }
    return out;
}

Result<std::vector<FormField>> ParseForm(std::string_view content_type, std::string_view body) {
    const std::string type = Lower(Trim(content_type.substr(0, content_type.find(';'))));
    if (type == "application/x-www-form-urlencoded") return ParseUrlEncoded(body);
    if (type == "multipart/form-data") return ParseMultipart(content_type, body);
    return Err(Errc::kUnsupportedMedia, "send application/x-www-form-urlencoded or multipart/form-data");
}

}  // namespace satupintu::http
