#include "http/problem.hpp"

#include "core/log.hpp"

namespace satupintu::http {

namespace {

Response Build(const Request& req, const Error& error) {
    const std::string code(CodeName(error.code));
    json::object o;
    o["type"] = "urn:satupintu:problem:" + code;
    o["title"] = Message("error." + code, req.lang());
    o["status"] = HttpStatus(error.code);
    o["code"] = code;
    if (!error.detail.empty() && error.code != Errc::kInternal) o["detail"] = error.detail;
    if (!error.field.empty()) o["field"] = error.field;
    Response r{HttpStatus(error.code), "application/problem+json; charset=utf-8", {}, ToJson(o)};
    r.Set("content-language", req.lang() == Lang::kEn ? "en" : "id");
    return r;
}

}  // namespace

Response Problem(const Request& req, const Error& error) {
    // Internal details stay in the server log; the client learns only that it failed.
    if (error.code == Errc::kInternal || error.code == Errc::kUnavailable || error.code == Errc::kWritesHalted) {
        log::Error("request failed", {{"request_id", req.request_id}, {"route", req.route}, {"detail", error.detail}});
    }
    return Build(req, error);
}

Response Overloaded(const Request& req) {
    Response r = Build(req, Err(Errc::kUnavailable));
    r.Set("retry-after", "1");
    return r;
}

Response Problem(const Request& req, Errc code, std::string detail) {
    return Problem(req, Err(code, std::move(detail)));
}

}  // namespace satupintu::http
