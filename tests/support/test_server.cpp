#include "support/test_server.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "app/demo.hpp"
#include "core/crypto.hpp"

namespace satupintu::testing {

std::string StoreUnderTest() {
    const char* s = std::getenv("SATUPINTU_TEST_STORE");
    return s && *s ? s : "sqlite";
}

std::string TempDir(const std::string& prefix) {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    return tmpl;
}

app::Config TestConfig() {
    crypto::InitCrypto();
    auto loaded = app::LoadConfig("");
    if (!loaded) throw std::runtime_error("config: " + loaded.error().detail);
    app::Config c = *loaded;
    c.listen = "127.0.0.1:0";
    c.data_dir = TempDir("satupintu-test");
    c.ip_rate_per_s = 0;  // tests that need the per-address limit set it themselves
    c.account_rate_per_s = 0;
    // Likewise the upload quota: on PostgreSQL every suite shares one database on one pinned day,
    // so a demo account's uploads add up across suites (Uploads.* sets the defaults).
    c.upload_max_unlinked = c.upload_max_per_day = c.upload_max_mb_per_day = 0;
    c.access_log = false;
    c.header_timeout_ms = 1500;
    c.body_timeout_ms = 1500;
    c.io_threads = 2;
    c.worker_threads = 0;
    c.sla_sweep_seconds = 0;  // tests sweep on demand (POST /api/v1/sla/sweep)
    if (StoreUnderTest() == "postgres") {
        const char* url = std::getenv("SATUPINTU_TEST_PG_URL");
        if (!url || !*url) {
            throw std::runtime_error(
                "SATUPINTU_TEST_STORE=postgres needs SATUPINTU_TEST_PG_URL (satupintu.sh test sets it)");
        }
        c.db_url = url;
        c.secret_key = std::string(64, 'a');
    }
    return c;
}

TestServer::TestServer(app::Config config, bool seed, const Clock* clock) : config_(std::move(config)) {
    if (!clock) clock = &pinned_clock_;
    auto app = app::Application::Create(config_, clock);
    if (!app) throw std::runtime_error("cannot create app: " + app.error().detail);
    app_ = std::move(*app);
    if (seed) {
        auto key = app::MasterKey(config_);
        identity::NikVault vault(*key);
        std::ostringstream log;
        auto st = app::SeedDemo(app_->store(), vault, *clock, config_.share_dir,
                                files::FileStore(config_.data_dir + "/files"), app_->api().public_url, log);
        if (st) st = app::SeedRegion(app_->store(), vault, *clock, config_.share_dir, "32.16", "bekasi", log);
        if (!st) throw std::runtime_error("seed failed: " + st.error().detail);
    }
    auto st = app_->Start();
    if (!st) throw std::runtime_error("start failed: " + st.error().detail);
    // Ready as deployed: the audit chains checked (a few ms on the demo data).
    for (int i = 0; i < 3000 && !app_->api().audited.load(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TestServer::~TestServer() {
    app_->Stop();
    app_->Wait(false);
    app_.reset();
    if (config_.db_url.empty() && !keep_data_) {
        std::error_code ec;
        std::filesystem::remove_all(config_.data_dir, ec);
    }
}

}  // namespace satupintu::testing
