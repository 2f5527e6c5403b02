#include "app/context.hpp"

#include "core/log.hpp"
#include "identity/nik_vault.hpp"

namespace satupintu::app {

Result<std::unique_ptr<store::Store>> OpenConfiguredStore(const Config& c) {
    return store::OpenStore(StoreOptionsOf(c));
}

Result<crypto::Key32> MasterKey(const Config& c) {
    if (!c.secret_key.empty()) return identity::ParseMasterKey(c.secret_key);
    if (!c.db_url.empty()) {
        return Err(Errc::kInvalidInput, "with PostgreSQL, set SATUPINTU_SECRET_KEY (64 hex digits) on every node");
    }
    return identity::LoadOrCreateMasterKey(c.data_dir);
}

Result<std::unique_ptr<Application>> Application::Create(const Config& config, const Clock* clock) {
    std::unique_ptr<Application> app(new Application());
    app->config_ = config;
    SP_ASSIGN(app->store_, OpenConfiguredStore(config));
    SP_TRY(app->store_->Migrate());
    SP_ASSIGN(auto key, MasterKey(config));
    identity::SessionPolicy sessions;
    sessions.idle_ms = int64_t{config.session_idle_minutes} * 60000;
    sessions.absolute_ms = int64_t{config.session_absolute_hours} * 3600000;
    app->api_.reset(new api::ApiContext{*app->store_, clock ? *clock : app->system_clock_, identity::NikVault(key),
                                        sessions, identity::SessionCache(), identity::LoginThrottle(),
                                        http::RateLimiter(config.account_rate_per_s, config.account_burst),
                                        http::StaticFiles()});
    SP_TRY(app->api_->web.Load(config.web_dir));
    api::RegisterRoutes(app->router_, *app->api_);
    app->server_ = std::make_unique<http::Server>(ServerOptionsOf(config), app->router_);
    return app;
}

Application::~Application() {
    // The server goes first: no handler may run once the store is gone.
    server_.reset();
}

Status Application::Start() {
    SP_TRY(server_->Start());
    log::Info("listening",
              {{"port", server_->port()}, {"store", store_->kind() == store::Kind::kSqlite ? "sqlite" : "postgres"}});
    return Status::Ok();
}

}  // namespace satupintu::app
