// Whole-process tests: the real `satupintu` binary, killed and restarted.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <random>
#include <thread>

#include "core/crypto.hpp"
#include "store/lease.hpp"
#include "store/postgres/pg_store.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace satupintu::testing {
namespace {

namespace json = boost::json;

std::string Binary() {
    return SATUPINTU_BIN;
}

// Runs the binary to completion; returns its exit code and stdout.
int RunCli(const std::vector<std::string>& args, std::string* out = nullptr) {
    std::string cmd = Binary();
    for (const auto& a : args) cmd += " '" + a + "'";
    cmd += " 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string text;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    const int rc = ::pclose(p);
    if (out) *out = text;
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// Ports below Linux's ephemeral range (32768+), so that no client socket of ours holds one.
uint16_t FreePort() {
    static std::atomic<int> next{20000 + static_cast<int>((::getpid() * 37) % 12000)};
    return static_cast<uint16_t>(next++);
}

// A `satupintu serve` child process on a free port.
class ServerProcess {
  public:
    explicit ServerProcess(const std::vector<std::string>& store_args) {
        for (int attempt = 0; attempt < 5; ++attempt) {
            port_ = FreePort();
            if (Spawn(store_args)) return;
        }
        ADD_FAILURE() << "server did not become healthy";
    }
    ~ServerProcess() {
        if (pid_ > 0) Kill(SIGKILL);
    }
    // Sends the signal and reaps the process; returns its exit status (or -signal).
    int Kill(int sig) {
        ::kill(pid_, sig);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }
    uint16_t port() const { return port_; }

  private:
    // Starts the child; false if it exited (say, the port was taken) before becoming healthy.
    bool Spawn(const std::vector<std::string>& store_args) {
        pid_ = ::fork();
        if (pid_ == 0) {
            std::vector<std::string> args{Binary(), "serve", "--listen", "127.0.0.1:" + std::to_string(port_)};
            args.insert(args.end(), store_args.begin(), store_args.end());
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::setenv("SATUPINTU_ACCESS_LOG", "0", 1);
            ::setenv("SATUPINTU_IP_RATE", "0", 1);
            ::setenv("SATUPINTU_ACCOUNT_RATE", "0", 1);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return false;
            }
            try {
                if (Get(port_, "/healthz").status == 200) return true;
            } catch (...) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        return false;
    }

    pid_t pid_ = -1;
    uint16_t port_ = 0;
};

std::vector<std::string> StoreArgs(const std::string& data_dir) {
    if (StoreUnderTest() == "postgres") {
        const char* url = std::getenv("SATUPINTU_TEST_PG_URL");
        if (!url) throw std::runtime_error("SATUPINTU_TEST_PG_URL is not set");
        ::setenv("SATUPINTU_SECRET_KEY", std::string(64, 'b').c_str(), 1);
        return {"--db", url};
    }
    return {"--data", data_dir};
}

// `satupintu CMD... <store args>`.
std::vector<std::string> With(std::vector<std::string> cmd, const std::vector<std::string>& store_args) {
    cmd.insert(cmd.end(), store_args.begin(), store_args.end());
    return cmd;
}

// Fires `n` concurrent POSTs of body(i) to `path`; returns the `key` of each answer the server
// acknowledged (201).
std::vector<std::string> ConcurrentWrites(uint16_t port, const Session& s, const std::string& path,
                                          const std::function<std::string(int)>& body, const std::string& key, int n,
                                          std::atomic<int>* acked) {
    std::vector<std::string> ids;
    std::mutex mu;
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
        threads.emplace_back([&, i] {
            try {
                auto r = PostJson(port, path, body(i), s.AuthHeaders());
                if (r.status == 201) {
                    std::lock_guard lock(mu);
                    ids.emplace_back(json::parse(r.body).at(key).as_string());
                    ++*acked;
                }
            } catch (...) {
                // The server died under us: this write was never acknowledged.
            }
        });
    }
    for (auto& t : threads) t.join();
    return ids;
}

// Fires `n` concurrent OPD creations (each waits for the group commit on a worker thread).
std::vector<std::string> ConcurrentOpds(uint16_t port, const Session& s, const std::string& prefix, int n,
                                        std::atomic<int>* acked) {
    const auto body = [&prefix](int i) {
        return R"({"code":")" + prefix + std::to_string(i) + R"(","name":"Unit Uji )" + std::to_string(i) +
               R"(","kind":"dinas"})";
    };
    return ConcurrentWrites(port, s, "/api/v1/opds", body, "id", n, acked);
}

// Waits until `acked` reaches a random count in [5, 65) (or 10 s), then kills the server.
void KillMidway(ServerProcess& server, const std::atomic<int>& acked, std::mt19937& rng) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    const int kill_after = 5 + static_cast<int>(rng() % 60);
    while (acked.load() < kill_after && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    EXPECT_EQ(server.Kill(SIGKILL), -SIGKILL);
}

TEST(Crash, KillNineDuringConcurrentWritesLosesNothingAcknowledged) {
    const std::string dir = TempDir("sp-crash");
    const auto store_args = StoreArgs(dir);
    ASSERT_EQ(RunCli(With({"demo"}, store_args)), 0);
    std::mt19937 rng(std::random_device{}());
    std::vector<std::string> all_acked;
    for (int round = 0; round < 3; ++round) {
        ServerProcess server(store_args);
        const Session admin = Login(server.port(), "36.04", "admin@serang.satupintu.test", "SatuPintu-Demo-2026");
        std::atomic<int> acked{0};
        std::vector<std::string> ids;
        std::thread writer([&] {
            ids = ConcurrentOpds(server.port(), admin,
                                 "K" + std::to_string(round) + "R" + std::to_string(rng() % 100000) + "X", 200, &acked);
        });
        // Kill once some writes were acknowledged and others are still in flight.
        KillMidway(server, acked, rng);
        writer.join();
        EXPECT_GT(ids.size(), 0u) << "round " << round;
        all_acked.insert(all_acked.end(), ids.begin(), ids.end());

        ServerProcess again(store_args);
        const Session admin2 = Login(again.port(), "36.04", "admin@serang.satupintu.test", "SatuPintu-Demo-2026");
        for (const auto& id : all_acked) {
            EXPECT_EQ(Get(again.port(), "/api/v1/opds/" + id, admin2.AuthHeaders()).status, 200) << id;
        }
        EXPECT_EQ(again.Kill(SIGTERM), 0) << "SIGTERM is a clean stop";
        std::string out;
        EXPECT_EQ(RunCli(With({"verify-audit"}, store_args), &out), 0) << out;
    }
    std::filesystem::remove_all(dir);
}

// Complaint filing answers from the WAL sync thread without holding a worker (Store::WriteAsync):
// every tracking number it gave out must survive a kill -9, with the audit chain intact.
TEST(Crash, KillNineDuringConcurrentFilingsLosesNoAcknowledgedComplaint) {
    const std::string dir = TempDir("sp-crash-file");
    const auto store_args = StoreArgs(dir);
    ASSERT_EQ(RunCli(With({"demo"}, store_args)), 0);
    std::mt19937 rng(std::random_device{}());
    std::vector<std::string> all_acked;
    const auto body = [](int i) {
        return R"({"service_code":"DRAINASE","description":"Got mampet, uji mati mendadak )" + std::to_string(i) +
               R"(","lat":-6.0401,"long":106.112759})";
    };
    for (int round = 0; round < 2; ++round) {
        ServerProcess server(store_args);
        const Session warga = Login(server.port(), "36.04", "warga@serang.satupintu.test", "SatuPintu-Demo-2026");
        std::atomic<int> acked{0};
        std::vector<std::string> numbers;
        std::thread writer([&] {
            numbers = ConcurrentWrites(server.port(), warga, "/api/v1/complaints", body, "number", 200, &acked);
        });
        KillMidway(server, acked, rng);
        writer.join();
        EXPECT_GT(numbers.size(), 0u) << "round " << round;
        all_acked.insert(all_acked.end(), numbers.begin(), numbers.end());

        ServerProcess again(store_args);
        for (const auto& number : all_acked) {
            EXPECT_EQ(Get(again.port(), "/api/v1/regions/36.04/complaints/" + number).status, 200) << number;
        }
        EXPECT_EQ(again.Kill(SIGTERM), 0) << "SIGTERM is a clean stop";
        std::string out;
        EXPECT_EQ(RunCli(With({"verify-audit"}, store_args), &out), 0) << out;
    }
    std::filesystem::remove_all(dir);
}

TEST(Crash, SigtermLetsInFlightRequestsFinish) {
    const std::string dir = TempDir("sp-term");
    const auto store_args = StoreArgs(dir);
    ASSERT_EQ(RunCli(With({"demo"}, store_args)), 0);
    std::vector<std::string> ids;
    {
        ServerProcess server(store_args);
        const Session admin = Login(server.port(), "36.04", "admin@serang.satupintu.test", "SatuPintu-Demo-2026");
        std::atomic<int> acked{0};
        std::thread writer(
            [&] { ids = ConcurrentOpds(server.port(), admin, "T" + std::to_string(::getpid()) + "X", 100, &acked); });
        while (acked.load() < 3) std::this_thread::sleep_for(std::chrono::microseconds(200));
        EXPECT_EQ(server.Kill(SIGTERM), 0);
        writer.join();
    }
    ServerProcess again(store_args);
    const Session admin = Login(again.port(), "36.04", "admin@serang.satupintu.test", "SatuPintu-Demo-2026");
    for (const auto& id : ids) EXPECT_EQ(Get(again.port(), "/api/v1/opds/" + id, admin.AuthHeaders()).status, 200);
    std::filesystem::remove_all(dir);
}

// One byte: the first letter of entry 7's "name" (an OPD seeded by the demo) changes case.
constexpr const char* kTamper =
    "UPDATE events SET payload = replace(payload, '\"name\":\"B', '\"name\":\"b') WHERE tenant = '36.04' AND seq = 7";
constexpr const char* kUntamper =
    "UPDATE events SET payload = replace(payload, '\"name\":\"b', '\"name\":\"B') WHERE tenant = '36.04' AND seq = 7";

// Runs SQL as the database superuser, with the append-only trigger out of the way: what an
// attacker with full database access could do.
void PgSuperuserExec(const std::string& sql) {
    const char* admin = std::getenv("SATUPINTU_TEST_PG_ADMIN_URL");
    ASSERT_TRUE(admin) << "SATUPINTU_TEST_PG_ADMIN_URL is not set (satupintu.sh test sets it)";
    PGconn* c = PQconnectdb(admin);
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    const std::string script = "ALTER TABLE events DISABLE TRIGGER events_no_change; " + sql +
                               "; ALTER TABLE events ENABLE TRIGGER events_no_change;";
    PGresult* r = PQexec(c, script.c_str());
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
}

TEST(VerifyAudit, NamesTheTamperedEntry) {
    const std::string dir = TempDir("sp-tamper");
    const auto store_args = StoreArgs(dir);
    const auto verify_args = With({"verify-audit"}, store_args);
    ASSERT_EQ(RunCli(With({"demo"}, store_args)), 0);
    std::string out;
    ASSERT_EQ(RunCli(verify_args, &out), 0) << out;
    if (StoreUnderTest() == "postgres") {
        PgSuperuserExec(kTamper);
    } else {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open((dir + "/satupintu.db").c_str(), &db), SQLITE_OK);
        const std::string sql = std::string("DROP TRIGGER events_no_update; ") + kTamper;
        ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        ASSERT_EQ(sqlite3_changes(db), 1);
        sqlite3_close(db);
    }
    EXPECT_NE(RunCli(verify_args, &out), 0);
    EXPECT_NE(out.find("tenant 36.04: BROKEN at entry 7"), std::string::npos) << out;
    if (StoreUnderTest() == "postgres") {
        PgSuperuserExec(kUntamper);  // the database is shared with later tests
        EXPECT_EQ(RunCli(verify_args, &out), 0) << out;
    }
    std::filesystem::remove_all(dir);
}

// A server that stops answering without closing its sockets (a frozen primary: SIGSTOP here, as a
// hung machine; the kernel keeps TCP up, so nothing but a timeout notices) holds neither a write
// nor a read longer than the store's timeout: the frozen connections are dropped and the work
// done on new ones.
TEST(PostgresStore, AFrozenServerHoldsNoWriteOrReadPastTheTimeout) {
    if (StoreUnderTest() != "postgres") GTEST_SKIP() << "PostgreSQL's client timeouts";
    const char* url = std::getenv("SATUPINTU_TEST_PG_URL");
    const char* admin = std::getenv("SATUPINTU_TEST_PG_ADMIN_URL");
    ASSERT_TRUE(url && admin) << "satupintu.sh test sets SATUPINTU_TEST_PG_URL and SATUPINTU_TEST_PG_ADMIN_URL";
    const std::string app = "sp-frozen-" + std::to_string(::getpid());
    auto store = store::OpenPostgresStore({.postgres_url = std::string(url) + "?application_name=" + app,
                                           .pool_size = 4,
                                           .pg_writers = 1,
                                           .pg_io_timeout_ms = 1000})
                     .value();
    const std::string job = "frozen-" + std::to_string(::getpid());
    ASSERT_TRUE(store::TakeLease(*store, job, "node-a", 1'000, 30'000).value());
    ASSERT_TRUE(store->SchemaVersion());

    // Freeze the server side of every connection the store holds.
    std::vector<pid_t> frozen;
    PGconn* c = PQconnectdb(admin);
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PGresult* r = PQexec(c, ("SELECT pid FROM pg_stat_activity WHERE application_name = '" + app + "'").c_str());
    for (int i = 0; i < PQntuples(r); ++i) frozen.push_back(std::atoi(PQgetvalue(r, i, 0)));
    PQclear(r);
    PQfinish(c);
    ASSERT_FALSE(frozen.empty());
    for (pid_t p : frozen) ASSERT_EQ(::kill(p, SIGSTOP), 0);

    const auto started = std::chrono::steady_clock::now();
    const auto write = store::TakeLease(*store, job, "node-a", 2'000, 30'000);
    const auto read = store->SchemaVersion();
    const auto took = std::chrono::steady_clock::now() - started;
    for (pid_t p : frozen) ::kill(p, SIGCONT);
    ASSERT_TRUE(write) << write.error().detail;
    EXPECT_TRUE(*write) << "renewed on a new connection";
    EXPECT_TRUE(read) << read.error().detail;
    EXPECT_LT(took, std::chrono::seconds(8)) << "the write waits at most ~1 s per frozen connection, then reconnects";
    EXPECT_GE(took, std::chrono::milliseconds(900)) << "the write did meet a frozen connection";
    EXPECT_FALSE(store::TakeLease(*store, job, "node-b", 3'000, 30'000).value()) << "node-a's renewal committed";
}

// A regency moves from its own server to another store (issue 15): the province's PostgreSQL in
// the PostgreSQL run, a fresh SQLite folder in the other. Everything comes along: its event chain
// verifies there, its people log in with their passwords, their complaints and files are there.
TEST(RegionMove, ARegionMovesToAnotherStoreWithItsChainPeopleAndFiles) {
    const std::string dir = TempDir("sp-move");
    const std::string key = crypto::HexEncode(crypto::RandomBytes(32));
    ::setenv("SATUPINTU_SECRET_KEY", key.c_str(), 1);
    const std::vector<std::string> source = {"--data", dir + "/source"};
    ASSERT_EQ(RunCli(With({"demo"}, source)), 0);
    // A complaint of the demo citizen, and a file of a permit application, in the source.
    std::string complaint, photo_id, photo_sha;
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open((dir + "/source/satupintu.db").c_str(), &db), SQLITE_OK);
        const auto one = [&](const char* sql, std::vector<std::string*> into) {
            sqlite3_stmt* st = nullptr;
            ASSERT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
            ASSERT_EQ(sqlite3_step(st), SQLITE_ROW) << sql;
            for (size_t i = 0; i < into.size(); ++i)
                *into[i] = reinterpret_cast<const char*>(sqlite3_column_text(st, static_cast<int>(i)));
            sqlite3_finalize(st);
        };
        one("SELECT c.number FROM cases c JOIN users u ON u.tenant = c.tenant AND u.id = c.reporter_id"
            " WHERE u.email = 'warga@serang.satupintu.test' AND c.number LIKE 'ADU-%' LIMIT 1",
            {&complaint});
        one("SELECT id, sha256 FROM attachments WHERE case_id IS NOT NULL LIMIT 1", {&photo_id, &photo_sha});
        sqlite3_close(db);
    }
    const std::string file = dir + "/serang.jsonl";
    std::string out;
    ASSERT_EQ(RunCli(With({"region", "export", "36.04", "--out", file}, source), &out), 0) << out;

    // The target: a database of its own, or a folder.
    std::vector<std::string> target = {"--data", dir + "/target"};
    std::string db;
    if (StoreUnderTest() == "postgres") {
        db = "sp_move_" + std::to_string(::getpid());
        const std::string admin = std::getenv("SATUPINTU_TEST_PG_ADMIN_URL");
        PGconn* c = PQconnectdb(admin.c_str());
        ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
        PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + db).c_str()));
        PGresult* r = PQexec(c, ("CREATE DATABASE " + db).c_str());
        ASSERT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
        PQclear(r);
        PQfinish(c);
        target.push_back("--db");
        target.push_back(admin.substr(0, admin.rfind('/') + 1) + db);
    }
    const auto target_regions = [&] {
        std::string list;
        EXPECT_EQ(RunCli(With({"region", "list"}, target), &list), 0);
        return list;
    };

    // Refused, and nothing written: another master key; a cut file; an altered event.
    ::setenv("SATUPINTU_SECRET_KEY", std::string(64, 'c').c_str(), 1);
    EXPECT_EQ(RunCli(With({"region", "import", file}, target)), 2);
    ::setenv("SATUPINTU_SECRET_KEY", key.c_str(), 1);
    std::string text;
    {
        std::ifstream in(file);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    const auto write = [&](const std::string& path, const std::string& content) {
        std::ofstream(path, std::ios::trunc) << content;
        return path;
    };
    const std::string cut = text.substr(0, text.rfind("{\"end\""));
    EXPECT_EQ(RunCli(With({"region", "import", write(dir + "/cut.jsonl", cut)}, target)), 2);
    std::string altered = text;
    const auto payload = altered.find("DLH", altered.find("{\"table\":\"events\""));
    ASSERT_NE(payload, std::string::npos);
    altered[payload] = 'X';
    EXPECT_EQ(RunCli(With({"region", "import", write(dir + "/altered.jsonl", altered)}, target), &out), 2);
    EXPECT_NE(target_regions().find("0 regions"), std::string::npos) << "nothing written";

    ASSERT_EQ(RunCli(With({"region", "import", file}, target), &out), 0) << out;
    EXPECT_NE(out.find("its event chain verifies"), std::string::npos) << out;
    EXPECT_EQ(RunCli(With({"region", "import", file}, target), &out), 2) << "the region is there already";
    EXPECT_EQ(RunCli(With({"verify-audit"}, target), &out), 0) << out;
    EXPECT_NE(out.find("tenant 36.04"), std::string::npos) << out;
    {
        ServerProcess server(target);
        const Session citizen = Login(server.port(), "36.04", "warga@serang.satupintu.test", "SatuPintu-Demo-2026");
        const auto moved = Get(server.port(), "/api/v1/cases/" + complaint, citizen.AuthHeaders());
        EXPECT_EQ(moved.status, 200) << moved.body;
        // The file came along: the same bytes from the target.
        const Session admin = Login(server.port(), "36.04", "admin@serang.satupintu.test", "SatuPintu-Demo-2026");
        const auto photo = Get(server.port(), "/api/v1/regions/36.04/attachments/" + photo_id, admin.AuthHeaders());
        ASSERT_EQ(photo.status, 200) << photo.body;
        EXPECT_EQ(crypto::Sha256Hex(photo.body), photo_sha);
    }
    if (!db.empty()) {
        PGconn* c = PQconnectdb(std::getenv("SATUPINTU_TEST_PG_ADMIN_URL"));
        PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)").c_str()));
        PQfinish(c);
    }
    ::unsetenv("SATUPINTU_SECRET_KEY");
    std::filesystem::remove_all(dir);
}

TEST(BackupRestore, RoundTripVerifies) {
    if (StoreUnderTest() != "sqlite") GTEST_SKIP() << "PostgreSQL backups use pg_dump (docs/operations.md)";
    const std::string dir = TempDir("sp-backup");
    ASSERT_EQ(RunCli({"demo", "--data", dir + "/live"}), 0);
    std::string out;
    ASSERT_EQ(RunCli({"backup", "--data", dir + "/live", "--out", dir + "/snap"}, &out), 0) << out;
    EXPECT_NE(RunCli({"restore", "--data", dir + "/live", "--from", dir + "/snap"}, &out), 0) << "refuses to overwrite";
    ASSERT_EQ(RunCli({"restore", "--data", dir + "/copy", "--from", dir + "/snap"}, &out), 0) << out;
    EXPECT_NE(out.find("tenant 36.04:"), std::string::npos);
    ServerProcess server({"--data", dir + "/copy"});
    EXPECT_NO_THROW(Login(server.port(), "36.04", "warga@serang.satupintu.test", "SatuPintu-Demo-2026"));
    std::filesystem::remove_all(dir);
}

TEST(Cli, UserAddAndApiKeyCreate) {
    const std::string dir = TempDir("sp-cli");
    const auto store_args = StoreArgs(dir);
    ASSERT_EQ(RunCli(With({"demo"}, store_args)), 0);
    const std::string email = "kepala.dlh." + std::to_string(::getpid()) + "@serang.satupintu.test";
    std::string cmd = "echo 'sandi-kepala-dinas' | " + Binary() +
                      " user add --tenant 36.04 --role opd_head --opd DLH --email " + email + " --password-stdin";
    for (const auto& a : store_args) cmd += " '" + a + "'";
    ASSERT_EQ(std::system((cmd + " >/dev/null 2>&1").c_str()), 0);
    std::string key;
    ASSERT_EQ(RunCli(With({"apikey", "create", "--tenant", "36.04", "--name", "open311"}, store_args), &key), 0);
    key = key.substr(0, key.find('\n'));
    EXPECT_EQ(key.rfind("sp_", 0), 0u);
    ServerProcess server(store_args);
    EXPECT_NO_THROW(Login(server.port(), "36.04", email, "sandi-kepala-dinas"));
    EXPECT_EQ(Get(server.port(), "/api/v1/me", Headers().Add("Authorization", "Bearer " + key)).status, 200);
    EXPECT_NE(
        RunCli(With({"user", "add", "--tenant", "36.04", "--role", "wizard", "--email", "x@y.test", "--password-stdin"},
                    store_args)),
        0);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace satupintu::testing
