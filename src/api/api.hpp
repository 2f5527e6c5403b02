// The JSON API (/api/v1), the health endpoints and the web UI's pages: thin handlers that parse,
// call one domain function, and format. Authentication, CSRF and per-account limits are applied
// here, by Authed(), before a handler sees a request.
#pragma once

#include <atomic>
#include <functional>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/dashboard_cache.hpp"
#include "api/names.hpp"
#include "api/public_cache.hpp"
#include "catalog/services.hpp"
#include "core/clock.hpp"
#include "files/attachments.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "identity/login_throttle.hpp"
#include "identity/nik_vault.hpp"
#include "identity/principal.hpp"
#include "identity/session_cache.hpp"
#include "identity/sessions.hpp"
#include "performance/alerts.hpp"
#include "performance/ikm.hpp"
#include "region/calendar.hpp"
#include "region/geo.hpp"
#include "store/store.hpp"

namespace satupintu::live {
class Feed;
}

namespace satupintu::api {

inline constexpr const char* kSessionCookie = "__Host-sp_session";

// Everything the handlers share. Owned by the app; outlives the server.
struct ApiContext {
    store::Store& store;
    const Clock& clock;
    identity::NikVault vault;
    identity::SessionPolicy sessions;
    identity::SessionCache session_cache;
    identity::LoginThrottle login_throttle;
    http::RateLimiter account_limiter;
    http::StaticFiles web;
    region::KecamatanMap geo;
    files::FileStore files{""};
    region::CalendarCache calendars;
    NameCache names;
    std::string public_url;                  // the address citizens reach, for QR codes and links
    std::string share_dir;                   // the shipped data (catalog, wilayah, geo), for onboarding
    std::string tile_url, tile_attribution;  // a raster tile server under every map (empty: none)
    live::Feed* dashboard_feed = nullptr;    // the regions' live dashboards (set by the Application)
    std::atomic<int> nodes{1};               // live nodes on this database (PostgreSQL), this one included
    PastDaysCache past_days;                 // the dashboards' sums of days that can no longer change
    RollupCache rollups;                     // the roll-up across regions, per scope
    performance::AlertBaselines alert_baselines;
    PublicCache public_answers;        // tracking pages and Open311 answers, per region version
    std::atomic<bool> audited{false};  // the audit chains were verified since start (/readyz)
    files::UploadQuota upload_quota;   // per account, from the configuration
    // The record of processing activities (share/privacy/processing-record.json), and the
    // retention it names.
    json::object processing_record;
    int retention_email_days = 30;
};

using AuthedHandler = std::function<http::Response(http::Request&, const identity::Principal&)>;

// Wraps a handler: requires a session or API key, one of `roles` (empty: any staff or citizen),
// the CSRF token on cookie-authenticated writes, and applies the per-account rate limit.
http::Handler Authed(ApiContext& ctx, std::vector<std::string> roles, AuthedHandler handler);

// Where a route of short indexed reads (and at most a write handed to the group commit without a
// waiting thread) runs: on SQLite on the I/O thread, since a read takes microseconds and the hop
// to a worker and back cost ~20% of such a request; on PostgreSQL on a worker, since every query
// there is a network round trip.
http::Run QuickOnSqlite(const ApiContext& ctx);
// Where a route answered through ServePublic runs: tried on the I/O thread on SQLite (a kept
// answer costs one indexed read), on a worker on PostgreSQL.
http::Run PublicReadRun(const ApiContext& ctx);

// The caller, when a session cookie or API key is present (no CSRF or role check).
Result<std::optional<identity::Principal>> Authenticate(ApiContext& ctx, http::Request& req);

// A public answer that depends on nothing but the region's data and its local date (see
// PublicCache): served from ctx.public_answers when current; otherwise `make` computes it, on a
// worker (a route registered Run::kQuickFirst is handed over with Response::ToWorker() first).
// Only 200 answers whose cache-control starts with "public" are kept. Every answer carries the
// version as its ETag, and a request whose If-None-Match holds it gets 304.
http::Response ServePublic(ApiContext& ctx, http::Request& req, const store::TenantId& tenant, int tz_offset_minutes,
                           const std::function<http::Response()>& make);

// Parses a JSON object body (415 unless application/json).
Result<json::object> JsonBody(const http::Request& req);

http::Response Json(int status, const json::value& v);

// A catalog service put by a region's admin from its definition body ({code, name, opd_code,
// active?, ...}): parsed, `check`ed (before anything is written), its OPD found by code, and
// written as a new service or its next version.
Result<catalog::Service> PutServiceFromBody(ApiContext& ctx, const json::object& body, const std::string& kind,
                                            const identity::Principal& p,
                                            const std::function<Status(const catalog::Service&)>& check = {});
http::Response Fail(const http::Request& req, const Error& e);

using performance::IkmSums;

// The region's alerts (performance::EvaluateAlerts) at the context's clock, worded with its names.
Result<int> EvaluateAlerts(ApiContext& ctx, const region::TenantCalendar& cal,
                           const performance::AlertRules& rules = {});

// The command center's numbers for one region, from projections only.
Result<json::object> DashboardSummary(ApiContext& ctx, const std::string& region_code);

void RegisterRoutes(http::Router& router, ApiContext& ctx);
void RegisterAuthRoutes(http::Router& router, ApiContext& ctx);
void RegisterRegionRoutes(http::Router& router, ApiContext& ctx);
void RegisterAuditRoutes(http::Router& router, ApiContext& ctx);
void RegisterCalendarRoutes(http::Router& router, ApiContext& ctx);
void RegisterOpenDataRoutes(http::Router& router, ApiContext& ctx);
void RegisterComplaintRoutes(http::Router& router, ApiContext& ctx);
void RegisterCaseRoutes(http::Router& router, ApiContext& ctx);
void RegisterPrivacyRoutes(http::Router& router, ApiContext& ctx);
void RegisterOpen311Routes(http::Router& router, ApiContext& ctx);
void RegisterTaxRoutes(http::Router& router, ApiContext& ctx);
void RegisterDocumentRoutes(http::Router& router, ApiContext& ctx);
void RegisterPermitRoutes(http::Router& router, ApiContext& ctx);
void RegisterPaymentRoutes(http::Router& router, ApiContext& ctx);
void RegisterDashboardRoutes(http::Router& router, ApiContext& ctx);
void RegisterPlatformRoutes(http::Router& router, ApiContext& ctx);
void RegisterProvinceRoutes(http::Router& router, ApiContext& ctx);
// Puts idempotency keys (the Idempotency-Key header) on every write route registered so far.
void UseIdempotencyKeys(http::Router& router, ApiContext& ctx);

}  // namespace satupintu::api
