// Notifications through an outbox: a message is written in the same transaction as the change
// that causes it, so that no change goes unannounced and no message announces a change that
// was rolled back. A Dispatcher thread sends due messages (email over SMTP, webhooks signed
// with HMAC-SHA256, SMS and WhatsApp through a gateway) and retries failures with exponential
// backoff; rows survive restarts.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::notify {

struct Message {
    std::string channel;  // "email", "webhook", "sms" or "whatsapp"
    std::string target;   // an address, a webhook id, or a phone number (+62...)
    std::string subject;
    std::string body;  // plain text (email) or JSON (webhook)
};

Status Enqueue(store::WriteTx& tx, const store::TenantId& tenant, const Message& m, int64_t now_ms);

// One email per address; and one webhook message per subscription of the tenant.
Status EnqueueEmails(store::WriteTx& tx, const store::TenantId& tenant, const std::vector<std::string>& to,
                     const std::string& subject, const std::string& body, int64_t now_ms);
Status EnqueueWebhooks(store::WriteTx& tx, const store::TenantId& tenant, const std::string& event_type,
                       const std::string& json_body, int64_t now_ms);

Status AddWebhook(store::WriteTx& tx, const store::TenantId& tenant, const std::string& url, const std::string& secret,
                  int64_t now_ms, const std::string& actor);

struct DispatcherOptions {
    std::string smtp_url;  // smtp://host:port; empty: email stays queued
    std::string mail_from = "SatuPintu <noreply@satupintu.invalid>";
    // The SMS/WhatsApp gateway: an http(s) URL that takes a JSON POST {"channel", "to", "text"}
    // (with `Authorization: Bearer sms_token` when set) and answers 2xx once it has the message;
    // or file:///path, a local sink that appends each message as a JSON line (development, tests).
    // Empty: SMS and WhatsApp messages stay queued.
    std::string sms_url;
    std::string sms_token;
    int poll_ms = 500;
    int max_attempts = 12;  // then the row is left with its last error for an operator
    int timeout_ms = 10000;
};

// The delay before attempt n+1 after n failures: 2^n seconds, at most one hour.
int64_t BackoffMs(int attempts);

class Dispatcher {
  public:
    Dispatcher(store::Store& store, const Clock& clock, DispatcherOptions options);
    ~Dispatcher();
    void Start();
    void Stop();
    // Sends every due message once (used by the thread and by tests). Returns how many were sent.
    Result<int> RunOnce();
    // Sends one email now, outside the outbox: for an alarm when the store takes no writes.
    // Fails when no SMTP relay is configured.
    Status SendEmailNow(const std::string& to, const std::string& subject, const std::string& body);

  private:
    Status Send(const std::string& tenant, const std::string& channel, const std::string& target,
                const std::string& subject, const std::string& body);
    Status SendToGateway(const std::string& channel, const std::string& to, const std::string& text);

    store::Store& store_;
    const Clock& clock_;
    DispatcherOptions options_;
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::mutex sink_mu_;  // the file sink's lines never interleave
};

}  // namespace satupintu::notify
