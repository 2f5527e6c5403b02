// HTTP requests and responses as plain values, so that handlers never see Boost.Beast.
//
// A Request is owned by the one request being handled; handlers may read and annotate it.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "core/messages.hpp"
#include "http/event_stream.hpp"

namespace satupintu::http {

struct Field {
    std::string name;  // lower-case
    std::string value;
};

// Percent-decodes a URL component; '+' becomes a space when `plus_is_space`. nullopt on a bad
// escape or when the result is not UTF-8.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

class Request {
  public:
    std::string method;  // "GET"
    std::string path;    // decoded, without the query
    std::string query;   // raw, without '?'
    std::vector<Field> headers;
    std::string body;
    std::string remote_ip;
    std::string request_id;
    bool secure = false;                                      // arrived over TLS (directly or via a trusted proxy)
    std::vector<std::pair<std::string, std::string>> params;  // path parameters
    std::string route;                                        // the matched route pattern, for logs
    // True while a Run::kQuickFirst handler is tried on the I/O thread; it may then answer
    // Response::ToWorker() to be called again on a worker.
    bool on_io_thread = false;

    std::string_view Header(std::string_view lower_name) const;
    std::optional<std::string> Query(std::string_view name) const;
    std::optional<std::string> Cookie(std::string_view name) const;
    const std::string& Param(std::string_view name) const;
    Lang lang() const { return LangFromAcceptLanguage(Header("accept-language")); }

    // Set by the API layer once authenticated; read by the access log (an opaque id only).
    std::string log_actor;
};

struct Response;

// A response that is made later, when work handed elsewhere (a write waiting for its group
// commit) has finished: the work calls Resolve exactly once, from any thread, with a function
// that makes the response; that function then runs on the request's own I/O thread.
class Pending {
  public:
    using Make = std::function<Response()>;
    void Resolve(Make make);
    // Called by the server: `ready` gets the maker once there is one (at once if resolved).
    void OnReady(std::function<void(Make)> ready);

  private:
    std::mutex mu_;
    Make make_;
    std::function<void(Make)> ready_;
};

struct Response {
    int status = 200;
    std::string content_type;
    std::vector<Field> headers;
    std::string body;
    // When set, the body is this server-sent event stream (status 200, text/event-stream).
    std::shared_ptr<EventStream> stream;
    // When set, the response is not ready yet: the server answers once this is resolved,
    // holding no thread in between.
    std::shared_ptr<Pending> pending;
    // Set by ToWorker(): not an answer, but a request to be called again on a worker.
    bool to_worker = false;

    void Set(std::string name, std::string value);  // replaces a field of that name
    void Add(std::string name, std::string value);  // one more field of that name (set-cookie)
    std::string_view Get(std::string_view lower_name) const;

    static Response Json(int status, const json::value& v);
    static Response Text(int status, std::string text, std::string content_type = "text/plain; charset=utf-8");
    static Response Later(std::shared_ptr<Pending> pending);
    static Response ToWorker();
};

}  // namespace satupintu::http
