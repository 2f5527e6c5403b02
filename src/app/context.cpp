#include "app/context.hpp"

#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include "cases/cases.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/messages.hpp"
#include "events/event_log.hpp"
#include "identity/nik_vault.hpp"
#include "identity/users.hpp"
#include "privacy/erasure.hpp"
#include "privacy/retention.hpp"
#include "region/tenants.hpp"
#include "sla/region_sweep.hpp"
#include "store/lease.hpp"

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

namespace {

// Each region's event-log head: every write that moves a number appends an event, so a changed
// head is what tells the live dashboards to render again. One small read for all regions. A halt
// (fail-stop) moves no head, so it is part of the version too: every dashboard shows it at once.
Result<std::map<std::string, std::string>> EventHeads(store::Store& s) {
    static constexpr store::GlobalSql kHeads{"SELECT tenant, seq FROM event_heads"};
    std::map<std::string, std::string> out;
    const std::string halted = s.Halted() ? ":halted" : "";
    SP_TRY(s.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto rows, tx.Query(kHeads));
        for (const auto& r : rows) out[r.Text(0)] = std::to_string(r.Int(1)) + halted;
        return Status::Ok();
    }));
    return out;
}

Result<json::object> LoadJsonObject(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Err(Errc::kNotFound, "missing " + path);
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    json::value v = json::parse(text.str(), ec);
    if (ec || !v.is_object()) return Err(Errc::kInvalidInput, path + " is not a JSON object");
    return std::move(v.as_object());
}

}  // namespace

Result<std::unique_ptr<Application>> Application::Create(const Config& config, const Clock* clock) {
    privacy::RegisterCaseHooks();  // the named hooks classes defined in data may use
    std::unique_ptr<Application> app(new Application());
    app->config_ = config;
    char host[256] = {};
    (void)::gethostname(host, sizeof host - 1);
    app->node_id_ = std::string(host) + ":" + std::to_string(::getpid()) + ":" + crypto::RandomToken(6);
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
    app->api_->login_throttle.SetDeviceKey(identity::DeriveKey(key, 3, "logindev"));
    SP_TRY(app->api_->web.Load(config.web_dir));
    SP_ASSIGN(app->api_->geo, region::KecamatanMap::Load(config.share_dir + "/geo"));
    app->api_->files = files::FileStore(config.data_dir + "/files");
    app->api_->upload_quota = {config.upload_max_unlinked, config.upload_max_per_day,
                               int64_t{config.upload_max_mb_per_day} << 20};
    app->api_->public_url = PublicUrl(config);
    app->api_->share_dir = config.share_dir;
    app->api_->tile_url = config.tile_url;
    app->api_->tile_attribution = config.tile_attribution;
    SP_ASSIGN(app->api_->processing_record, LoadJsonObject(config.share_dir + "/privacy/processing-record.json"));
    app->api_->retention_email_days = config.retention_email_days;
    app->dispatcher_ = std::make_unique<notify::Dispatcher>(
        *app->store_, app->api_->clock,
        notify::DispatcherOptions{config.smtp_url, config.mail_from, config.sms_url, config.sms_token});
    // A halt wakes the alarm thread; the store's thread must not wait for a mail server.
    app->store_->OnHalt([a = app.get()](const std::string& reason) {
        {
            std::lock_guard lock(a->sweep_mu_);
            a->halt_reason_ = reason;
        }
        a->sweep_cv_.notify_all();
    });
    app->dashboards_ = std::make_unique<live::Feed>(
        [ctx = app->api_.get()](const std::string& code) -> Result<std::string> {
            SP_ASSIGN(auto summary, api::DashboardSummary(*ctx, code));
            return ToJson(summary);
        },
        [s = app->store_.get()] { return EventHeads(*s); });
    app->api_->dashboard_feed = app->dashboards_.get();
    api::RegisterRoutes(app->router_, *app->api_);
    http::ServerOptions options = ServerOptionsOf(config);
    // A person who follows a dead link gets a page in their language, not JSON; API clients
    // (and anything not asking for HTML) keep the problem+json answer.
    options.not_found = [web = &app->api_->web](const http::Request& req) -> std::optional<http::Response> {
        const bool page = (req.method == "GET" || req.method == "HEAD") && !req.path.starts_with("/api/") &&
                          !req.path.starts_with("/open311/") && !req.path.starts_with("/static/") &&
                          req.Header("accept").find("text/html") != std::string_view::npos;
        if (!page || !web->Has("404.html")) return std::nullopt;
        http::Response r = web->Serve(req, "404.html");
        if (r.status == 200) r.status = 404;
        return r;
    };
    app->server_ = std::make_unique<http::Server>(std::move(options), app->router_);
    return app;
}

Application::~Application() {
    {
        std::lock_guard lock(sweep_mu_);
        stopping_ = true;
    }
    sweep_cv_.notify_all();
    // The heartbeat sets the server's limits: it stops before the server goes.
    if (membership_.joinable()) {
        membership_.join();
        (void)store::ReleaseLease(*store_, "node:" + node_id_, node_id_);
    }
    // The server goes first: no handler may run once the store is gone.
    server_.reset();
    if (dashboards_) dashboards_->Stop();
    if (sweeper_.joinable()) {
        sweeper_.join();
        (void)store::ReleaseLease(*store_, kSweepLease, node_id_);  // another node takes over at once
    }
    if (auditor_.joinable()) auditor_.join();
    if (alarm_.joinable()) alarm_.join();
    if (dispatcher_) dispatcher_->Stop();
}

Status Application::SweepAll() {
    std::vector<region::Tenant> tenants;
    SP_TRY(store_->Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(tenants, region::ListTenants(tx));
        return Status::Ok();
    }));
    for (const auto& t : tenants) {
        SP_ASSIGN(auto cal, api_->calendars.Get(*store_, t.code, api_->clock.NowMs()));
        SP_TRY(sla::SweepRegion({*store_, api_->files, api_->vault, api_->geo, api_->public_url, api_->clock.NowMs()},
                                *cal)
                   .status());
        // The command center's alerts (spikes, breach waves, payments that stop).
        SP_TRY(api::EvaluateAlerts(*api_, *cal).status());
    }
    // Uploads never attached to a report, after a day (issue 13, finding 5).
    SP_TRY(files::ForgetUnlinked(*store_, api_->files, api_->clock.NowMs()).status());
    // What has served its purpose: old emails, dead sessions, expired registrations (UU 27/2022).
    SP_TRY(privacy::ApplyRetention(*store_,
                                   {config_.retention_email_days, int64_t{config_.session_absolute_hours} * 3'600'000},
                                   api_->clock.NowMs())
               .status());
    return Status::Ok();
}

// Verifies the log at start and then every audit_verify_hours; anything wrong halts all writes
// (Store::Halt): a tampered history must not grow. Ready (/readyz) once the first check passed.
void Application::AuditLoop() {
    std::unique_lock lock(sweep_mu_);
    for (;;) {
        lock.unlock();
        const auto started = std::chrono::steady_clock::now();
        auto problem = events::Audit(*store_);
        if (!problem) {
            log::Warn("audit chain check could not run", {{"error", problem.error().detail}});
        } else if (*problem) {
            log::Error("audit chain check failed", {{"problem", **problem}});
            store_->Halt("audit: " + **problem);
        } else {
            const auto ms =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            log::Info("audit chains verified", {{"ms", static_cast<int64_t>(ms.count())}});
        }
        if (problem) api_->audited = true;
        lock.lock();
        // A check that could not run (the store unreachable) is tried again in a minute.
        const auto next = problem ? std::chrono::minutes(60 * config_.audit_verify_hours) : std::chrono::minutes(1);
        if ((problem && config_.audit_verify_hours <= 0) ||
            sweep_cv_.wait_for(lock, next, [this] { return stopping_; }))
            return;
    }
}

// Waits for a halt and then tells every region's auditors by email, straight to the SMTP relay:
// the store takes no writes, so the outbox cannot carry it. Tried a few times if the relay
// is down; a halt just before shutdown is still reported.
void Application::AlarmLoop() {
    std::unique_lock lock(sweep_mu_);
    sweep_cv_.wait(lock, [this] { return stopping_ || halt_reason_; });
    if (!halt_reason_) return;
    const std::string reason = *halt_reason_;
    lock.unlock();
    AlarmAuditors(reason);
}

void Application::AlarmAuditors(const std::string& reason) {
    if (config_.smtp_url.empty()) {
        log::Warn("writes halted and no SMTP relay is configured (notify.smtp_url): no auditor was emailed");
        return;
    }
    std::vector<std::string> to;
    const Status read = store_->Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenants, region::ListTenants(tx));
        for (const auto& t : tenants) {
            SP_ASSIGN(auto emails, identity::StaffEmails(tx, store::TenantId(t.code), "auditor", std::nullopt));
            to.insert(to.end(), emails.begin(), emails.end());
        }
        return Status::Ok();
    });
    if (!read) {
        log::Error("writes halted and the auditors could not be looked up", {{"error", read.error().detail}});
        return;
    }
    const std::string when = IsoUtc(api_->clock.NowMs());
    const std::string subject = Format("mail.halt.subject", Lang::kId, {});
    const std::string body = Format("mail.halt.body", Lang::kId, {{"reason", reason}, {"when", when}});
    int sent = 0;
    for (const auto& address : to) {
        Status st = Err(Errc::kUnavailable, "not tried");
        for (int attempt = 0; attempt < 4 && !st; ++attempt) {
            if (attempt > 0) {
                std::unique_lock lock(sweep_mu_);
                if (sweep_cv_.wait_for(lock, std::chrono::seconds(1 << attempt), [this] { return stopping_; })) break;
            }
            st = dispatcher_->SendEmailNow(address, subject, body);
        }
        if (st)
            ++sent;
        else
            log::Error("writes halted and an auditor could not be emailed", {{"error", st.error().detail}});
    }
    log::Info("auditors told of the halt", {{"sent", sent}, {"auditors", static_cast<int64_t>(to.size())}});
}

// Several nodes on one database (issue 15): each renews a lease "node:<id>" every two seconds and
// counts the live ones; the per-address and per-account limits are then shared among them, so
// that requests spread over every node behind the balancer meet the configured limit in all.
void Application::MembershipLoop() {
    const std::string lease = "node:" + node_id_;
    std::unique_lock lock(sweep_mu_);
    do {
        lock.unlock();
        const int64_t now = api_->clock.NowMs();
        auto held = store::TakeLease(*store_, lease, node_id_, now, 3 * kHeartbeatMs);
        auto nodes = held ? store::CountLeases(*store_, "node:", now) : Result<int>(held.error());
        if (nodes && *nodes >= 1) {
            if (*nodes != api_->nodes.load()) log::Info("nodes on this database", {{"nodes", *nodes}});
            api_->nodes.store(*nodes);
            server_->SetRateShare(*nodes);
            api_->account_limiter.SetShare(*nodes);
        }
        lock.lock();
    } while (!sweep_cv_.wait_for(lock, std::chrono::milliseconds(kHeartbeatMs), [this] { return stopping_; }));
}

Status Application::Start() {
    SP_TRY(server_->Start());
    alarm_ = std::thread([this] { AlarmLoop(); });
    auditor_ = std::thread([this] { AuditLoop(); });
    dispatcher_->Start();
    dashboards_->Start();
    if (config_.sla_sweep_seconds > 0) {
        sweeper_ = std::thread([this] {
            std::unique_lock lock(sweep_mu_);
            while (!sweep_cv_.wait_for(lock, std::chrono::seconds(config_.sla_sweep_seconds),
                                       [this] { return stopping_; })) {
                lock.unlock();
                // Once across the nodes on this database: the node holding the lease sweeps.
                const auto held = store::TakeLease(*store_, kSweepLease, node_id_, api_->clock.NowMs(),
                                                   int64_t{3} * config_.sla_sweep_seconds * 1000);
                if (!held) {
                    log::Warn("sweep lease unavailable", {{"error", held.error().detail}});
                } else if (*held) {
                    if (auto st = SweepAll(); !st) log::Warn("sla sweep failed", {{"error", st.error().detail}});
                }
                lock.lock();
            }
        });
    }
    if (store_->kind() == store::Kind::kPostgres) membership_ = std::thread([this] { MembershipLoop(); });
    log::Info("listening",
              {{"port", server_->port()}, {"store", store_->kind() == store::Kind::kSqlite ? "sqlite" : "postgres"}});
    return Status::Ok();
}

}  // namespace satupintu::app
