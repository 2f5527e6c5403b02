// Maps (method, path) to a handler. Patterns are literal segments, `{name}` parameters, and a
// final `{*name}` that takes the rest of the path. Built at start-up, then read-only and safe to
// share between threads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace satupintu::http {

using Handler = std::function<Response(Request&)>;

enum class Run {
    kWorker,      // may block (database, hashing): runs on the worker pool
    kInline,      // never blocks, allocates little: runs on the I/O thread
    kQuick,       // short indexed reads, a write handed over (Response::Later): on the I/O thread
    kQuickFirst,  // tried on the I/O thread (an answer kept in a cache); Response::ToWorker() moves it
};

class Router {
  public:
    void Add(std::string method, std::string pattern, Handler handler, Run run = Run::kWorker);
    // Replaces every registered handler with wrap(method, pattern, handler): a layer over the
    // whole table (the idempotency keys of write routes), applied once at start-up.
    void Wrap(const std::function<Handler(const std::string&, const std::string&, Handler)>& wrap);

    struct Match {
        const Handler* handler = nullptr;  // null: see `allowed`
        Run run = Run::kWorker;
        std::string pattern;
        std::vector<std::pair<std::string, std::string>> params;
        std::vector<std::string> allowed;  // methods for this path when handler is null (405)
    };
    Match Find(const std::string& method, const std::string& path) const;

    // Every registered (method, pattern), in registration order: what the API contract
    // (web/static/openapi.json) and the security sweep are checked against.
    std::vector<std::pair<std::string, std::string>> Routes() const;

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        Run run;
    };
    static bool MatchPath(const Route& r, const std::vector<std::string_view>& segs,
                          std::vector<std::pair<std::string, std::string>>* params);
    std::vector<Route> routes_;
};

}  // namespace satupintu::http
