#include "notify/outbox.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <fstream>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/problems.hpp"
#include "events/event_log.hpp"

namespace satupintu::notify {

namespace {
using store::GlobalSql;
using store::TenantSql;

constexpr TenantSql kInsert{
    "INSERT INTO outbox(tenant, id, channel, target, subject, body, attempts, next_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7)"};
constexpr TenantSql kWebhookIds{"SELECT id FROM webhooks WHERE tenant = $1 ORDER BY id"};
constexpr TenantSql kWebhook{"SELECT url, secret FROM webhooks WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kInsertWebhook{
    "INSERT INTO webhooks(tenant, id, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)"};
// $3: a channel not to take (email, when no relay is configured: it would fill every page).
constexpr GlobalSql kDue{
    "SELECT tenant, id, channel, target, subject, body, attempts, next_at FROM outbox "
    "WHERE channel = $3 AND sent_at IS NULL AND next_at <= $1 AND attempts < $2 ORDER BY next_at LIMIT 50"};
// Claims a row for a lease, so that two nodes never send the same message at once.
constexpr TenantSql kClaim{
    "UPDATE outbox SET next_at = $3 WHERE tenant = $1 AND id = $2 AND next_at = $4 AND sent_at IS NULL"};
constexpr TenantSql kSent{"UPDATE outbox SET sent_at = $3, attempts = attempts + 1 WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kFailed{
    "UPDATE outbox SET attempts = attempts + 1, next_at = $3, last_error = $4 WHERE tenant = $1 AND id = $2"};

constexpr int64_t kLeaseMs = 120000;

struct Upload {
    std::string data;
    size_t pos = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t n, void* user) {
    auto* u = static_cast<Upload*>(user);
    const size_t len = std::min(size * n, u->data.size() - u->pos);
    std::copy_n(u->data.data() + u->pos, len, buffer);
    u->pos += len;
    return len;
}

size_t Discard(char*, size_t size, size_t n, void*) {
    return size * n;
}

// RFC 2047 encoded-word for a UTF-8 header value.
std::string EncodeHeader(const std::string& text) {
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
    if (ascii) return text;
    std::string b64;
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0;
    for (; i + 2 < text.size(); i += 3) {
        const uint32_t v = (uint8_t(text[i]) << 16) | (uint8_t(text[i + 1]) << 8) | uint8_t(text[i + 2]);
        for (int s = 18; s >= 0; s -= 6) b64 += kAlphabet[(v >> s) & 63];
    }
    if (i < text.size()) {
        uint32_t v = uint8_t(text[i]) << 16;
        if (i + 1 < text.size()) v |= uint8_t(text[i + 1]) << 8;
        b64 += kAlphabet[(v >> 18) & 63];
        b64 += kAlphabet[(v >> 12) & 63];
        b64 += i + 1 < text.size() ? kAlphabet[(v >> 6) & 63] : '=';
        b64 += '=';
    }
    return "=?UTF-8?B?" + b64 + "?=";
}

// Strips CR/LF so that a value can never add a header line.
std::string OneLine(std::string s) {
    std::replace(s.begin(), s.end(), '\r', ' ');
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

struct CurlHandle {
    CURL* h = curl_easy_init();
    curl_slist* list = nullptr;
    ~CurlHandle() {
        if (list) curl_slist_free_all(list);
        if (h) curl_easy_cleanup(h);
    }
};

}  // namespace

Status Enqueue(store::WriteTx& tx, const store::TenantId& tenant, const Message& m, int64_t now_ms) {
    SP_TRY(tx.Put(kInsert, tenant, NewId(), m.channel, m.target, m.subject, m.body, now_ms));
    return Status::Ok();
}

Status EnqueueEmails(store::WriteTx& tx, const store::TenantId& tenant, const std::vector<std::string>& to,
                     const std::string& subject, const std::string& body, int64_t now_ms) {
    for (const auto& address : to) SP_TRY(Enqueue(tx, tenant, {"email", address, subject, body}, now_ms));
    return Status::Ok();
}

Status EnqueueWebhooks(store::WriteTx& tx, const store::TenantId& tenant, const std::string& event_type,
                       const std::string& json_body, int64_t now_ms) {
    SP_ASSIGN(auto rows, tx.Query(kWebhookIds, tenant));
    for (const auto& r : rows) SP_TRY(Enqueue(tx, tenant, {"webhook", r.Text(0), event_type, json_body}, now_ms));
    return Status::Ok();
}

Status AddWebhook(store::WriteTx& tx, const store::TenantId& tenant, const std::string& url, const std::string& secret,
                  int64_t now_ms, const std::string& actor) {
    if (!(url.starts_with("https://") || url.starts_with("http://")) || url.size() > 500 ||
        url.find_first_of(" \r\n") != std::string::npos) {
        return Invalid("url", "input.webhook_url");
    }
    if (secret.size() != 64 || !crypto::HexDecode(secret)) return Invalid("secret", "input.webhook_secret");
    const std::string id = NewId();
    SP_TRY(tx.Exec(kInsertWebhook, tenant, id, url, secret, now_ms));
    SP_TRY(events::Append(tx, tenant, now_ms, {"webhook.created", actor, "webhook:" + id, {{"url", url}}}));
    return Status::Ok();
}

int64_t BackoffMs(int attempts) {
    return std::min<int64_t>(int64_t{1000} << std::min(attempts, 12), 3600000);
}

Dispatcher::Dispatcher(store::Store& store, const Clock& clock, DispatcherOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

Dispatcher::~Dispatcher() {
    Stop();
}

void Dispatcher::Start() {
    if (thread_.joinable()) return;
    thread_ = std::thread([this] {
        std::unique_lock lock(mu_);
        while (!stop_) {
            lock.unlock();
            if (auto r = RunOnce(); !r) log::Warn("outbox", {{"error", r.error().detail}});
            lock.lock();
            cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms), [this] { return stop_; });
        }
    });
}

void Dispatcher::Stop() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

Result<int> Dispatcher::RunOnce() {
    const int64_t now = clock_.NowMs();
    store::Rows due;
    SP_TRY(store_.Read([&](store::ReadTx& tx) -> Status {
        // Only channels this node can send: without an SMTP relay, email waits for a node that has
        // one; without a gateway, so do SMS and WhatsApp messages.
        for (const std::string_view channel : {"webhook", "email", "sms", "whatsapp"}) {
            if (channel == "email" && options_.smtp_url.empty()) continue;
            if ((channel == "sms" || channel == "whatsapp") && options_.sms_url.empty()) continue;
            SP_ASSIGN(auto rows, tx.Query(kDue, now, options_.max_attempts, std::string(channel)));
            for (auto& r : rows) due.push_back(std::move(r));
        }
        return Status::Ok();
    }));
    int sent = 0;
    for (const auto& row : due) {
        const store::TenantId tenant(row.Text(0));
        const std::string id = row.Text(1);
        const std::string channel = row.Text(2);
        int64_t claimed = 0;
        SP_TRY(store_.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(claimed, tx.Exec(kClaim, tenant, id, now + kLeaseMs, row.Int(7)));
            return Status::Ok();
        }));
        if (claimed != 1) continue;
        const Status st = Send(tenant.code(), channel, row.Text(3), row.Text(4), row.Text(5));
        const int attempts = static_cast<int>(row.Int(6));
        SP_TRY(store_.Write([&](store::WriteTx& tx) -> Status {
            if (st) {
                SP_TRY(tx.Exec(kSent, tenant, id, clock_.NowMs()));
            } else {
                SP_TRY(tx.Exec(kFailed, tenant, id, clock_.NowMs() + BackoffMs(attempts), st.error().detail));
            }
            return Status::Ok();
        }));
        if (st) {
            ++sent;
        } else {
            log::Warn("outbox send failed", {{"channel", channel}, {"attempt", attempts + 1}});
        }
    }
    return sent;
}

Status Dispatcher::SendEmailNow(const std::string& to, const std::string& subject, const std::string& body) {
    if (options_.smtp_url.empty()) return Err(Errc::kUnavailable, "no SMTP relay configured (notify.smtp_url)");
    return Send("", "email", to, subject, body);
}

Status Dispatcher::SendToGateway(const std::string& channel, const std::string& to, const std::string& text) {
    const std::string message = json::serialize(json::object{{"channel", channel}, {"to", to}, {"text", text}});
    if (options_.sms_url.starts_with("file://")) {
        // The local sink: one JSON line per message, appended.
        std::lock_guard lock(sink_mu_);
        std::ofstream out(options_.sms_url.substr(7), std::ios::app | std::ios::binary);
        out << message << '\n';
        out.flush();
        if (!out) return Err(Errc::kUnavailable, "cannot append to " + options_.sms_url);
        return Status::Ok();
    }
    CurlHandle curl;
    if (!curl.h) return Err(Errc::kInternal, "curl init failed");
    curl_easy_setopt(curl.h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
    curl_easy_setopt(curl.h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.h, CURLOPT_WRITEFUNCTION, Discard);
    curl.list = curl_slist_append(curl.list, "Content-Type: application/json");
    if (!options_.sms_token.empty())
        curl.list = curl_slist_append(curl.list, ("Authorization: Bearer " + OneLine(options_.sms_token)).c_str());
    curl_easy_setopt(curl.h, CURLOPT_URL, options_.sms_url.c_str());
    curl_easy_setopt(curl.h, CURLOPT_HTTPHEADER, curl.list);
    curl_easy_setopt(curl.h, CURLOPT_POSTFIELDS, message.c_str());
    curl_easy_setopt(curl.h, CURLOPT_POSTFIELDSIZE, static_cast<long>(message.size()));
    const CURLcode rc = curl_easy_perform(curl.h);
    if (rc != CURLE_OK) return Err(Errc::kUnavailable, curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(curl.h, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) return Err(Errc::kUnavailable, "gateway answered " + std::to_string(status));
    return Status::Ok();
}

Status Dispatcher::Send(const std::string& tenant, const std::string& channel, const std::string& target,
                        const std::string& subject, const std::string& body) {
    if (channel == "sms" || channel == "whatsapp") return SendToGateway(channel, target, body);
    CurlHandle curl;
    if (!curl.h) return Err(Errc::kInternal, "curl init failed");
    curl_easy_setopt(curl.h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
    curl_easy_setopt(curl.h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.h, CURLOPT_WRITEFUNCTION, Discard);
    Upload upload;
    if (channel == "email") {
        upload.data = "Date: " + IsoUtc(clock_.NowMs()) + "\r\nFrom: " + options_.mail_from +
                      "\r\nTo: " + OneLine(target) + "\r\nSubject: " + EncodeHeader(OneLine(subject)) +
                      "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                      "Content-Transfer-Encoding: 8bit\r\n\r\n";
        for (const char c : body) {
            if (c == '\n')
                upload.data += "\r\n";
            else if (c != '\r')
                upload.data += c;
        }
        upload.data += "\r\n";
        std::string from = options_.mail_from;
        if (const auto lt = from.find('<'); lt != std::string::npos)
            from = from.substr(lt + 1, from.find('>') - lt - 1);
        curl.list = curl_slist_append(curl.list, target.c_str());
        curl_easy_setopt(curl.h, CURLOPT_URL, options_.smtp_url.c_str());
        curl_easy_setopt(curl.h, CURLOPT_MAIL_FROM, ("<" + from + ">").c_str());
        curl_easy_setopt(curl.h, CURLOPT_MAIL_RCPT, curl.list);
        curl_easy_setopt(curl.h, CURLOPT_READFUNCTION, ReadUpload);
        curl_easy_setopt(curl.h, CURLOPT_READDATA, &upload);
        curl_easy_setopt(curl.h, CURLOPT_UPLOAD, 1L);
    } else if (channel == "webhook") {
        std::string url, secret;
        SP_TRY(store_.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(auto row, tx.QueryOne(kWebhook, store::TenantId(tenant), target));
            if (!row) return Err(Errc::kNotFound, "webhook removed");
            url = row->Text(0);
            secret = row->Text(1);
            return Status::Ok();
        }));
        crypto::Key32 key{};
        const auto raw = crypto::HexDecode(secret).value_or(std::string(32, '\0'));
        std::copy_n(raw.begin(), std::min(raw.size(), key.size()), key.begin());
        const std::string ts = std::to_string(clock_.NowMs() / 1000);
        const std::string signature = "sha256=" + crypto::HmacSha256Hex(key, ts + "." + body);
        curl.list = curl_slist_append(curl.list, "Content-Type: application/json");
        curl.list = curl_slist_append(curl.list, ("X-SatuPintu-Event: " + OneLine(subject)).c_str());
        curl.list = curl_slist_append(curl.list, ("X-SatuPintu-Timestamp: " + ts).c_str());
        curl.list = curl_slist_append(curl.list, ("X-SatuPintu-Signature: " + signature).c_str());
        curl_easy_setopt(curl.h, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl.h, CURLOPT_HTTPHEADER, curl.list);
        curl_easy_setopt(curl.h, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(curl.h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    } else {
        return Err(Errc::kInvalidInput, "unknown channel " + channel);
    }
    const CURLcode rc = curl_easy_perform(curl.h);
    if (rc != CURLE_OK) return Err(Errc::kUnavailable, curl_easy_strerror(rc));
    if (channel == "webhook") {
        long status = 0;
        curl_easy_getinfo(curl.h, CURLINFO_RESPONSE_CODE, &status);
        if (status < 200 || status >= 300) return Err(Errc::kUnavailable, "webhook answered " + std::to_string(status));
    }
    return Status::Ok();
}

}  // namespace satupintu::notify
