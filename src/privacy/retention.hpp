// Retention (UU 27/2022: personal data kept no longer than its purpose needs): the maintenance
// sweep deletes what has served its purpose, in every region, with one audit event per region
// that lost something.
//
// - Emails kept in the outbox (they hold names, case numbers and one-time links) once they are
//   `email_days` old (the sender gives up on one within days).
// - Session rows past the longest a session can live (they say when a person was signed in).
// - Registrations never confirmed, once their link has expired, and unused password reset links
//   once expired.
#pragma once

#include <cstdint>

#include "store/store.hpp"

namespace satupintu::privacy {

struct RetentionPolicy {
    int email_days = 30;         // 0: emails are kept
    int64_t session_max_ms = 0;  // the absolute session lifetime; rows older than it go
};

struct Retained {
    int64_t emails = 0;
    int64_t sessions = 0;
    int64_t registrations = 0;
    int64_t reset_links = 0;
    int64_t phone_codes = 0;  // one-time codes past their ten minutes
};

Result<Retained> ApplyRetention(store::Store& store, const RetentionPolicy& policy, int64_t now_ms);

}  // namespace satupintu::privacy
