// Configuration: built-in defaults, then a TOML file, then SATUPINTU_* environment variables,
// then command-line flags (each later source wins).
#pragma once

#include <string>

#include "core/result.hpp"
#include "http/server.hpp"
#include "store/store.hpp"

namespace satupintu::app {

struct Config {
    std::string data_dir = "./satupintu-data";  // SQLite folder (also secret.key)
    std::string db_url;                         // postgres://... selects PostgreSQL
    std::string listen = "127.0.0.1:8080";
    std::string web_dir;     // static files; default: <source>/web
    std::string share_dir;   // shipped data (wilayah, geo); default: <source>/data
    std::string secret_key;  // 64 hex digits; default: DATA/secret.key
    std::string log_level = "info";
    int io_threads = 0;
    int worker_threads = 0;  // read pool; 0: one per core
    int writer_threads = 64;
    int db_pool = 16;
    int db_timeout_ms = 15000;  // PostgreSQL: longest wait for an answer (store::StoreOptions)
    size_t max_body_bytes = 1024 * 1024;
    int max_connections = 10000;
    int max_pending = 4096;
    int header_timeout_ms = 10000;
    int body_timeout_ms = 30000;
    bool trust_proxy = false;
    bool hsts = false;
    bool access_log = true;
    double ip_rate_per_s = 100, ip_burst = 200;
    double account_rate_per_s = 50, account_burst = 100;
    int session_idle_minutes = 30;
    int session_absolute_hours = 12;
    std::string smtp_url;  // smtp://host:port for notifications; empty: email stays in the outbox
    std::string mail_from = "SatuPintu <noreply@satupintu.invalid>";
    // The SMS/WhatsApp gateway for one-time codes (see notify::DispatcherOptions); empty: queued.
    std::string sms_url;
    std::string sms_token;
    // A raster tile server drawn under the kecamatan outlines on every map, for example
    // https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty: outlines only.
    std::string tile_url;
    std::string tile_attribution;
    // SLA escalation and auto-close run this often; 0: only on demand.
    int sla_sweep_seconds = 60;
    // Every audit chain is re-verified this often, and always at start; 0: at start only.
    int audit_verify_hours = 24;
    // Per account (0: no limit): uploads waiting to be attached, and uploads and megabytes a day.
    int upload_max_unlinked = 10;
    int upload_max_per_day = 60;
    int upload_max_mb_per_day = 100;
    // Emails kept in the outbox are deleted this many days after they were written (0: kept).
    int retention_email_days = 30;
    // https://layanan.example.go.id, printed in QR codes; empty: http://LISTEN (LISTEN as finally
    // set, --listen included: see PublicUrl).
    std::string public_url;
};

// Reads `path` (if not empty) over the defaults, then the environment.
Result<Config> LoadConfig(const std::string& path);

// The scheme, host and port of a tile URL ("https://tile.openstreetmap.org"); empty if it is not
// an http(s) URL.
std::string TileOrigin(const std::string& tile_url);

// The address citizens reach: `public_url` when set, else http:// and the listen address as it
// finally is (after --listen).
std::string PublicUrl(const Config& c);

// "host:port" -> parts.
Status SplitListen(const std::string& listen, std::string* host, uint16_t* port);

store::StoreOptions StoreOptionsOf(const Config& c);
http::ServerOptions ServerOptionsOf(const Config& c);

}  // namespace satupintu::app
