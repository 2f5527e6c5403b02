#include "store/store.hpp"

#include "core/log.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace satupintu::store {

namespace {
thread_local const RequestMark* current_mark = nullptr;

constexpr GlobalSql kHoldKey{
    "INSERT INTO idempotency_keys(scope, key, nonce, fingerprint, created_at) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (scope, key) DO NOTHING"};
constexpr GlobalSql kKeyHolder{"SELECT nonce FROM idempotency_keys WHERE scope = $1 AND key = $2"};
}  // namespace

ScopedRequestMark::ScopedRequestMark(const RequestMark* mark) : previous_(current_mark) {
    current_mark = mark;
}
ScopedRequestMark::~ScopedRequestMark() {
    current_mark = previous_;
}

std::function<Status(WriteTx&)> Store::Marked(std::function<Status(WriteTx&)> fn) {
    if (!current_mark) return fn;
    return [fn = std::move(fn), mark = *current_mark](WriteTx& tx) -> Status {
        SP_TRY(fn(tx));
        SP_TRY(tx.Exec(kHoldKey, mark.scope, mark.key, mark.nonce, mark.fingerprint, mark.now_ms).status());
        SP_ASSIGN(auto holder, tx.QueryOne(kKeyHolder, mark.scope, mark.key));
        if (!holder || holder->Text(0) != mark.nonce)
            return Err(Errc::kIdempotencyInProgress, "another request holds this Idempotency-Key");
        return Status::Ok();
    };
}

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
