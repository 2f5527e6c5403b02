// Canonical JSON: the one byte encoding of a JSON value that the audit chain hashes.
//
// Object keys are sorted by their UTF-8 bytes, there is no whitespace, strings use the minimal
// escapes of Boost.JSON's serializer, and numbers are integers (the log stores no floats).
#pragma once

#include <string>

#include "core/json.hpp"

namespace satupintu::events {

std::string Canonical(const json::value& v);

}  // namespace satupintu::events
