// The one list of expected failures, and their mapping to HTTP and problem+json codes.
//
// Every fallible operation in SatuPintu reports one of these codes. The code's name is a stable
// string clients may rely on; the HTTP status is decided here and nowhere else.
#pragma once

#include <string_view>

namespace satupintu {

enum class Errc {
    kInvalidInput,           // a field failed validation
    kMalformedJson,          // the body is not JSON
    kInvalidUtf8,            // text that is not UTF-8
    kTooDeep,                // JSON nested beyond the limit
    kUnsupportedMedia,       // wrong Content-Type
    kUnauthenticated,        // no or expired session / key
    kBadCredentials,         // wrong login or password
    kForbidden,              // authenticated, not allowed
    kCsrf,                   // cookie-authenticated write without the CSRF token
    kNotFound,               // no such resource (or one the caller may not see)
    kMethodNotAllowed,       // route exists, method does not
    kConflict,               // unique constraint, already exists
    kPayloadTooLarge,        // body or upload over the limit
    kHeadersTooLarge,        // request header block over the limit
    kRateLimited,            // too many requests
    kIdempotencyReused,      // an Idempotency-Key sent again with another request (422)
    kIdempotencyInProgress,  // the first request with this Idempotency-Key has no answer yet (409)
    kUnavailable,            // shutting down, store overloaded
    kWritesHalted,           // fail-stop: a storage fault or a broken audit chain stopped all writes
    kInternal,               // a bug or an unexpected store failure
};

// Stable snake_case identifier, e.g. "not_found".
std::string_view CodeName(Errc code);
int HttpStatus(Errc code);

}  // namespace satupintu
