#include "core/log.hpp"

#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>

#include "core/ids.hpp"

namespace satupintu::log {

namespace {
std::atomic<Level> g_min{Level::kInfo};

std::string_view LevelName(Level l) {
    switch (l) {
        case Level::kDebug:
            return "debug";
        case Level::kInfo:
            return "info";
        case Level::kWarn:
            return "warn";
        case Level::kError:
            return "error";
    }
    return "info";
}
}  // namespace

void SetMinLevel(Level level) {
    g_min = level;
}

void Write(Level level, std::string_view msg, boost::json::object fields) {
    if (level < g_min.load(std::memory_order_relaxed)) return;
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    boost::json::object line;
    line.reserve(fields.size() + 3);
    line["ts"] = IsoUtc(now);
    line["level"] = LevelName(level);
    line["msg"] = msg;
    for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
    std::string out = boost::json::serialize(line);
    out.push_back('\n');
    // One write(2) per line keeps lines whole when threads log at once.
    [[maybe_unused]] auto n = ::write(STDERR_FILENO, out.data(), out.size());
}

}  // namespace satupintu::log
