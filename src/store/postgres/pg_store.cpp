#include "store/postgres/pg_store.hpp"

#include <libpq-fe.h>

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
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

// The text form of the parameters, as libpq takes them.
struct PgParams {
    std::vector<std::string> text;
    std::vector<const char*> values;

    explicit PgParams(std::span<const Value> params) : text(params.size()), values(params.size()) {
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
    }
    int size() const { return static_cast<int>(values.size()); }
};

Rows ToRows(PGresult* res, int64_t* changes) {
    Rows rows;
    const int nrows = PQntuples(res), ncols = PQnfields(res);
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
        Row row;
        row.cols.reserve(ncols);
        for (int c = 0; c < ncols; ++c) {
            if (PQgetisnull(res, r, c)) {
                row.cols.emplace_back(std::monostate{});
                continue;
            }
            const unsigned type = PQftype(res, c);
            const char* v = PQgetvalue(res, r, c);
            if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid) {
                row.cols.emplace_back(int64_t{std::strtoll(v, nullptr, 10)});
            } else {
                row.cols.emplace_back(std::string(v, PQgetlength(res, r, c)));
            }
        }
        rows.push_back(std::move(row));
    }
    if (changes) {
        const char* n = PQcmdTuples(res);
        *changes = n && *n ? std::strtoll(n, nullptr, 10) : 0;
    }
    return rows;
}

// One libpq connection and its prepared statements. Owned by one thread at a time.
//
// A writer's connection runs its batches in pipeline mode (issue 15): statements whose outcome
// the write does not read (WriteTx::Put: inserts of terms, timeline rows, counters, events) are
// sent without waiting, and the next statement whose result is needed, or the end of the write,
// is a sync point that collects them all and reports the first failure. A filing's ~30
// statements then cost about as many round trips as it has reads (~7) instead of one each.
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

    // Pipeline mode on or off (off only with nothing pending).
    Status Pipeline(bool on) {
        if (on == pipelined_) return Status::Ok();
        if (!on) SP_TRY(Sync().status());
        if ((on ? PQenterPipelineMode(conn_) : PQexitPipelineMode(conn_)) != 1)
            return Err(Errc::kInternal, std::string("postgres pipeline: ") + PQerrorMessage(conn_));
        pipelined_ = on;
        return Status::Ok();
    }

    Status Exec(const char* sql) {
        if (pipelined_) {
            SP_TRY(Send(sql, {}, /*prepared=*/false));
            return Sync().status();
        }
        PgResult res(PQexec(conn_, sql));
        const auto st = PQresultStatus(res.r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.r);
        return Status::Ok();
    }

    // A control statement (BEGIN, SAVEPOINT ...) sent without waiting, in pipeline mode.
    Status Defer(const char* sql) { return pipelined_ ? Send(sql, {}, false) : Exec(sql); }

    Result<Rows> Run(std::string_view sql, std::span<const Value> params, int64_t* changes) {
        if (pipelined_) {
            SP_TRY(Send(sql, params, /*prepared=*/true));
            return Sync(changes);
        }
        SP_ASSIGN(const std::string* name, Prepare(sql, static_cast<int>(params.size())));
        const PgParams p(params);
        PgResult res(PQexecPrepared(conn_, name->c_str(), p.size(), p.values.data(), nullptr, nullptr, 0));
        const auto st = PQresultStatus(res.r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.r);
        return ToRows(res.r, changes);
    }

    // A write whose outcome is not read: sent now, its failure reported by the next sync point.
    Status Put(std::string_view sql, std::span<const Value> params) {
        if (!pipelined_) return Run(sql, params, nullptr).status();
        return Send(sql, params, /*prepared=*/true);
    }

    // Collects every result sent since the last sync point: the first failure, or the rows of
    // the last statement.
    Result<Rows> Sync(int64_t* changes = nullptr) {
        if (!pipelined_ || pending_.empty()) return Rows{};
        if (PQpipelineSync(conn_) != 1)
            return Err(Errc::kUnavailable, std::string("postgres: ") + PQerrorMessage(conn_));
        std::optional<Error> failed;
        Rows last;
        for (size_t i = 0; i < pending_.size(); ++i) {
            bool first = true;
            while (PGresult* r = PQgetResult(conn_)) {
                PgResult res(r);
                if (!first) continue;
                first = false;
                const auto st = PQresultStatus(r);
                if (st == PGRES_FATAL_ERROR && !failed) {
                    failed = PgError(conn_, r);
                    if (!pending_[i].statement.empty()) prepared_.erase(pending_[i].statement);
                } else if (i + 1 == pending_.size() && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)) {
                    last = ToRows(r, changes);
                }
            }
            if (first && !failed && !healthy()) failed = Err(Errc::kUnavailable, "postgres connection lost");
        }
        pending_.clear();
        // The sync point's own result.
        while (PGresult* r = PQgetResult(conn_)) {
            const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
            PQclear(r);
            if (sync) break;
        }
        if (failed) return *failed;
        return last;
    }

  private:
    struct Pending {
        std::string statement;  // a statement being prepared (forgotten should that fail), or ""
    };

    Status Send(std::string_view sql, std::span<const Value> params, bool prepared) {
        const PgParams p(params);
        int ok = 0;
        if (prepared) {
            auto it = prepared_.find(std::string(sql));
            if (it == prepared_.end()) {
                std::string name = "s" + std::to_string(next_name_++);
                if (PQsendPrepare(conn_, name.c_str(), std::string(sql).c_str(), p.size(), nullptr) != 1)
                    return Err(Errc::kUnavailable, std::string("postgres: ") + PQerrorMessage(conn_));
                pending_.push_back({std::string(sql)});
                it = prepared_.emplace(std::string(sql), std::move(name)).first;
            }
            ok = PQsendQueryPrepared(conn_, it->second.c_str(), p.size(), p.values.data(), nullptr, nullptr, 0);
        } else {
            ok = PQsendQueryParams(conn_, std::string(sql).c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
        }
        if (ok != 1) return Err(Errc::kUnavailable, std::string("postgres: ") + PQerrorMessage(conn_));
        pending_.push_back({});
        return Status::Ok();
    }

    Result<const std::string*> Prepare(std::string_view sql, int nparams) {
        auto it = prepared_.find(std::string(sql));
        if (it != prepared_.end()) return &it->second;
        std::string name = "s" + std::to_string(next_name_++);
        PgResult res(PQprepare(conn_, name.c_str(), std::string(sql).c_str(), nparams, nullptr));
        if (PQresultStatus(res.r) != PGRES_COMMAND_OK) return PgError(conn_, res.r);
        auto [pos, _] = prepared_.emplace(std::string(sql), std::move(name));
        return &pos->second;
    }

    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;
    int next_name_ = 0;
    bool pipelined_ = false;
    std::vector<Pending> pending_;  // results to collect at the next sync point
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
        StartWriters();
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

    // Group commit (issue 15): writes queue for the store's writer threads, each of which runs a
    // batch of them in one transaction and answers them after its COMMIT returned (durable with
    // synchronous_commit on). Every filing updates rows all filings of a region share (the chain
    // head, the yearly serial, the OPD counters), so one transaction per write made them wait for
    // each other's WAL flush; a batch pays one flush for all its writes.
    Status Write(const std::function<Status(WriteTx&)>& fn) override {
        std::promise<Status> outcome;
        auto fut = outcome.get_future();
        Enqueue(Marked(fn), [&outcome](Status st) { outcome.set_value(std::move(st)); });
        return fut.get();
    }

    void WriteAsync(std::function<Status(WriteTx&)> fn, std::function<void(Status)> done) override {
        Enqueue(Marked(std::move(fn)), std::move(done));
    }

    ~PgStore() override {
        {
            std::lock_guard lock(queue_mu_);
            stopping_ = true;
        }
        queue_cv_.notify_all();
        for (auto& t : writers_) t.join();
    }

    Status Backup(const std::string&) override {
        return Err(Errc::kInvalidInput, "for PostgreSQL use pg_dump or pgBackRest (see docs/operations.md)");
    }

  private:
    struct Job {
        std::function<Status(WriteTx&)> fn;
        std::function<void(Status)> done;  // called once, by a writer thread
    };

    void StartWriters() {
        for (int i = 0; i < std::max(1, opts_.pg_writers); ++i) {
            writers_.emplace_back([this] {
                pthread_setname_np(pthread_self(), "sp-pg-writer");
                WriterLoop();
            });
        }
    }

    void Enqueue(std::function<Status(WriteTx&)> fn, std::function<void(Status)> done) {
        Status refused;
        {
            std::lock_guard lock(queue_mu_);
            if (stopping_) {
                refused = Err(Errc::kUnavailable, "store is closing");
            } else if (auto halted = HaltError()) {
                refused = std::move(*halted);
            } else if (static_cast<int>(queue_.size()) >= opts_.max_queue) {
                refused = Err(Errc::kUnavailable, "write queue full");
            } else {
                queue_.push_back(Job{std::move(fn), std::move(done)});
            }
        }
        if (!refused) return done(std::move(refused));
        queue_cv_.notify_one();
    }

    void WriterLoop() {
        for (;;) {
            std::deque<Job> batch;
            {
                std::unique_lock lock(queue_mu_);
                queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;  // stopping, and every queued write answered
                while (!queue_.empty() && static_cast<int>(batch.size()) < opts_.max_batch) {
                    batch.push_back(std::move(queue_.front()));
                    queue_.pop_front();
                }
            }
            std::vector<Status> results = CommitBatch(batch);
            for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
        }
    }

    static Status RunGuarded(Job& job, WriteTx& tx) {
        try {
            return job.fn(tx);
        } catch (const std::exception& e) {
            return Err(Errc::kInternal, std::string("write threw: ") + e.what());
        }
    }

    static bool IsSerializationFailure(const Status& st) {
        return !st && st.code() == Errc::kUnavailable && st.error().detail.rfind("serialization failure", 0) == 0;
    }

    // As on SQLite (decision 2): optimistic first, the batch's writes one after another in one
    // transaction without a savepoint each (each would cost two more round trips). Should one
    // fail, the transaction is rolled back and the batch runs again with a savepoint per write,
    // so that the failure undoes only its own writes. A serialization failure or deadlock with
    // another node's batch runs the whole batch again, a few times.
    std::vector<Status> CommitBatch(std::deque<Job>& batch) {
        for (int attempt = 0;; ++attempt) {
            std::vector<Status> results = TryBatch(batch, /*savepoints=*/false);
            const bool failed = std::any_of(results.begin(), results.end(), [](const Status& r) { return !r; });
            if (failed && batch.size() > 1 && !IsSerializationFailure(results.back())) {
                results = TryBatch(batch, /*savepoints=*/true);
            }
            const bool retry = std::any_of(results.begin(), results.end(), IsSerializationFailure) && attempt < 5;
            if (!retry) return results;
            std::this_thread::sleep_for(std::chrono::milliseconds(1 << attempt));
        }
    }

    // One transaction over the batch, pipelined; the status of each write (all the same when the
    // transaction itself failed). Without savepoints the first failure ends the run.
    std::vector<Status> TryBatch(std::deque<Job>& batch, bool savepoints) {
        std::vector<Status> results;
        auto conn = Acquire();
        if (!conn) return std::vector<Status>(batch.size(), Status(conn.error()));
        PgConn& c = **conn;
        const auto done = [&](std::vector<Status> out) {
            (void)c.Pipeline(false);  // a connection left in a bad state is dropped by Release
            Release(std::move(*conn));
            return out;
        };
        if (Status on = c.Pipeline(true); !on) return done(std::vector<Status>(batch.size(), on));
        (void)c.Defer("BEGIN");  // a failure shows at the first sync point
        PgTx tx(c);
        bool stopped = false;
        for (auto& job : batch) {
            if (stopped) {
                results.push_back(Err(Errc::kUnavailable, "not run"));
                continue;
            }
            Status st = savepoints ? c.Defer("SAVEPOINT w") : Status::Ok();
            if (st) st = RunGuarded(job, tx);
            // The write's pipelined statements are its own: their failures are its failure.
            if (const auto synced = c.Sync(); st && !synced) st = synced.status();
            if (savepoints && !IsSerializationFailure(st)) {
                const Status undo = st ? c.Defer("RELEASE w") : c.Exec("ROLLBACK TO w");
                if (!undo) st = undo;
            }
            stopped = !st && (!savepoints || IsSerializationFailure(st));
            results.push_back(std::move(st));
        }
        if (stopped) {
            (void)c.Exec("ROLLBACK");
            return done(std::move(results));
        }
        const Status commit = c.Exec("COMMIT");
        if (!commit) {
            (void)c.Exec("ROLLBACK");
            log::Error("group commit failed", {{"detail", commit.error().detail}, {"batch", batch.size()}});
            return done(std::vector<Status>(batch.size(), commit));
        }
        return done(std::move(results));
    }

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
    std::mutex queue_mu_;
    std::condition_variable queue_cv_;
    std::deque<Job> queue_;  // guarded by queue_mu_
    bool stopping_ = false;  // guarded by queue_mu_
    std::vector<std::thread> writers_;
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
