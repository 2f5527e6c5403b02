#include "store/postgres/pg_store.hpp"

#include <libpq-fe.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "core/log.hpp"
#include "store/conn_tx.hpp"
#include "store/migrations.hpp"

namespace satupintu::store {

namespace {

constexpr unsigned kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23;

struct PgResult {
    PGresult* r;
    explicit PgResult(PGresult* res) : r(res) {}
    ~PgResult() { PQclear(r); }
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;
};

Error PgError(PGconn* conn, PGresult* res) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    if (state) {
        if (std::strcmp(state, "23505") == 0) return Err(Errc::kConflict, "unique constraint violated");
        if (std::strncmp(state, "23", 2) == 0) return Err(Errc::kInvalidInput, "constraint: " + msg);
        if (std::strcmp(state, "40001") == 0 || std::strcmp(state, "40P01") == 0) {
            return Err(Errc::kUnavailable, "serialization failure: " + msg);
        }
        // Out of disk or memory, or an I/O error on the server: PostgreSQL keeps what it
        // acknowledged and recovers once fixed; this write did not happen.
        if (std::strncmp(state, "53", 2) == 0 || std::strncmp(state, "58", 2) == 0)
            return Err(Errc::kUnavailable, "postgres: " + msg);
    }
    return Err(Errc::kInternal, "postgres: " + msg);
}

// One libpq connection and its prepared statements. Owned by one thread at a time.
class PgConn {
  public:
    ~PgConn() { PQfinish(conn_); }

    static Result<std::unique_ptr<PgConn>> Connect(const std::string& url) {
        auto c = std::make_unique<PgConn>();
        c->conn_ = PQconnectdb(url.c_str());
        if (PQstatus(c->conn_) != CONNECTION_OK) {
            return Err(Errc::kUnavailable, std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(c->conn_));
        }
        PQclear(PQexec(c->conn_, "SET client_min_messages = warning"));
        return c;
    }

    bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

    Status Exec(const char* sql) {
        PgResult res(PQexec(conn_, sql));
        const auto st = PQresultStatus(res.r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.r);
        return Status::Ok();
    }

    Result<Rows> Run(std::string_view sql, std::span<const Value> params, int64_t* changes) {
        SP_ASSIGN(const std::string* name, Prepare(sql, static_cast<int>(params.size())));
        std::vector<std::string> text(params.size());
        std::vector<const char*> values(params.size());
        for (size_t i = 0; i < params.size(); ++i) {
            if (const auto* n = std::get_if<int64_t>(&params[i])) {
                text[i] = std::to_string(*n);
                values[i] = text[i].c_str();
            } else if (const auto* s = std::get_if<std::string>(&params[i])) {
                values[i] = s->c_str();
            } else {
                values[i] = nullptr;
            }
        }
        PgResult res(
            PQexecPrepared(conn_, name->c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0));
        const auto st = PQresultStatus(res.r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.r);
        Rows rows;
        const int nrows = PQntuples(res.r), ncols = PQnfields(res.r);
        rows.reserve(nrows);
        for (int r = 0; r < nrows; ++r) {
            Row row;
            row.cols.reserve(ncols);
            for (int c = 0; c < ncols; ++c) {
                if (PQgetisnull(res.r, r, c)) {
                    row.cols.emplace_back(std::monostate{});
                    continue;
                }
                const unsigned type = PQftype(res.r, c);
                const char* v = PQgetvalue(res.r, r, c);
                if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid) {
                    row.cols.emplace_back(int64_t{std::strtoll(v, nullptr, 10)});
                } else {
                    row.cols.emplace_back(std::string(v, PQgetlength(res.r, r, c)));
                }
            }
            rows.push_back(std::move(row));
        }
        if (changes) {
            const char* n = PQcmdTuples(res.r);
            *changes = n && *n ? std::strtoll(n, nullptr, 10) : 0;
        }
        return rows;
    }

  private:
    Result<const std::string*> Prepare(std::string_view sql, int nparams) {
        auto it = prepared_.find(std::string(sql));
        if (it != prepared_.end()) return &it->second;
        std::string name = "s" + std::to_string(prepared_.size());
        PgResult res(PQprepare(conn_, name.c_str(), std::string(sql).c_str(), nparams, nullptr));
        if (PQresultStatus(res.r) != PGRES_COMMAND_OK) return PgError(conn_, res.r);
        auto [pos, _] = prepared_.emplace(std::string(sql), std::move(name));
        return &pos->second;
    }

    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;
};

using PgTx = ConnTx<PgConn>;

class PgStore final : public Store {
  public:
    explicit PgStore(StoreOptions o) : opts_(std::move(o)) {}

    Status Open() {
        // Connect one now so that a wrong URL fails at start, not at the first request.
        SP_ASSIGN(auto c, PgConn::Connect(opts_.postgres_url));
        std::lock_guard lock(mu_);
        ++open_;
        idle_.push_back(std::move(c));
        return Status::Ok();
    }

    Kind kind() const override { return Kind::kPostgres; }

    Status Migrate() override {
        // Up to date: touch nothing, so that an application role without DDL rights can start.
        SP_ASSIGN(int current, SchemaVersion());
        if (!pg_migrations().empty() && current >= pg_migrations().back().version) return Status::Ok();
        SP_ASSIGN(auto conn, Acquire());
        Status st = MigrateWith(*conn);
        Release(std::move(conn));
        return st;
    }

    Result<int> SchemaVersion() override {
        int version = 0;
        SP_TRY(Read([&](ReadTx& tx) -> Status {
            static constexpr GlobalSql kExists{
                "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE 1 END::bigint"};
            static constexpr GlobalSql kMax{"SELECT coalesce(max(version),0)::bigint FROM schema_migrations"};
            SP_ASSIGN(auto exists, tx.QueryOne(kExists));
            if (exists->Int(0) == 0) return Status::Ok();
            SP_ASSIGN(auto row, tx.QueryOne(kMax));
            version = static_cast<int>(row->Int(0));
            return Status::Ok();
        }));
        return version;
    }

    // One snapshot for every statement of fn, as the contract says (outside a transaction each
    // statement would see the commits made since the one before: a dashboard could count a
    // filing in one figure and not in the next).
    Status Read(const std::function<Status(ReadTx&)>& fn) override {
        SP_ASSIGN(auto conn, Acquire());
        Status st = conn->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        if (st) {
            PgTx tx(*conn);
            st = fn(tx);
            const Status end = conn->Exec(st ? "COMMIT" : "ROLLBACK");
            if (st && !end) st = end;
        }
        Release(std::move(conn));
        return st;
    }

    Status Write(const std::function<Status(WriteTx&)>& fn) override {
        if (auto halted = HaltError()) return *halted;
        for (int attempt = 0;; ++attempt) {
            SP_ASSIGN(auto conn, Acquire());
            Status st = conn->Exec("BEGIN");
            if (st) {
                PgTx tx(*conn);
                st = fn(tx);
                if (st) st = conn->Exec("COMMIT");
                if (!st) (void)conn->Exec("ROLLBACK");
            }
            Release(std::move(conn));
            const bool retry = !st && st.code() == Errc::kUnavailable &&
                               st.error().detail.rfind("serialization failure", 0) == 0 && attempt < 5;
            if (!retry) return st;
        }
    }

    Status Backup(const std::string&) override {
        return Err(Errc::kInvalidInput, "for PostgreSQL use pg_dump or pgBackRest (see docs/operations.md)");
    }

  private:
    Status MigrateWith(PgConn& c) {
        SP_TRY(c.Exec("BEGIN"));
        // One migrator at a time across every node of the deployment.
        Status st = c.Exec("SELECT pg_advisory_xact_lock(727870)");
        if (st) {
            st = c.Exec(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        int current = 0;
        if (st) {
            auto rows = c.Run("SELECT coalesce(max(version),0)::bigint FROM schema_migrations", {}, nullptr);
            if (rows) {
                current = static_cast<int>(rows->front().Int(0));
            } else {
                st = rows.error();
            }
        }
        for (const Migration& m : pg_migrations()) {
            if (!st || m.version <= current) continue;
            st = c.Exec(std::string(m.sql).c_str());
            if (st) {
                const Value params[] = {int64_t{m.version}, std::string(m.name)};
                auto r = c.Run("INSERT INTO schema_migrations(version, name) VALUES ($1::int, $2)", params, nullptr);
                if (!r) st = r.error();
            }
            if (st) log::Info("migration applied", {{"version", m.version}, {"name", m.name}});
        }
        (void)c.Exec(st ? "COMMIT" : "ROLLBACK");
        return st;
    }

    Result<std::unique_ptr<PgConn>> Acquire() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !idle_.empty() || open_ < opts_.pool_size; });
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return c;
        }
        ++open_;
        lock.unlock();
        auto c = PgConn::Connect(opts_.postgres_url);
        if (!c) {
            std::lock_guard relock(mu_);
            --open_;
            cv_.notify_one();
        }
        return c;
    }

    void Release(std::unique_ptr<PgConn> c) {
        std::lock_guard lock(mu_);
        if (c->healthy()) {
            idle_.push_back(std::move(c));
        } else {
            --open_;  // a broken connection is dropped; the next Acquire opens a new one
        }
        cv_.notify_one();
    }

    StoreOptions opts_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<PgConn>> idle_;  // guarded by mu_
    int open_ = 0;                               // guarded by mu_
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const StoreOptions& options) {
    auto store = std::make_unique<PgStore>(options);
    SP_TRY(store->Open());
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace satupintu::store
