#include "core/errc.hpp"

namespace satupintu {

std::string_view CodeName(Errc code) {
    switch (code) {
        case Errc::kInvalidInput:
            return "invalid_input";
        case Errc::kMalformedJson:
            return "malformed_json";
        case Errc::kInvalidUtf8:
            return "invalid_utf8";
        case Errc::kTooDeep:
            return "too_deep";
        case Errc::kUnsupportedMedia:
            return "unsupported_media_type";
        case Errc::kUnauthenticated:
            return "unauthenticated";
        case Errc::kBadCredentials:
            return "bad_credentials";
        case Errc::kForbidden:
            return "forbidden";
        case Errc::kCsrf:
            return "csrf_token_invalid";
        case Errc::kNotFound:
            return "not_found";
        case Errc::kMethodNotAllowed:
            return "method_not_allowed";
        case Errc::kConflict:
            return "conflict";
        case Errc::kPayloadTooLarge:
            return "payload_too_large";
        case Errc::kIdempotencyReused:
            return "idempotency_key_reused";
        case Errc::kIdempotencyInProgress:
            return "idempotency_in_progress";
        case Errc::kHeadersTooLarge:
            return "headers_too_large";
        case Errc::kRateLimited:
            return "rate_limited";
        case Errc::kUnavailable:
            return "unavailable";
        case Errc::kWritesHalted:
            return "writes_halted";
        case Errc::kInternal:
            return "internal";
    }
    return "internal";
}

int HttpStatus(Errc code) {
    switch (code) {
        case Errc::kInvalidInput:
        case Errc::kMalformedJson:
        case Errc::kInvalidUtf8:
        case Errc::kTooDeep:
            return 400;
        case Errc::kUnsupportedMedia:
            return 415;
        case Errc::kUnauthenticated:
        case Errc::kBadCredentials:
            return 401;
        case Errc::kForbidden:
        case Errc::kCsrf:
            return 403;
        case Errc::kNotFound:
            return 404;
        case Errc::kMethodNotAllowed:
            return 405;
        case Errc::kConflict:
        case Errc::kIdempotencyInProgress:
            return 409;
        case Errc::kIdempotencyReused:
            return 422;
        case Errc::kPayloadTooLarge:
            return 413;
        case Errc::kHeadersTooLarge:
            return 431;
        case Errc::kRateLimited:
            return 429;
        case Errc::kUnavailable:
        case Errc::kWritesHalted:
            return 503;
        case Errc::kInternal:
            return 500;
    }
    return 500;
}

}  // namespace satupintu
