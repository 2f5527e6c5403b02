// The composition root: opens the store, loads keys and web files, builds the API and the HTTP
// server from a Config. Used by `satupintu serve` and by the whole-server tests alike.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "api/api.hpp"
#include "app/config.hpp"
#include "core/clock.hpp"
#include "http/server.hpp"
#include "live/feed.hpp"
#include "notify/outbox.hpp"
#include "store/store.hpp"

namespace satupintu::app {

Result<std::unique_ptr<store::Store>> OpenConfiguredStore(const Config& c);
Result<crypto::Key32> MasterKey(const Config& c);

class Application {
  public:
    // `clock` may be null (system clock); it must outlive the Application.
    static Result<std::unique_ptr<Application>> Create(const Config& config, const Clock* clock = nullptr);
    ~Application();

    Status Start();
    uint16_t port() const { return server_->port(); }
    void Stop() { server_->Stop(); }
    // Runs the SLA sweep over every tenant once (escalation, auto-close).
    Status SweepAll();
    void Wait(bool handle_signals) { server_->Wait(handle_signals); }
    store::Store& store() { return *store_; }
    api::ApiContext& api() { return *api_; }
    const http::Router& router() const { return router_; }

  private:
    Application() = default;
    Config config_;
    SystemClock system_clock_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<api::ApiContext> api_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::unique_ptr<notify::Dispatcher> dispatcher_;
    std::unique_ptr<live::Feed> dashboards_;
    void AuditLoop();
    void AlarmLoop();
    void AlarmAuditors(const std::string& reason);
    void MembershipLoop();
    std::thread sweeper_;
    std::thread membership_;  // PostgreSQL: this node's heartbeat, and the live nodes counted
    // This process among the nodes on one database (for leases): host, pid and a random part.
    std::string node_id_;
    static constexpr const char* kSweepLease = "scheduled-sweep";
    static constexpr int64_t kHeartbeatMs = 2000;
    std::thread auditor_;
    std::thread alarm_;
    std::mutex sweep_mu_;  // guards stopping_ and halt_reason_, with sweep_cv_
    std::condition_variable sweep_cv_;
    bool stopping_ = false;
    std::optional<std::string> halt_reason_;
};

}  // namespace satupintu::app
