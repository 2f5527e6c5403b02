// The Store: the one narrow door between the domain and a database.
//
// Two implementations sit behind it: SQLite (embedded default; one group-commit writer thread,
// parallel readers) and PostgreSQL (production; a pool of libpq connections). Domain code sees
// only ReadTx / WriteTx and SQL constants written in the common dialect (positional $1..$N
// parameters, INTEGER/TEXT values, ON CONFLICT, RETURNING).
//
// Tenant isolation is enforced by types: a query against tenant-owned tables is a TenantSql,
// which must bind the tenant as $1, and can only be run with a TenantId. There is no way to run
// a TenantSql without one; a GlobalSql is for the few shared tables (regions, tenants, sessions'
// lookup by token hash) and cannot be passed where a TenantSql is expected.
//
// Thread safety: a Store is shared by all threads. A ReadTx / WriteTx belongs to the one call of
// Read/Write that created it and must not escape it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace satupintu::store {

using Value = std::variant<std::monostate, int64_t, std::string>;

struct Row {
    std::vector<Value> cols;

    bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(cols[i]); }
    int64_t Int(size_t i) const;
    std::string Text(size_t i) const;
    std::optional<std::string> OptText(size_t i) const { return IsNull(i) ? std::nullopt : std::optional(Text(i)); }
};
using Rows = std::vector<Row>;

// A region code that names a tenant. Constructed by region/ after the tenant was found.
class TenantId {
  public:
    explicit TenantId(std::string code) : code_(std::move(code)) {}
    const std::string& code() const { return code_; }
    bool operator==(const TenantId&) const = default;

  private:
    std::string code_;
};

namespace detail {
consteval bool Contains(const char* s, const char* needle) {
    for (; *s; ++s) {
        const char* a = s;
        const char* b = needle;
        while (*a && *b && *a == *b) ++a, ++b;
        if (!*b) return true;
    }
    return false;
}
}  // namespace detail

// SQL over tenant-owned tables. The tenant is always parameter $1.
class TenantSql {
  public:
    consteval TenantSql(const char* text) : text_(text) {  // NOLINT: implicit from a literal
        if (!detail::Contains(text, "$1")) throw "a TenantSql must bind the tenant as $1";
    }
    std::string_view text() const { return text_; }

  private:
    const char* text_;
};

// SQL over shared, tenant-less tables.
class GlobalSql {
  public:
    consteval GlobalSql(const char* text) : text_(text) {}  // NOLINT: implicit from a literal
    std::string_view text() const { return text_; }

  private:
    const char* text_;
};

namespace detail {
class SchemaSqlMaker;
}

// SQL made at run time from the schema's own table and column names, for the one job that needs
// it: moving a region between stores (platform/region_move.cpp), whose tables are whatever the
// schema holds. Only detail::SchemaSqlMaker makes one, and only from names it found in the schema.
class SchemaSql {
  public:
    std::string_view text() const { return text_; }

  private:
    explicit SchemaSql(std::string text) : text_(std::move(text)) {}
    std::string text_;
    friend class detail::SchemaSqlMaker;
};

inline Value ToValue(int64_t v) {
    return v;
}
inline Value ToValue(int v) {
    return int64_t{v};
}
inline Value ToValue(bool v) {
    return int64_t{v ? 1 : 0};
}
inline Value ToValue(std::string v) {
    return v;
}
inline Value ToValue(std::string_view v) {
    return std::string(v);
}
inline Value ToValue(const char* v) {
    return std::string(v);
}
inline Value ToValue(std::nullopt_t) {
    return std::monostate{};
}
template <typename T>
Value ToValue(const std::optional<T>& v) {
    return v ? ToValue(*v) : Value{};
}

class ReadTx {
  public:
    virtual ~ReadTx() = default;

    template <typename... A>
    Result<Rows> Query(const TenantSql& sql, const TenantId& tenant, A&&... args) {
        const Value params[] = {Value{tenant.code()}, ToValue(std::forward<A>(args))...};
        return Run(sql.text(), params);
    }
    template <typename... A>
    Result<Rows> Query(const GlobalSql& sql, A&&... args) {
        const std::vector<Value> params{ToValue(std::forward<A>(args))...};
        return Run(sql.text(), params);
    }
    Result<Rows> Query(const SchemaSql& sql, std::span<const Value> params) { return Run(sql.text(), params); }
    // The first row, or nullopt when there is none.
    template <typename S, typename... A>
    Result<std::optional<Row>> QueryOne(const S& sql, A&&... args) {
        auto rows = Query(sql, std::forward<A>(args)...);
        if (!rows) return rows.error();
        if (rows->empty()) return std::optional<Row>{};
        return std::optional<Row>{std::move(rows->front())};
    }

  protected:
    virtual Result<Rows> Run(std::string_view sql, std::span<const Value> params) = 0;
};

class WriteTx : public ReadTx {
  public:
    // Returns the number of rows changed.
    template <typename... A>
    Result<int64_t> Exec(const TenantSql& sql, const TenantId& tenant, A&&... args) {
        const Value params[] = {Value{tenant.code()}, ToValue(std::forward<A>(args))...};
        return RunExec(sql.text(), params);
    }
    template <typename... A>
    Result<int64_t> Exec(const GlobalSql& sql, A&&... args) {
        const std::vector<Value> params{ToValue(std::forward<A>(args))...};
        return RunExec(sql.text(), params);
    }

    Result<int64_t> Exec(const SchemaSql& sql, std::span<const Value> params) { return RunExec(sql.text(), params); }
    Status Put(const SchemaSql& sql, std::span<const Value> params) { return RunPut(sql.text(), params); }

    // A write whose count the caller does not need. On PostgreSQL it is sent without waiting for
    // its answer (pipelined); a failure then fails the write at its next read or at its end, so
    // the caller must not depend on it having succeeded before that. Elsewhere it is Exec.
    template <typename... A>
    Status Put(const TenantSql& sql, const TenantId& tenant, A&&... args) {
        const Value params[] = {Value{tenant.code()}, ToValue(std::forward<A>(args))...};
        return RunPut(sql.text(), params);
    }

  protected:
    virtual Result<int64_t> RunExec(std::string_view sql, std::span<const Value> params) = 0;
    virtual Status RunPut(std::string_view sql, std::span<const Value> params) { return RunExec(sql, params).status(); }
};

// An HTTP request that carried an Idempotency-Key (issue 15): while set on a thread, every write
// transaction started from that thread also records the key, in the same transaction, so that a
// committed write and its key can never be separated (a retry after a lost answer then finds the
// key instead of writing twice). Should another request hold the key already, the write fails
// with kIdempotencyInProgress and writes nothing.
struct RequestMark {
    std::string scope, key, nonce, fingerprint;
    int64_t now_ms = 0;
};
// Sets the thread's mark for its lifetime.
class ScopedRequestMark {
  public:
    explicit ScopedRequestMark(const RequestMark* mark);
    ~ScopedRequestMark();
    ScopedRequestMark(const ScopedRequestMark&) = delete;
    ScopedRequestMark& operator=(const ScopedRequestMark&) = delete;

  private:
    const RequestMark* previous_;
};

enum class Kind { kSqlite, kPostgres };

struct StoreOptions {
    std::string data_dir;      // SQLite: the data folder
    std::string postgres_url;  // PostgreSQL: a libpq connection string; wins when set
    int pool_size = 16;        // PostgreSQL connections / SQLite reader connections
    int max_batch = 512;       // SQLite group commit: most writes in one transaction
    // SQLite: WAL syncs run beside the writer and answer everything committed before them.
    // false: each commit syncs before the next (synchronous=FULL), the classic way; for
    // comparison in bench/write_bench.
    bool sync_beside_writer = true;
    int max_queue = 20000;  // pending writes before Write answers kUnavailable
    int pg_writers = 2;     // PostgreSQL: writer threads, each committing batches of up to max_batch
    // PostgreSQL: the longest wait for the server's answer before the connection is dropped (a
    // frozen or cut-off primary), and libpq's connect_timeout per host; 0 waits for ever.
    int pg_io_timeout_ms = 15000;
};

class Store {
  public:
    virtual ~Store() = default;
    virtual Kind kind() const = 0;

    // Applies every migration not yet applied, each in its own transaction.
    virtual Status Migrate() = 0;
    // The highest applied migration version (0 for an empty database).
    virtual Result<int> SchemaVersion() = 0;

    // Runs fn against a consistent read view.
    virtual Status Read(const std::function<Status(ReadTx&)>& fn) = 0;
    // Runs fn in a write transaction. Returns only once the transaction is durable; if fn
    // fails, none of its writes remain. fn may run more than once (PostgreSQL retries
    // serialization failures), so it must not have effects outside the transaction.
    virtual Status Write(const std::function<Status(WriteTx&)>& fn) = 0;
    // Write without waiting: returns at once and calls `done` exactly once with the outcome when
    // the transaction is durable (or has failed). `done` may run on the store's own thread, so it
    // must be quick and must not touch the store. The default runs Write on the calling thread.
    virtual void WriteAsync(std::function<Status(WriteTx&)> fn, std::function<void(Status)> done) { done(Write(fn)); }

    // A consistent online snapshot into `dest` (SQLite only).
    virtual Status Backup(const std::string& dest) = 0;

    // Fail-stop. Once halted (a write the disk refused or could not sync, an audit chain found
    // broken), every later Write and WriteAsync fails with kWritesHalted and `reason`, until the
    // process restarts; reads go on. Nothing is written on a store that may lose or has lost what
    // it acknowledged. The first reason is kept. Thread-safe.
    void Halt(const std::string& reason);
    // The reason writes stopped, or nullopt.
    std::optional<std::string> Halted() const;
    // Called once, with the reason, by the call that halts the store (on whichever thread that
    // is: it must return quickly and must not write). Set before the store is shared.
    void OnHalt(std::function<void(const std::string&)> listener) { on_halt_ = std::move(listener); }

  protected:
    // `fn`, followed by the recording of the calling thread's RequestMark when there is one.
    // Called by Write and WriteAsync on the caller's thread.
    static std::function<Status(WriteTx&)> Marked(std::function<Status(WriteTx&)> fn);
    // The error a halted store answers writes with (nullopt: not halted).
    std::optional<Error> HaltError() const;

  private:
    mutable std::mutex halt_mu_;
    std::atomic<bool> halted_{false};
    std::string halt_reason_;
    std::function<void(const std::string&)> on_halt_;
};

// Opens PostgreSQL when options.postgres_url is set, else SQLite in options.data_dir.
Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

}  // namespace satupintu::store
