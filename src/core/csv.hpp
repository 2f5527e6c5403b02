// A small RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace satupintu::csv {

// Calls on_row for every record, header included. Stops and returns its error if on_row fails.
Status ForEachRow(std::string_view text, const std::function<Status(const std::vector<std::string>&)>& on_row);

}  // namespace satupintu::csv
