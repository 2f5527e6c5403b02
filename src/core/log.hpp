// Structured logging as JSON lines on stderr. Thread-safe; lines are written whole. Info lines are
// buffered up to 100 ms (see log.cpp); warnings and errors are written at once.
//
// Callers pass only operational facts. Never pass personal data (NIK, names, emails, phone
// numbers), passwords, tokens or cookies: the log is read by operators who must not see them.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace satupintu::log {

enum class Level { kDebug, kInfo, kWarn, kError };

void SetMinLevel(Level level);
void Write(Level level, std::string_view msg, boost::json::object fields = {});
inline void Info(std::string_view msg, boost::json::object fields = {}) {
    Write(Level::kInfo, msg, std::move(fields));
}
inline void Warn(std::string_view msg, boost::json::object fields = {}) {
    Write(Level::kWarn, msg, std::move(fields));
}
inline void Error(std::string_view msg, boost::json::object fields = {}) {
    Write(Level::kError, msg, std::move(fields));
}

}  // namespace satupintu::log
