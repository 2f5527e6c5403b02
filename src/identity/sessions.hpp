// Server-side sessions. The cookie carries a random token; the store keeps only its SHA-256,
// so a leaked database does not yield live sessions. A session ends after `idle_ms` without use
// or `absolute_ms` after login, whichever is first.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "identity/principal.hpp"
#include "store/store.hpp"

namespace satupintu::identity {

struct SessionPolicy {
    int64_t idle_ms = 30 * 60 * 1000;
    int64_t absolute_ms = 12 * 60 * 60 * 1000;
    int64_t touch_every_ms = 60 * 1000;  // last_seen is written at most this often
};

struct NewSession {
    std::string token;  // goes into the cookie, nowhere else
    std::string csrf_token;
};

// Creates a session for the user and appends "session.started".
Result<NewSession> StartSession(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id,
                                int64_t now_ms);
// Ends the session with this token, if any, and appends "session.ended".
Status EndSession(store::WriteTx& tx, const std::string& token, int64_t now_ms);

struct SessionLookup {
    Principal principal;
    bool needs_touch = false;
};
// The live session for `token`, or nullopt when unknown, expired or its user is disabled.
Result<std::optional<SessionLookup>> FindSession(store::ReadTx& tx, const std::string& token, int64_t now_ms,
                                                 const SessionPolicy& policy);
Status TouchSession(store::WriteTx& tx, const std::string& token, int64_t now_ms);

}  // namespace satupintu::identity
