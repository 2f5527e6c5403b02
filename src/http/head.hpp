// A request's head as the router sees it, from the head Beast parsed: the one place that decides
// which request targets and headers reach a handler (the server calls it for every request, the
// http_head fuzz target for any bytes).
#pragma once

#include <boost/beast/http/message.hpp>
#include <string_view>

#include "http/message.hpp"

namespace satupintu::http {

// Fills the method, the path (percent-decoded, UTF-8, without NUL and without "." or ".."
// segments), the raw query and the headers (names in lower case). Behind a trusted proxy the
// client's address and scheme come from X-Forwarded-For (its last entry) and X-Forwarded-Proto.
// False when the target is not a path, or when an HTTP/1.1 request names no Host
// (RFC 9112 section 3.2): the caller answers 400.
bool ReadHead(const boost::beast::http::request_header<>& head, bool trust_proxy, Request& req);

// True when a path has a "." or ".." segment.
bool HasDotSegment(std::string_view path);

}  // namespace satupintu::http
