#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/log.hpp"
#include "store/conn_tx.hpp"
#include "store/migrations.hpp"

namespace satupintu::store {

namespace {

Error SqliteError(sqlite3* db, int rc) {
    const int base = rc & 0xff;
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Err(Errc::kConflict, "unique constraint violated");
    }
    if (base == SQLITE_CONSTRAINT) return Err(Errc::kInvalidInput, std::string("constraint: ") + sqlite3_errmsg(db));
    if (base == SQLITE_BUSY || base == SQLITE_LOCKED) return Err(Errc::kUnavailable, "database busy");
    // The disk refused (full, failing): the writer halts the store (Store::Halt).
    if (base == SQLITE_FULL || base == SQLITE_IOERR || base == SQLITE_CORRUPT || base == SQLITE_NOTADB)
        return Err(Errc::kWritesHalted, std::string("sqlite: ") + sqlite3_errmsg(db));
    return Err(Errc::kInternal, std::string("sqlite: ") + sqlite3_errmsg(db));
}

// A prepared statement with its $N -> bind-index mapping.
struct Stmt {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> param_of_index;  // bind index (1-based) -> position in params (0-based)
};

// Process-wide settings, before SQLite initialises itself (sqlite3_config refuses them after).
void ConfigureSqlite() {
    static std::once_flag once;
    std::call_once(once, [] {
        // No global mutex around every allocation for memory statistics nobody reads.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        // Statement journals (one per SAVEPOINT'd write and per statement inside it) stay in
        // memory in chunks of this size and spill to a temporary file only past it. With
        // temp_store=MEMORY they would be lists of 1 KiB chunks that SQLite walks from the start
        // on every truncation: a fifth of the writer's time when filing complaints.
        sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 1 << 20);
    });
}

// One SQLite connection and its statement cache. Not thread-safe: owned by one thread at a time.
class Connection {
  public:
    ~Connection() {
        for (auto& [_, s] : cache_) sqlite3_finalize(s.stmt);
        sqlite3_close(db_);
    }

    static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool readonly) {
        auto c = std::make_unique<Connection>();
        const int flags =
            (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
        if (int rc = sqlite3_open_v2(path.c_str(), &c->db_, flags, nullptr); rc != SQLITE_OK) {
            return Err(Errc::kInternal, "cannot open " + path + ": " + sqlite3_errstr(rc));
        }
        sqlite3_busy_timeout(c->db_, 10000);
        sqlite3_extended_result_codes(c->db_, 1);
        // Readers map the file (no pread per page). The writer does not: its mapping was redone
        // each time a checkpoint grew the file, and faulting the pages back in cost more than
        // reading them (a fifth of its time). It keeps a larger page cache because every write
        // walks several indexes (cases, terms, events). Commits are made durable by the sync
        // threads (see HandToSyncer), hence synchronous=NORMAL; the WAL file is cut back to 32 MB
        // when it starts over.
        const char* pragmas = readonly
                                  ? "PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824; PRAGMA cache_size=-8192;"
                                  : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                                    "PRAGMA mmap_size=0; PRAGMA cache_size=-65536; PRAGMA journal_size_limit=33554432;";
        SP_TRY(c->ExecScript(pragmas));
        return c;
    }

    sqlite3* db() { return db_; }

    // Reader connections keep their read transaction open between Read() calls while nothing
    // was committed since (see SqliteStore::Read): taking a WAL snapshot costs lock syscalls.
    bool read_open = false;
    uint64_t read_generation = 0;
    int64_t read_since_ms = 0;

    // Transaction control through the statement cache: parsed once per connection, not per use.
    Status Control(std::string_view sql) {
        auto r = Run(sql, {}, nullptr);
        return r ? Status::Ok() : Status(r.error());
    }

    Status ExecScript(std::string_view sql) {
        char* msg = nullptr;
        const std::string text(sql);
        if (int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &msg); rc != SQLITE_OK) {
            Error e = SqliteError(db_, rc);
            if (msg) e.detail = std::string("sqlite: ") + msg;
            sqlite3_free(msg);
            return e;
        }
        return Status::Ok();
    }

    Result<Rows> Run(std::string_view sql, std::span<const Value> params, int64_t* changes) {
        SP_ASSIGN(Stmt * s, Prepare(sql));
        sqlite3_stmt* st = s->stmt;
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        for (size_t i = 0; i < s->param_of_index.size(); ++i) {
            const int pos = s->param_of_index[i];
            if (pos < 0 || static_cast<size_t>(pos) >= params.size()) {
                return Err(Errc::kInternal, "missing SQL parameter $" + std::to_string(pos + 1));
            }
            const Value& v = params[pos];
            const int idx = static_cast<int>(i) + 1;
            if (const auto* n = std::get_if<int64_t>(&v)) {
                sqlite3_bind_int64(st, idx, *n);
            } else if (const auto* t = std::get_if<std::string>(&v)) {
                sqlite3_bind_text(st, idx, t->data(), static_cast<int>(t->size()), SQLITE_STATIC);
            } else {
                sqlite3_bind_null(st, idx);
            }
        }
        Rows rows;
        const int ncol = sqlite3_column_count(st);
        for (;;) {
            const int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                Error e = SqliteError(db_, rc);
                sqlite3_reset(st);
                return e;
            }
            Row row;
            row.cols.reserve(ncol);
            for (int c = 0; c < ncol; ++c) {
                switch (sqlite3_column_type(st, c)) {
                    case SQLITE_INTEGER:
                        row.cols.emplace_back(int64_t{sqlite3_column_int64(st, c)});
                        break;
                    case SQLITE_NULL:
                        row.cols.emplace_back(std::monostate{});
                        break;
                    default: {
                        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
                        row.cols.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(st, c)));
                    }
                }
            }
            rows.push_back(std::move(row));
        }
        sqlite3_reset(st);
        if (changes) *changes = sqlite3_changes64(db_);
        return rows;
    }

  private:
    Result<Stmt*> Prepare(std::string_view sql) {
        auto it = cache_.find(sql);
        if (it != cache_.end()) return &it->second;
        Stmt s;
        const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                          &s.stmt, nullptr);
        if (rc != SQLITE_OK) return SqliteError(db_, rc);
        const int n = sqlite3_bind_parameter_count(s.stmt);
        for (int i = 1; i <= n; ++i) {
            const char* name = sqlite3_bind_parameter_name(s.stmt, i);
            s.param_of_index.push_back(name && name[0] == '$' ? std::atoi(name + 1) - 1 : -1);
        }
        auto [pos, _] = cache_.emplace(std::string(sql), s);
        return &pos->second;
    }

    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, Stmt, Hash, std::equal_to<>> cache_;
};

using SqliteTx = ConnTx<Connection>;

class SqliteStore final : public Store {
  public:
    explicit SqliteStore(StoreOptions o) : opts_(std::move(o)), path_(opts_.data_dir + "/satupintu.db") {}

    ~SqliteStore() override {
        {
            std::lock_guard lock(mu_);
            stopping_ = true;
        }
        cv_.notify_all();
        ckpt_cv_.notify_all();
        if (writer_thread_.joinable()) writer_thread_.join();
        {
            std::lock_guard lock(sync_mu_);
            writer_done_ = true;
        }
        sync_cv_.notify_all();
        for (auto& t : sync_threads_) {
            if (t.joinable()) t.join();
        }
        if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
        if (wal_fd_ >= 0) ::close(wal_fd_);
    }

    Status Open() {
        std::error_code ec;
        std::filesystem::create_directories(opts_.data_dir, ec);
        if (ec) return Err(Errc::kInternal, "cannot create data folder " + opts_.data_dir);
        // Personal data lives here: the folder and the database are the server user's alone.
        // SQLite gives its -wal and -shm files the database file's mode, so creating that file
        // 0600 before SQLite opens it covers all three (it would create it 0644).
        std::filesystem::permissions(opts_.data_dir, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
        if (const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
        ::chmod(path_.c_str(), 0600);
        SP_ASSIGN(writer_, Connection::Open(path_, false));
        SP_ASSIGN(checkpointer_, Connection::Open(path_, false));
        if (!opts_.sync_beside_writer) SP_TRY(writer_->ExecScript("PRAGMA synchronous=FULL"));
        sqlite3_wal_hook(writer_->db(), &SqliteStore::OnWalCommit, this);
        writer_thread_ = std::thread([this] {
            pthread_setname_np(pthread_self(), "sp-writer");
            WriterLoop();
        });
        for (auto& t : sync_threads_) {
            t = std::thread([this] {
                pthread_setname_np(pthread_self(), "sp-wal-sync");
                SyncLoop();
            });
        }
        checkpoint_thread_ = std::thread([this] {
            pthread_setname_np(pthread_self(), "sp-checkpoint");
            // Background work: on a busy machine the writer and the requests go first.
            (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
            CheckpointLoop();
        });
        return Status::Ok();
    }

    Kind kind() const override { return Kind::kSqlite; }

    Status Migrate() override {
        SP_TRY(Submit(
            [](Connection& c) {
                return c.ExecScript(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
            },
            /*raw=*/true));
        return ApplyMigrations();
    }

    Result<int> SchemaVersion() override {
        int version = 0;
        SP_TRY(Read([&](ReadTx& tx) -> Status {
            static constexpr GlobalSql kExists{
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'"};
            SP_ASSIGN(auto row, tx.QueryOne(kExists));
            if (!row || row->Int(0) == 0) return Status::Ok();
            static constexpr GlobalSql kMax{"SELECT coalesce(max(version),0) FROM schema_migrations"};
            SP_ASSIGN(auto max, tx.QueryOne(kMax));
            version = static_cast<int>(max->Int(0));
            return Status::Ok();
        }));
        return version;
    }

    // A read reuses its connection's open snapshot when no write has committed since it was
    // taken (the writer bumps generation_ before answering any writer, so a caller always reads
    // its own writes) and it is younger than kSnapshotReuseMs (so that writes by other processes,
    // such as the CLI, show within that time).
    Status Read(const std::function<Status(ReadTx&)>& fn) override {
        SP_ASSIGN(auto conn, AcquireReader());
        const int64_t now = SteadyMs();
        const uint64_t generation = generation_.load(std::memory_order_acquire);
        Status st;
        if (!conn->read_open || conn->read_generation != generation || now - conn->read_since_ms > kSnapshotReuseMs ||
            draining_.load(std::memory_order_acquire)) {
            EndRead(*conn);
            st = conn->Control("BEGIN");
            conn->read_open = st.ok();
            conn->read_generation = generation;
            conn->read_since_ms = now;
        }
        if (st) {
            SqliteTx tx(*conn);
            st = fn(tx);
            if (!st) EndRead(*conn);
        }
        ReleaseReader(std::move(conn));
        return st;
    }

    Status Write(const std::function<Status(WriteTx&)>& write) override {
        const auto fn = Marked(write);
        return Submit(
            [&fn](Connection& c) {
                SqliteTx tx(c);
                return fn(tx);
            },
            /*raw=*/false);
    }

    // Joins the next group commit; `done` runs on a sync thread once it is durable.
    void WriteAsync(std::function<Status(WriteTx&)> fn, std::function<void(Status)> done) override {
        Enqueue(
            [fn = Marked(std::move(fn))](Connection& c) {
                SqliteTx tx(c);
                return fn(tx);
            },
            /*raw=*/false, std::move(done));
    }

    Status Backup(const std::string& dest) override {
        SP_ASSIGN(auto src, AcquireReader());
        EndRead(*src);
        sqlite3* out = nullptr;
        Status st;
        if (sqlite3_open(dest.c_str(), &out) != SQLITE_OK) {
            st = Err(Errc::kInternal, "cannot create " + dest);
        } else if (sqlite3_backup* b = sqlite3_backup_init(out, "main", src->db(), "main")) {
            // One step over all pages: the copy is one consistent snapshot.
            const int rc = sqlite3_backup_step(b, -1);
            sqlite3_backup_finish(b);
            if (rc != SQLITE_DONE) st = Err(Errc::kInternal, std::string("backup failed: ") + sqlite3_errstr(rc));
        } else {
            st = Err(Errc::kInternal, std::string("backup failed: ") + sqlite3_errmsg(out));
        }
        sqlite3_close(out);
        ReleaseReader(std::move(src));
        return st;
    }

  private:
    struct Job {
        std::function<Status(Connection&)> fn;
        bool raw;                          // runs outside the batch transaction (DDL, migrations)
        std::function<void(Status)> done;  // called once, by the writer or a sync thread
    };

    // Runs fn on the writer and waits for its outcome.
    Status Submit(std::function<Status(Connection&)> fn, bool raw) {
        std::promise<Status> outcome;
        auto fut = outcome.get_future();
        Enqueue(std::move(fn), raw, [&outcome](Status st) { outcome.set_value(std::move(st)); });
        return fut.get();
    }

    void Enqueue(std::function<Status(Connection&)> fn, bool raw, std::function<void(Status)> done) {
        Status refused;
        {
            std::lock_guard lock(mu_);
            if (stopping_) {
                refused = Err(Errc::kUnavailable, "store is closing");
            } else if (auto halted = HaltError(); halted && !raw) {
                refused = std::move(*halted);
            } else if (static_cast<int>(queue_.size()) >= opts_.max_queue) {
                refused = Err(Errc::kUnavailable, "write queue full");
            } else {
                queue_.push_back(Job{std::move(fn), raw, std::move(done)});
            }
        }
        if (!refused) return done(std::move(refused));
        cv_.notify_one();
    }

    void WriterLoop() {
        for (;;) {
            std::deque<Job> batch;
            {
                std::unique_lock lock(mu_);
                cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;  // stopping, and everything acknowledged is written
                // Under load the callers answered by the last batch come back within a moment;
                // waiting briefly for as many as there were turns many small commits into one
                // (each commit costs a sync and rewrites the same hot index pages).
                const size_t want = std::min<size_t>(last_batch_, static_cast<size_t>(opts_.max_batch));
                if (want > 1 && queue_.size() < want) {
                    cv_.wait_for(lock, kGatherWindow, [&] { return stopping_ || queue_.size() >= want; });
                }
                if (queue_.front().raw) {
                    batch.push_back(std::move(queue_.front()));
                    queue_.pop_front();
                } else {
                    while (!queue_.empty() && !queue_.front().raw && static_cast<int>(batch.size()) < opts_.max_batch) {
                        batch.push_back(std::move(queue_.front()));
                        queue_.pop_front();
                    }
                }
            }
            if (batch.front().raw) {
                Status st = RunGuarded(batch.front());
                generation_.fetch_add(1, std::memory_order_release);
                std::vector<Status> results;
                results.push_back(std::move(st));
                HandToSyncer(batch, std::move(results));
                continue;
            }
            last_batch_ = batch.size();
            CommitBatch(batch);
        }
    }

    Status RunGuarded(Job& job) {
        try {
            return job.fn(*writer_);
        } catch (const std::exception& e) {
            return Err(Errc::kInternal, std::string("write threw: ") + e.what());
        }
    }

    // Optimistic first: the batch's writes one after another in one transaction. A SAVEPOINT
    // per write would make SQLite copy every page a write touches into a statement journal
    // before changing it (~10% of filing throughput). Should a write fail, the transaction is
    // rolled back and the batch runs again with a savepoint per write, so that the failure undoes
    // only its own writes; the others then run a second time, which Store::Write allows. A
    // batch of one needs no second run: rolling back the transaction undoes exactly that write.
    void CommitBatch(std::deque<Job>& batch) {
        std::vector<Status> results;
        results.reserve(batch.size());
        if (Status begin = writer_->Control("BEGIN IMMEDIATE"); !begin) return FailAll(batch, begin);
        for (auto& job : batch) {
            Status st = RunGuarded(job);
            const bool failed = !st;
            results.push_back(std::move(st));
            if (failed) break;
        }
        if (!results.back()) {
            (void)writer_->Control("ROLLBACK");
            if (batch.size() == 1) {
                generation_.fetch_add(1, std::memory_order_release);
                batch.front().done(std::move(results.front()));
                return;
            }
            results.clear();
            if (Status begin = writer_->Control("BEGIN IMMEDIATE"); !begin) return FailAll(batch, begin);
            for (auto& job : batch) {
                Status st = writer_->Control("SAVEPOINT w");
                if (st) {
                    st = RunGuarded(job);
                    if (!st) (void)writer_->Control("ROLLBACK TO w");
                    (void)writer_->Control("RELEASE w");
                }
                results.push_back(std::move(st));
            }
        }
        Status commit = writer_->Control("COMMIT");
        generation_.fetch_add(1, std::memory_order_release);  // before anyone is answered
        if (!commit) {
            (void)writer_->Control("ROLLBACK");
            log::Error("group commit failed", {{"detail", commit.error().detail}, {"batch", batch.size()}});
            if (commit.code() == Errc::kWritesHalted) Halt(commit.error().detail);
            return FailAll(batch, commit);
        }
        // A write the disk refused was rolled back with its own savepoint, but the next may be
        // half-written: stop here (fail-stop), the others of this batch are committed.
        for (const auto& r : results) {
            if (!r && r.code() == Errc::kWritesHalted) Halt(r.error().detail);
        }
        HandToSyncer(batch, std::move(results));
        MaybeRestartWal();
    }

    // Nothing of the batch was written: every caller learns why.
    static void FailAll(std::deque<Job>& batch, const Status& why) {
        for (auto& job : batch) job.done(why);
    }

    // Commits are written with synchronous=NORMAL, which leaves the WAL unsynced; nobody is
    // answered before the sync thread's fdatasync of the WAL that began after their commit was
    // written. The writer meanwhile runs the next batch: the sync (1-2 ms here) overlaps work
    // instead of stopping the only writer. A crash can lose only unanswered commits, and the
    // WAL's chained checksums drop everything after the first frame that did not reach the disk.
    void HandToSyncer(std::deque<Job>& batch, std::vector<Status> results) {
        if (!opts_.sync_beside_writer) {  // synced by the commit itself
            for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
            return;
        }
        {
            std::lock_guard lock(sync_mu_);
            for (size_t i = 0; i < batch.size(); ++i)
                to_sync_.push_back({std::move(batch[i].done), std::move(results[i])});
        }
        sync_cv_.notify_one();
    }

    void SyncLoop() {
        for (;;) {
            std::vector<Committed> group;
            {
                std::unique_lock lock(sync_mu_);
                sync_cv_.wait(lock, [&] { return writer_done_ || !to_sync_.empty(); });
                if (to_sync_.empty()) return;  // the writer has stopped and everything is answered
                group.swap(to_sync_);
            }
            const Status synced = SyncWal();
            for (auto& c : group) c.done(synced ? std::move(c.result) : synced);
        }
    }

    Status SyncWal() {
        int fd;
        {
            std::lock_guard lock(wal_fd_mu_);
            if (wal_fd_ < 0) wal_fd_ = ::open((path_ + "-wal").c_str(), O_RDONLY | O_CLOEXEC);
            fd = wal_fd_;
        }
        if (fd < 0 || ::fdatasync(fd) != 0) {
            // After a failed fdatasync the kernel may have dropped the dirty pages and reports
            // the error once: a retry could "succeed" with the data lost. Fail-stop.
            const int e = errno;
            const std::string why = std::string("the write-ahead log could not be synced: ") + std::strerror(e);
            Halt(why);
            return Err(Errc::kWritesHalted, why);
        }
        return Status::Ok();
    }

    // Checkpoints run on their own connection and thread, beside the writer, so that copying
    // WAL pages into the database seldom delays a commit.
    void CheckpointLoop() {
        std::unique_lock lock(mu_);
        int seen = 0;  // the WAL's length at the last look
        while (!stopping_) {
            ckpt_cv_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stopping_ || CheckpointDue(); });
            if (stopping_) break;
            // Once the writer is quiet, the rest is copied too.
            const int frames = wal_frames_.load();
            const bool quiet = frames == seen && frames > backfilled_.load();
            seen = frames;
            if (!CheckpointDue() && !quiet) continue;
            lock.unlock();
            const int before = backfilled_.load();
            {
                // A snapshot left open in the pool while nobody reads would stop every checkpoint
                // at its frame.
                std::lock_guard readers(readers_mu_);
                EndStaleIdleReads(SteadyMs(), generation_.load(std::memory_order_acquire));
            }
            int log_frames = 0, copied = 0;
            if (sqlite3_wal_checkpoint_v2(checkpointer_->db(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                                          &copied) == SQLITE_OK)
                backfilled_ = copied;
            // Between two checkpoints the writer adds frames; the hot pages among them (index
            // roots, counters) are then copied once per pause rather than once per commit. A
            // drain waits only for a reader that still holds an old snapshot.
            const bool draining = draining_.load();
            if (!draining || copied <= before)
                std::this_thread::sleep_for(std::chrono::milliseconds(draining ? 1 : 20));
            lock.lock();
        }
    }

    // Enough new frames to copy, or a drain (see MaybeRestartWal) not yet copied to its target.
    bool CheckpointDue() const {
        if (draining_.load()) return backfilled_.load() < drain_target_.load();
        return wal_frames_.load() - backfilled_.load() >= kWalPassiveFrames;
    }

    // The WAL starts over from its beginning only at a write that finds it copied in full and no
    // reader inside it. Under a steady stream of commits that never happens by itself (seen: a
    // 2.4 GB WAL after 30,000 complaints, slowing every read and write): the checkpointer is always
    // a batch behind, and some reader always holds an old snapshot. So once the WAL is long,
    // readers stop reusing snapshots and the checkpointer runs without pause; once it has copied
    // everything up to where this began, the writer, between two batches, copies the few frames
    // written since (PASSIVE: it waits for nobody). This replaces a TRUNCATE checkpoint that took
    // the write lock from the checkpoint thread and left the writer asleep in its busy handler
    // (p99 ~80 ms), and a first version of this one in which the writer copied a whole
    // checkpoint interval itself (20-35 ms, p99 ~50 ms).
    void MaybeRestartWal() {
        const int frames = wal_frames_.load();
        if (frames < kWalRestartFrames) return;
        if (!draining_.load()) {
            drain_target_ = frames;
            draining_.store(true, std::memory_order_release);
            ckpt_cv_.notify_one();
            return;
        }
        if (backfilled_.load() < drain_target_.load()) return;
        {
            std::lock_guard lock(readers_mu_);
            for (auto& idle : readers_) EndRead(*idle);
        }
        (void)sqlite3_wal_checkpoint_v2(writer_->db(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }

    // Replaces SQLite's automatic checkpoint: records the WAL's length and wakes the checkpointer.
    static int OnWalCommit(void* self, sqlite3*, const char*, int frames) {
        auto* store = static_cast<SqliteStore*>(self);
        store->wal_frames_ = frames;
        if (frames < store->backfilled_.load()) store->backfilled_ = 0;  // the WAL started over
        if (frames < kWalRestartFrames) store->draining_.store(false, std::memory_order_release);
        if (frames - store->backfilled_.load() >= kWalPassiveFrames) store->ckpt_cv_.notify_one();
        return SQLITE_OK;
    }

    Status ApplyMigrations() {
        SP_ASSIGN(int current, SchemaVersion());
        for (const Migration& m : sqlite_migrations()) {
            if (m.version <= current) continue;
            Status st = Submit(
                [&m](Connection& c) -> Status {
                    SP_TRY(c.ExecScript("BEGIN IMMEDIATE"));
                    Status s = c.ExecScript(m.sql);
                    if (s) {
                        const Value params[] = {int64_t{m.version}, std::string(m.name)};
                        auto r = c.Run("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", params, nullptr);
                        if (!r) s = r.error();
                    }
                    (void)c.ExecScript(s ? "COMMIT" : "ROLLBACK");
                    return s;
                },
                /*raw=*/true);
            if (!st) return Err(st.code(), "migration " + std::string(m.name) + ": " + st.error().detail);
            log::Info("migration applied", {{"version", m.version}, {"name", m.name}});
        }
        return Status::Ok();
    }

    Result<std::unique_ptr<Connection>> AcquireReader() {
        {
            std::lock_guard lock(readers_mu_);
            if (!readers_.empty()) {
                auto c = std::move(readers_.back());
                readers_.pop_back();
                return c;
            }
        }
        return Connection::Open(path_, true);
    }

    void ReleaseReader(std::unique_ptr<Connection> c) {
        const int64_t now = SteadyMs();
        const uint64_t generation = generation_.load(std::memory_order_acquire);
        // An idle connection must not pin an old snapshot: that would stop checkpoints and let
        // the WAL grow. A snapshot older than the last commit can never be reused: end it now.
        if (c->read_open && (c->read_generation != generation || draining_.load(std::memory_order_acquire)))
            EndRead(*c);
        std::lock_guard lock(readers_mu_);
        EndStaleIdleReads(now, generation);
        if (static_cast<int>(readers_.size()) < opts_.pool_size * 4) readers_.push_back(std::move(c));
    }

    // Called with readers_mu_ held: the pooled connections are idle, so any thread may end them.
    void EndStaleIdleReads(int64_t now, uint64_t generation) {
        for (auto& idle : readers_) {
            if (idle->read_open && (idle->read_generation != generation || now - idle->read_since_ms > kIdleSnapshotMs))
                EndRead(*idle);
        }
    }

    static void EndRead(Connection& c) {
        if (c.read_open) (void)c.Control("COMMIT");
        c.read_open = false;
    }

    static int64_t SteadyMs() {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    static constexpr int64_t kSnapshotReuseMs = 50;
    static constexpr int kWalPassiveFrames = 2000;
    static constexpr int kWalRestartFrames = 16384;  // 64 MB of 4 KiB pages
    static constexpr std::chrono::microseconds kGatherWindow{1500};
    size_t last_batch_ = 1;              // writer thread only
    std::atomic<bool> draining_{false};  // the WAL is long: readers let go of their snapshots
    std::atomic<int> wal_frames_{0};
    std::atomic<int> backfilled_{0};            // frames of the WAL the checkpointer has copied
    std::atomic<int> drain_target_{0};          // the WAL's length when draining began
    std::unique_ptr<Connection> checkpointer_;  // the checkpoint thread's
    std::thread checkpoint_thread_;
    std::condition_variable ckpt_cv_;
    static constexpr int64_t kIdleSnapshotMs = 1000;
    std::atomic<uint64_t> generation_{0};

    StoreOptions opts_;
    std::string path_;
    std::unique_ptr<Connection> writer_;
    std::thread writer_thread_;

    struct Committed {
        std::function<void(Status)> done;
        Status result;
    };
    std::mutex sync_mu_;
    std::condition_variable sync_cv_;
    std::vector<Committed> to_sync_;  // guarded by sync_mu_
    bool writer_done_ = false;        // guarded by sync_mu_
    // Two, so that a commit's sync starts at once instead of after the one in progress.
    std::array<std::thread, 2> sync_threads_;
    std::mutex wal_fd_mu_;
    int wal_fd_ = -1;  // guarded by wal_fd_mu_ until open

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Job> queue_;  // guarded by mu_
    bool stopping_ = false;  // guarded by mu_

    std::mutex readers_mu_;
    std::vector<std::unique_ptr<Connection>> readers_;  // guarded by readers_mu_
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options) {
    ConfigureSqlite();
    auto store = std::make_unique<SqliteStore>(options);
    SP_TRY(store->Open());
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace satupintu::store
