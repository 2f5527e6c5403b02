#include "store/postgres/pg_store.hpp"

#include <libpq-fe.h>

#include <poll.h>
#include <pthread.h>

#include <cerrno>

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

// The failures after which the same write may succeed on the next connection: the server went
// away (a failover, a restart) or does not take writes (a standby). They answer 503 and the client
// retries, with its Idempotency-Key if the outcome matters.
constexpr std::string_view kLost = "postgres connection lost: ";

Error PgError(PGconn* conn, PGresult* res) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    if (PQstatus(conn) == CONNECTION_BAD) return Err(Errc::kUnavailable, std::string(kLost) + msg);
    if (state) {
        // 08: connection exception; 57P01-03: shut down or starting; 25006: a read-only
        // transaction, i.e. connected to a standby (a demoted primary).
        if (std::strncmp(state, "08", 2) == 0 || std::strncmp(state, "57P0", 4) == 0 ||
            std::strcmp(state, "25006") == 0) {
            return Err(Errc::kUnavailable, std::string(kLost) + msg);
        }
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
//
// Every wait for the server is bounded (StoreOptions::pg_io_timeout_ms): a primary that stops
// answering without closing its sockets (frozen, or cut off by a partition: the kernel still
// acknowledges, so TCP notices nothing) would otherwise hold a request or a writer thread for
// ever. The connection is then dropped, the write answered 503, and the next connection goes to
// whichever host of the URL is the primary by then (target_session_attrs=read-write).
class PgConn {
  public:
    ~PgConn() { PQfinish(conn_); }

    static Result<std::unique_ptr<PgConn>> Connect(const std::string& url, int io_timeout_ms) {
        auto c = std::make_unique<PgConn>();
        c->conn_ = PQconnectdb(WithConnectTimeout(url, io_timeout_ms).c_str());
        if (PQstatus(c->conn_) != CONNECTION_OK) {
            return Err(Errc::kUnavailable, std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(c->conn_));
        }
        c->io_timeout_ms_ = io_timeout_ms;
        SP_TRY(c->Exec("SET client_min_messages = warning"));
        return c;
    }

    bool healthy() const { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }

    // 0: wait as long as the server takes (migrations: an index on a large table).
    void set_io_timeout(int ms) { io_timeout_ms_ = ms; }

    // Pipeline mode on or off (off only with nothing pending).
    Status Pipeline(bool on) {
        if (on == pipelined_) return Status::Ok();
        if (!on) SP_TRY(Sync().status());
        if ((on ? PQenterPipelineMode(conn_) : PQexitPipelineMode(conn_)) != 1)
            return Err(Errc::kInternal, std::string("postgres pipeline: ") + PQerrorMessage(conn_));
        pipelined_ = on;
        return Status::Ok();
    }

    // One or more statements without parameters.
    Status Exec(const char* sql) {
        if (pipelined_) {
            SP_TRY(Send(sql, {}, /*prepared=*/false));
            return Sync().status();
        }
        if (PQsendQuery(conn_, sql) != 1) return Lost();
        return Finish(nullptr).status();
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
        if (PQsendQueryPrepared(conn_, name->c_str(), p.size(), p.values.data(), nullptr, nullptr, 0) != 1)
            return Lost();
        return Finish(changes);
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
        if (PQpipelineSync(conn_) != 1) return Lost();
        std::optional<Error> failed;
        Rows last;
        for (size_t i = 0; i < pending_.size() && !broken_; ++i) {
            bool first = true;
            while (PGresult* r = Next()) {
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
            if (first && !failed && !healthy()) failed = Lost();
        }
        pending_.clear();
        // The sync point's own result.
        while (PGresult* r = Next()) {
            const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
            PQclear(r);
            if (sync) break;
        }
        if (broken_) return Lost();
        if (failed) return *failed;
        return last;
    }

  private:
    struct Pending {
        std::string statement;  // a statement being prepared (forgotten should that fail), or ""
    };

    static std::string WithConnectTimeout(const std::string& url, int io_timeout_ms) {
        if (io_timeout_ms <= 0 || url.find("connect_timeout") != std::string::npos) return url;
        // libpq's own bound per host, so that a frozen host in a multi-host URL is passed over.
        const std::string seconds = std::to_string(std::max(2, (io_timeout_ms + 999) / 1000));
        if (url.find("://") == std::string::npos) return url + " connect_timeout=" + seconds;
        return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=" + seconds;
    }

    Error Lost() {
        broken_ = true;
        std::string why = timed_out_ ? "no answer within " + std::to_string(io_timeout_ms_) + " ms"
                                     : std::string(PQerrorMessage(conn_));
        return Err(Errc::kUnavailable, std::string(kLost) + why);
    }

    // Waits until a result can be read without blocking, within the I/O timeout.
    bool Ready() {
        if (broken_) return false;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(io_timeout_ms_);
        while (PQisBusy(conn_)) {
            int wait = -1;
            if (io_timeout_ms_ > 0) {
                const auto left =
                    std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0) {
                    timed_out_ = broken_ = true;
                    return false;
                }
                wait = static_cast<int>(left.count());
            }
            pollfd fd{PQsocket(conn_), POLLIN, 0};
            const int n = poll(&fd, 1, wait);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 || (n > 0 && PQconsumeInput(conn_) != 1)) {
                broken_ = true;
                return false;
            }
        }
        return true;
    }

    // The next result, or nullptr at the end of a statement's results or on a lost connection.
    PGresult* Next() { return Ready() ? PQgetResult(conn_) : nullptr; }

    // The results of one statement sent outside pipeline mode (or of each of several): the first
    // failure, or the rows of the last.
    Result<Rows> Finish(int64_t* changes) {
        std::optional<Error> failed;
        Rows rows;
        while (PGresult* r = Next()) {
            PgResult res(r);
            const auto st = PQresultStatus(r);
            if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
                if (!failed) failed = PgError(conn_, r);
            } else if (!failed) {
                rows = ToRows(r, changes);
            }
        }
        if (broken_) return Lost();
        if (failed) return *failed;
        return rows;
    }

    Status Send(std::string_view sql, std::span<const Value> params, bool prepared) {
        const PgParams p(params);
        int ok = 0;
        if (prepared) {
            auto it = prepared_.find(std::string(sql));
            if (it == prepared_.end()) {
                std::string name = "s" + std::to_string(next_name_++);
                if (PQsendPrepare(conn_, name.c_str(), std::string(sql).c_str(), p.size(), nullptr) != 1) return Lost();
                pending_.push_back({std::string(sql)});
                it = prepared_.emplace(std::string(sql), std::move(name)).first;
            }
            ok = PQsendQueryPrepared(conn_, it->second.c_str(), p.size(), p.values.data(), nullptr, nullptr, 0);
        } else {
            ok = PQsendQueryParams(conn_, std::string(sql).c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
        }
        if (ok != 1) return Lost();
        pending_.push_back({});
        return Status::Ok();
    }

    Result<const std::string*> Prepare(std::string_view sql, int nparams) {
        auto it = prepared_.find(std::string(sql));
        if (it != prepared_.end()) return &it->second;
        std::string name = "s" + std::to_string(next_name_++);
        if (PQsendPrepare(conn_, name.c_str(), std::string(sql).c_str(), nparams, nullptr) != 1) return Lost();
        SP_TRY(Finish(nullptr).status());
        auto [pos, _] = prepared_.emplace(std::string(sql), std::move(name));
        return &pos->second;
    }

    PGconn* conn_ = nullptr;
    int io_timeout_ms_ = 0;
    bool broken_ = false;     // timed out or lost: never used again
    bool timed_out_ = false;  // why it broke, for the log
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
        SP_ASSIGN(auto c, PgConn::Connect(opts_.postgres_url, opts_.pg_io_timeout_ms));
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
        for (int attempt = 0;; ++attempt) {
            SP_ASSIGN(auto conn, Acquire());
            Status st = conn->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            if (!st && IsLost(st) && attempt == 0) {  // an idle connection to a server that went away
                Release(std::move(conn));
                continue;
            }
            if (st) {
                PgTx tx(*conn);
                st = fn(tx);
                const Status end = conn->Exec(st ? "COMMIT" : "ROLLBACK");
                if (st && !end) st = end;
            }
            Release(std::move(conn));
            return st;
        }
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

    static bool IsLost(const Status& st) {
        return !st && st.code() == Errc::kUnavailable && st.error().detail.starts_with(kLost);
    }

    // One try at a batch: each write's status, and whether the whole batch may simply run again
    // (nothing of it committed, and the cause may pass: a serialization failure or deadlock with
    // another node's batch, or a connection lost before COMMIT was sent, as in a failover).
    using Duration = std::chrono::milliseconds;
    struct Attempt {
        std::vector<Status> results;
        bool again = false;
        Duration pause{};      // before running again, doubled each time
        bool unknown = false;  // COMMIT sent and no answer: the batch may have committed
    };

    // As on SQLite (decision 2): optimistic first, the batch's writes one after another in one
    // transaction without a savepoint each (each would cost two more round trips). Should one
    // fail, the transaction is rolled back and the batch runs again with a savepoint per write,
    // so that the failure undoes only its own writes. A serialization failure or deadlock runs the
    // whole batch again a few times; so does a lost connection, for a few seconds, so that most
    // writes ride over a switchover. A connection lost during COMMIT leaves the outcome unknown:
    // those writes answer 503, and a client that must know retries with its Idempotency-Key.
    std::vector<Status> CommitBatch(std::deque<Job>& batch) {
        for (int attempt = 0;; ++attempt) {
            Attempt a = TryBatch(batch, /*savepoints=*/false);
            const bool failed = std::any_of(a.results.begin(), a.results.end(), [](const Status& r) { return !r; });
            if (failed && !a.again && !a.unknown && batch.size() > 1) a = TryBatch(batch, /*savepoints=*/true);
            if (!a.again || attempt >= kRetries) return std::move(a.results);
            std::this_thread::sleep_for(a.pause * (1 << attempt));
        }
    }
    static constexpr int kRetries = 5;

    // One transaction over the batch, pipelined. Without savepoints the first failure ends the run.
    Attempt TryBatch(std::deque<Job>& batch, bool savepoints) {
        const auto all = [&](Status st, bool again, Duration pause = Duration(250)) {
            return Attempt{std::vector<Status>(batch.size(), st), again, pause};
        };
        auto conn = Acquire();
        if (!conn) return all(conn.error(), /*again=*/true);
        PgConn& c = **conn;
        const auto done = [&](Attempt out) {
            (void)c.Pipeline(false);  // a connection left in a bad state is dropped by Release
            Release(std::move(*conn));
            return out;
        };
        if (Status on = c.Pipeline(true); !on) return done(all(on, IsLost(on)));
        (void)c.Defer("BEGIN");  // a failure shows at the first sync point
        PgTx tx(c);
        Attempt out;
        bool stopped = false;
        for (auto& job : batch) {
            if (stopped) {
                out.results.push_back(Err(Errc::kUnavailable, "not run"));
                continue;
            }
            Status st = savepoints ? c.Defer("SAVEPOINT w") : Status::Ok();
            if (st) st = RunGuarded(job, tx);
            // The write's pipelined statements are its own: their failures are its failure.
            if (const auto synced = c.Sync(); st && !synced) st = synced.status();
            if (savepoints && !IsSerializationFailure(st) && !IsLost(st)) {
                const Status undo = st ? c.Defer("RELEASE w") : c.Exec("ROLLBACK TO w");
                if (!undo) st = undo;
            }
            if (IsSerializationFailure(st) || IsLost(st)) {
                out.again = true;
                out.pause = Duration(IsLost(st) ? 250 : 1);
            }
            stopped = !st && (!savepoints || out.again);
            out.results.push_back(std::move(st));
        }
        if (stopped) {
            (void)c.Exec("ROLLBACK");
            if (out.again) return done(all(out.results.back(), true, out.pause));
            return done(std::move(out));
        }
        const Status commit = c.Exec("COMMIT");
        if (!commit) {
            log::Error("group commit failed", {{"detail", commit.error().detail}, {"batch", batch.size()}});
            if (IsLost(commit)) {  // never run again: that could write it twice
                Attempt unknown =
                    all(Err(Errc::kUnavailable, "postgres connection lost during COMMIT: outcome unknown"), false);
                unknown.unknown = true;
                return done(std::move(unknown));
            }
            (void)c.Exec("ROLLBACK");
            return done(all(commit, IsSerializationFailure(commit), Duration(1)));
        }
        return done(std::move(out));
    }

    Status MigrateWith(PgConn& c) {
        // A migration may build an index on a large table: as long as it takes.
        c.set_io_timeout(0);
        Status st = MigrateLocked(c);
        c.set_io_timeout(opts_.pg_io_timeout_ms);
        return st;
    }

    Status MigrateLocked(PgConn& c) {
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
        auto c = PgConn::Connect(opts_.postgres_url, opts_.pg_io_timeout_ms);
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
            // A broken connection is dropped, and with it the idle ones: most likely they lead to
            // the same server that went away (a failover). The next Acquire opens new ones.
            open_ -= 1 + static_cast<int>(idle_.size());
            idle_.clear();
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
