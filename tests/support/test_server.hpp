// Starts a real SatuPintu server in-process on a loopback port, on SQLite (a fresh temp folder)
// or on PostgreSQL (SATUPINTU_TEST_PG_URL), as chosen by SATUPINTU_TEST_STORE.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/config.hpp"
#include "app/context.hpp"
#include "core/clock.hpp"

namespace satupintu::testing {

// "sqlite" (default) or "postgres".
std::string StoreUnderTest();

// A fresh config for the store under test. SQLite gets a new temp data folder.
app::Config TestConfig();

// Every whole-server test runs on a known date unless it brings its own clock: 10:00 WIB on
// Thursday 2026-12-31, the last working day of a 31-day month and of a year (the edges where
// date arithmetic goes wrong; CI once failed only in 31-day months).
inline constexpr int64_t kPinnedNowMs = 1'798'686'000'000;  // 2026-12-31T03:00:00Z

class TestServer {
  public:
    // Creates, migrates, seeds the demo region (36.04) and a second region (32.16), starts.
    // `clock` (optional) must outlive the server; without one the server and its seed data run
    // on a PinnedClock at kPinnedNowMs.
    explicit TestServer(app::Config config, bool seed = true, const Clock* clock = nullptr);
    ~TestServer();
    uint16_t port() const { return app_->port(); }
    app::Application& app() { return *app_; }
    const app::Config& config() const { return config_; }
    // Leaves the SQLite data folder in place on destruction (for a restart on the same data).
    void KeepData() { keep_data_ = true; }

  private:
    app::Config config_;
    PinnedClock pinned_clock_{kPinnedNowMs};
    std::unique_ptr<app::Application> app_;
    bool keep_data_ = false;
};

std::string TempDir(const std::string& prefix);

}  // namespace satupintu::testing
