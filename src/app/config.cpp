#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include "app/source_dir.hpp"

namespace satupintu::app {

namespace {

template <typename T>
void FromToml(const toml::table& t, std::string_view path, T& out) {
    if (auto v = t.at_path(path).value<T>()) out = *v;
}

void FromEnv(const char* name, std::string& out) {
    if (const char* v = std::getenv(name); v && *v) out = v;
}
template <typename T>
void FromEnvNum(const char* name, T& out) {
    if (const char* v = std::getenv(name); v && *v) out = static_cast<T>(std::strtod(v, nullptr));
}
void FromEnvBool(const char* name, bool& out) {
    if (const char* v = std::getenv(name); v && *v) out = std::string_view(v) == "1" || std::string_view(v) == "true";
}

}  // namespace

Result<Config> LoadConfig(const std::string& path) {
    Config c;
    c.web_dir = std::string(kSourceDir) + "/web";
    c.share_dir = std::string(kSourceDir) + "/data";
    if (!path.empty()) {
        toml::table t;
        try {
            t = toml::parse_file(path);
        } catch (const toml::parse_error& e) {
            return Err(Errc::kInvalidInput, "config " + path + ": " + std::string(e.description()));
        }
        FromToml(t, "store.data", c.data_dir);
        FromToml(t, "store.db", c.db_url);
        FromToml(t, "store.pool", c.db_pool);
        FromToml(t, "store.timeout_ms", c.db_timeout_ms);
        FromToml(t, "server.listen", c.listen);
        FromToml(t, "server.io_threads", c.io_threads);
        FromToml(t, "server.worker_threads", c.worker_threads);
        FromToml(t, "server.writer_threads", c.writer_threads);
        FromToml(t, "server.max_connections", c.max_connections);
        FromToml(t, "server.max_pending", c.max_pending);
        FromToml(t, "server.header_timeout_ms", c.header_timeout_ms);
        FromToml(t, "server.body_timeout_ms", c.body_timeout_ms);
        FromToml(t, "server.trust_proxy", c.trust_proxy);
        FromToml(t, "server.hsts", c.hsts);
        FromToml(t, "server.access_log", c.access_log);
        int64_t body = static_cast<int64_t>(c.max_body_bytes);
        FromToml(t, "server.max_body_bytes", body);
        c.max_body_bytes = static_cast<size_t>(body);
        FromToml(t, "paths.web", c.web_dir);
        FromToml(t, "paths.share", c.share_dir);
        FromToml(t, "security.secret_key", c.secret_key);
        FromToml(t, "security.ip_rate_per_s", c.ip_rate_per_s);
        FromToml(t, "security.ip_burst", c.ip_burst);
        FromToml(t, "security.account_rate_per_s", c.account_rate_per_s);
        FromToml(t, "security.account_burst", c.account_burst);
        FromToml(t, "security.session_idle_minutes", c.session_idle_minutes);
        FromToml(t, "security.session_absolute_hours", c.session_absolute_hours);
        FromToml(t, "log.level", c.log_level);
        FromToml(t, "notify.smtp_url", c.smtp_url);
        FromToml(t, "notify.mail_from", c.mail_from);
        FromToml(t, "notify.sms_url", c.sms_url);
        FromToml(t, "notify.sms_token", c.sms_token);
        FromToml(t, "map.tile_url", c.tile_url);
        FromToml(t, "map.tile_attribution", c.tile_attribution);
        FromToml(t, "cases.sla_sweep_seconds", c.sla_sweep_seconds);
        FromToml(t, "security.audit_verify_hours", c.audit_verify_hours);
        FromToml(t, "security.upload_max_unlinked", c.upload_max_unlinked);
        FromToml(t, "security.upload_max_per_day", c.upload_max_per_day);
        FromToml(t, "security.upload_max_mb_per_day", c.upload_max_mb_per_day);
        FromToml(t, "privacy.retention_email_days", c.retention_email_days);
        FromToml(t, "server.public_url", c.public_url);
    }
    FromEnv("SATUPINTU_DATA", c.data_dir);
    FromEnv("SATUPINTU_DB", c.db_url);
    FromEnv("SATUPINTU_LISTEN", c.listen);
    FromEnv("SATUPINTU_WEB_DIR", c.web_dir);
    FromEnv("SATUPINTU_SHARE_DIR", c.share_dir);
    FromEnv("SATUPINTU_SECRET_KEY", c.secret_key);
    FromEnv("SATUPINTU_LOG_LEVEL", c.log_level);
    FromEnvNum("SATUPINTU_IO_THREADS", c.io_threads);
    FromEnvNum("SATUPINTU_WORKER_THREADS", c.worker_threads);
    FromEnvNum("SATUPINTU_WRITER_THREADS", c.writer_threads);
    FromEnvNum("SATUPINTU_DB_POOL", c.db_pool);
    FromEnvNum("SATUPINTU_DB_TIMEOUT_MS", c.db_timeout_ms);
    FromEnvNum("SATUPINTU_IP_RATE", c.ip_rate_per_s);
    FromEnvNum("SATUPINTU_IP_BURST", c.ip_burst);
    FromEnvNum("SATUPINTU_ACCOUNT_RATE", c.account_rate_per_s);
    FromEnvNum("SATUPINTU_ACCOUNT_BURST", c.account_burst);
    FromEnvNum("SATUPINTU_MAX_CONNECTIONS", c.max_connections);
    FromEnvNum("SATUPINTU_MAX_PENDING", c.max_pending);
    FromEnvBool("SATUPINTU_TRUST_PROXY", c.trust_proxy);
    FromEnvBool("SATUPINTU_HSTS", c.hsts);
    FromEnvBool("SATUPINTU_ACCESS_LOG", c.access_log);
    FromEnv("SATUPINTU_SMTP_URL", c.smtp_url);
    FromEnv("SATUPINTU_MAIL_FROM", c.mail_from);
    FromEnv("SATUPINTU_SMS_URL", c.sms_url);
    FromEnv("SATUPINTU_SMS_TOKEN", c.sms_token);
    FromEnv("SATUPINTU_TILE_URL", c.tile_url);
    FromEnv("SATUPINTU_TILE_ATTRIBUTION", c.tile_attribution);
    FromEnvNum("SATUPINTU_SLA_SWEEP_SECONDS", c.sla_sweep_seconds);
    FromEnvNum("SATUPINTU_AUDIT_VERIFY_HOURS", c.audit_verify_hours);
    FromEnv("SATUPINTU_PUBLIC_URL", c.public_url);
    while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
    if (!c.tile_url.empty() &&
        (TileOrigin(c.tile_url).empty() || c.tile_url.find("{z}") == std::string::npos ||
         c.tile_url.find("{x}") == std::string::npos || c.tile_url.find("{y}") == std::string::npos ||
         c.tile_url.find_first_of(" \"'<>;") != std::string::npos)) {
        return Err(
            Errc::kInvalidInput,
            "map.tile_url: an http(s) URL with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    }
    return c;
}

std::string TileOrigin(const std::string& tile_url) {
    const auto scheme = tile_url.find("://");
    if (scheme == std::string::npos || !(tile_url.starts_with("https://") || tile_url.starts_with("http://")))
        return "";
    const auto path = tile_url.find('/', scheme + 3);
    const std::string origin = tile_url.substr(0, path);
    return origin.size() > scheme + 3 ? origin : "";
}

std::string PublicUrl(const Config& c) {
    return c.public_url.empty() ? "http://" + c.listen : c.public_url;
}

Status SplitListen(const std::string& listen, std::string* host, uint16_t* port) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) return Err(Errc::kInvalidInput, "listen must be HOST:PORT");
    *host = listen.substr(0, colon);
    if (host->size() > 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
    if (*host == "localhost") *host = "127.0.0.1";
    const long p = std::strtol(listen.c_str() + colon + 1, nullptr, 10);
    if (p < 0 || p > 65535) return Err(Errc::kInvalidInput, "port out of range");
    *port = static_cast<uint16_t>(p);
    return Status::Ok();
}

store::StoreOptions StoreOptionsOf(const Config& c) {
    store::StoreOptions o;
    o.data_dir = c.data_dir;
    o.postgres_url = c.db_url;
    o.pool_size = c.db_pool;
    o.pg_io_timeout_ms = c.db_timeout_ms;
    return o;
}

http::ServerOptions ServerOptionsOf(const Config& c) {
    http::ServerOptions o;
    (void)SplitListen(c.listen, &o.host, &o.port);
    o.io_threads = c.io_threads;
    o.worker_threads = c.worker_threads;
    o.writer_threads = c.writer_threads;
    o.max_body_bytes = c.max_body_bytes;
    o.max_connections = c.max_connections;
    o.max_pending = c.max_pending;
    o.header_timeout_ms = c.header_timeout_ms;
    o.body_timeout_ms = c.body_timeout_ms;
    o.trust_proxy = c.trust_proxy;
    o.hsts = c.hsts;
    o.access_log = c.access_log;
    o.ip_rate_per_s = c.ip_rate_per_s;
    o.ip_burst = c.ip_burst;
    o.img_origin = TileOrigin(c.tile_url);
    return o;
}

}  // namespace satupintu::app
