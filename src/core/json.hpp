// JSON helpers over Boost.JSON: strict body parsing (UTF-8, depth limit) and typed field access.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace satupintu {

namespace json = boost::json;

inline constexpr int kMaxJsonDepth = 32;

bool IsValidUtf8(std::string_view s);

// Parses a request body that must be a JSON object.
Result<json::object> ParseJsonObject(std::string_view body);

// Field access that reports which field is wrong.
Result<std::string> RequiredString(const json::object& o, std::string_view key, size_t max_len = 200);
std::optional<std::string> OptionalString(const json::object& o, std::string_view key);
// The strings of an array member (other elements skipped); empty when absent.
std::vector<std::string> StringList(const json::object& o, std::string_view key);

// JSON text of a value, with every number in plain decimal form: Boost.JSON writes doubles as
// 5E-1 and 1E0, valid JSON that people and some parsers read badly. A double is written in its
// shortest round-trip fixed form (0.5, 1, 83.33); a non-finite one as null.
std::string ToJson(const json::value& v);
void AppendJson(std::string& out, const json::value& v);

}  // namespace satupintu
