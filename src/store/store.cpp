#include "store/store.hpp"

#include "core/log.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace satupintu::store {

int64_t Row::Int(size_t i) const {
    const Value& v = cols[i];
    if (const auto* n = std::get_if<int64_t>(&v)) return *n;
    if (const auto* s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
    return 0;
}

std::string Row::Text(size_t i) const {
    const Value& v = cols[i];
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
    return {};
}

void Store::Halt(const std::string& reason) {
    {
        std::lock_guard lock(halt_mu_);
        if (halted_.load()) return;
        halt_reason_ = reason;
        halted_.store(true);
    }
    log::Error("writes halted: nothing more is written until an operator has looked and restarted the server",
               {{"reason", reason}});
    if (on_halt_) on_halt_(reason);
}

std::optional<std::string> Store::Halted() const {
    if (!halted_.load()) return std::nullopt;
    std::lock_guard lock(halt_mu_);
    return halt_reason_;
}

std::optional<Error> Store::HaltError() const {
    if (!halted_.load(std::memory_order_relaxed)) return std::nullopt;
    return Err(Errc::kWritesHalted, *Halted());
}

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
    if (!options.postgres_url.empty()) return OpenPostgresStore(options);
    return OpenSqliteStore(options);
}

}  // namespace satupintu::store
