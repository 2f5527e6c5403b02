#include "http/problem.hpp"

#include "core/log.hpp"

namespace satupintu::http {

namespace {

Response Build(const Request& req, const Error& error) {
    const std::string code(CodeName(error.code));
    const Lang lang = req.lang();
    json::object o;
    o["type"] = "urn:satupintu:problem:" + code;
    o["title"] = Message("error." + code, lang);
    o["status"] = HttpStatus(error.code);
    o["code"] = code;
    // People read `detail` and `errors` (the caller's language); a check not yet worded for
    // people keeps the developer's English words in `hint` for a reader of Indonesian.
    const bool internal = error.code == Errc::kInternal;
    json::array errors;
    std::string detail;
    for (const auto& p : error.problems) {
        std::string message = Format(p.key, lang, p.params);
        if (!detail.empty()) detail += ' ';
        detail += message;
        errors.push_back(json::object{{"field", p.field}, {"message", std::move(message)}});
    }
    if (error.problems.empty() && !error.detail.empty() && !internal) {
        if (lang == Lang::kEn) {
            detail = error.detail;
        } else {
            o["hint"] = error.detail;
        }
    }
    if (error.problems.empty() && !error.field.empty()) {
        errors.push_back(json::object{{"field", error.field}, {"message", Message("error.field_invalid", lang)}});
    }
    if (!detail.empty()) o["detail"] = std::move(detail);
    if (!error.field.empty()) o["field"] = error.field;
    if (!errors.empty()) o["errors"] = std::move(errors);
    Response r{HttpStatus(error.code), "application/problem+json; charset=utf-8", {}, ToJson(o)};
    r.Set("content-language", lang == Lang::kEn ? "en" : "id");
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
