// HTML form bodies: application/x-www-form-urlencoded and multipart/form-data (RFC 7578).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace satupintu::http {

struct FormField {
    std::string name;
    std::string value;                    // the text, or a file's bytes
    std::optional<std::string> filename;  // set for file parts
};

// Parses a body by its Content-Type; kUnsupportedMedia for other types, kInvalidInput for a
// malformed body or a field name or text value that is not UTF-8.
Result<std::vector<FormField>> ParseForm(std::string_view content_type, std::string_view body);

// Parses `a=1&b=2` (also query strings).
Result<std::vector<FormField>> ParseUrlEncoded(std::string_view text);

}  // namespace satupintu::http
