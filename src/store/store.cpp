#include "store/store.hpp"

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

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
    if (!options.postgres_url.empty()) return OpenPostgresStore(options);
    return OpenSqliteStore(options);
}

}  // namespace satupintu::store
