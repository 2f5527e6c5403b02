// Errors as RFC 9457 problem details (application/problem+json), in the caller's language.
#pragma once

#include "core/result.hpp"
#include "http/message.hpp"

namespace satupintu::http {

// {"type":"urn:satupintu:problem:<code>","title":<catalog text>,"status":N,"code":"<code>",
//  "detail":..., "field":...}. The request id travels in the X-Request-Id header, so that two
// answers to the same failure are byte-identical (a 404 must not reveal whether an id exists).
Response Problem(const Request& req, const Error& error);
Response Problem(const Request& req, Errc code, std::string detail = {});
// 503 with Retry-After: 1 for a request refused because the server is over its load limits
// (not logged as a failure: under overload that would be one error line per request).
Response Overloaded(const Request& req);

}  // namespace satupintu::http
