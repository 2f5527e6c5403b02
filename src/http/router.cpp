#include "http/router.hpp"

#include <algorithm>

namespace satupintu::http {

namespace {
std::vector<std::string_view> Split(std::string_view path) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        const size_t j = path.find('/', i);
        out.push_back(path.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
        if (j == std::string_view::npos) break;
        i = j;
    }
    return out;
}

int HexVal(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = HexVal(s[i + 1]), lo = HexVal(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (plus_is_space && s[i] == '+') {
            out.push_back(' ');
        } else {
            out.push_back(s[i]);
        }
    }
    if (!IsValidUtf8(out)) return std::nullopt;
    return out;
}

std::string_view Request::Header(std::string_view lower_name) const {
    for (const auto& f : headers) {
        if (f.name == lower_name) return f.value;
    }
    return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
    std::string_view q = query;
    while (!q.empty()) {
        const size_t amp = q.find('&');
        std::string_view pair = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
        const size_t eq = pair.find('=');
        auto key = PercentDecode(pair.substr(0, eq), true);
        if (!key || *key != name) continue;
        if (eq == std::string_view::npos) return std::string{};
        return PercentDecode(pair.substr(eq + 1), true);
    }
    return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    std::string_view c = Header("cookie");
    while (!c.empty()) {
        const size_t semi = c.find(';');
        std::string_view pair = c.substr(0, semi);
        c = semi == std::string_view::npos ? std::string_view{} : c.substr(semi + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        const size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
    return std::nullopt;
}

const std::string& Request::Param(std::string_view name) const {
    static const std::string kEmpty;
    for (const auto& [k, v] : params) {
        if (k == name) return v;
    }
    return kEmpty;
}

void Response::Set(std::string name, std::string value) {
    for (auto& f : headers) {
        if (f.name == name) {
            f.value = std::move(value);
            return;
        }
    }
    headers.push_back({std::move(name), std::move(value)});
}

void Response::Add(std::string name, std::string value) {
    headers.push_back({std::move(name), std::move(value)});
}

std::string_view Response::Get(std::string_view lower_name) const {
    for (const auto& f : headers) {
        if (f.name == lower_name) return f.value;
    }
    return {};
}

Response Response::Json(int status, const json::value& v) {
    return Response{status, "application/json; charset=utf-8", {}, ToJson(v)};
}

Response Response::ToWorker() {
    Response r;
    r.to_worker = true;
    return r;
}

Response Response::Later(std::shared_ptr<Pending> pending) {
    Response r;
    r.pending = std::move(pending);
    return r;
}

void Pending::Resolve(Make make) {
    std::unique_lock lock(mu_);
    if (!ready_) {
        make_ = std::move(make);
        return;
    }
    auto ready = std::move(ready_);
    lock.unlock();
    ready(std::move(make));
}

void Pending::OnReady(std::function<void(Make)> ready) {
    std::unique_lock lock(mu_);
    if (!make_) {
        ready_ = std::move(ready);
        return;
    }
    auto make = std::move(make_);
    lock.unlock();
    ready(std::move(make));
}

Response Response::Text(int status, std::string text, std::string content_type) {
    return Response{status, std::move(content_type), {}, std::move(text)};
}

void Router::Add(std::string method, std::string pattern, Handler handler, Run run) {
    Route r{std::move(method), pattern, {}, std::move(handler), run};
    for (auto s : Split(pattern)) r.segments.emplace_back(s);
    routes_.push_back(std::move(r));
}

void Router::Wrap(const std::function<Handler(const std::string&, const std::string&, Handler)>& wrap) {
    for (auto& r : routes_) r.handler = wrap(r.method, r.pattern, std::move(r.handler));
}

bool Router::MatchPath(const Route& r, const std::vector<std::string_view>& segs,
                       std::vector<std::pair<std::string, std::string>>* params) {
    params->clear();
    size_t i = 0;
    for (; i < r.segments.size(); ++i) {
        const std::string& p = r.segments[i];
        if (p.size() > 3 && p[0] == '{' && p[1] == '*') {
            if (i >= segs.size()) return false;
            std::string rest;
            for (size_t j = i; j < segs.size(); ++j) {
                if (j > i) rest.push_back('/');
                rest.append(segs[j]);
            }
            params->emplace_back(p.substr(2, p.size() - 3), std::move(rest));
            return true;
        }
        if (i >= segs.size()) return false;
        if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
            params->emplace_back(p.substr(1, p.size() - 2), std::string(segs[i]));
        } else if (p != segs[i]) {
            return false;
        }
    }
    return i == segs.size();
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(routes_.size());
    for (const Route& r : routes_) out.emplace_back(r.method, r.pattern);
    return out;
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
    Match m;
    const auto segs = Split(path);
    std::vector<std::pair<std::string, std::string>> params;
    for (const Route& r : routes_) {
        if (!MatchPath(r, segs, &params)) continue;
        if (r.method == method || (method == "HEAD" && r.method == "GET" && !m.handler)) {
            m.handler = &r.handler;
            m.run = r.run;
            m.pattern = r.pattern;
            m.params = params;
            if (r.method == method) return m;
        }
        if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) m.allowed.push_back(r.method);
        // A GET route serves HEAD too, and Allow says so (RFC 9110).
        if (r.method == "GET" && std::find(m.allowed.begin(), m.allowed.end(), "HEAD") == m.allowed.end())
            m.allowed.push_back("HEAD");
    }
    return m;
}

}  // namespace satupintu::http
