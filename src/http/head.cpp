#include "http/head.hpp"

#include <algorithm>
#include <cctype>

namespace satupintu::http {

namespace bhttp = boost::beast::http;

bool HasDotSegment(std::string_view path) {
    size_t i = 0;
    while (i <= path.size()) {
        const size_t j = std::min(path.find('/', i), path.size());
        const auto seg = path.substr(i, j - i);
        if (seg == ".." || seg == ".") return true;
        i = j + 1;
    }
    return false;
}

bool ReadHead(const bhttp::request_header<>& head, bool trust_proxy, Request& req) {
    if (head.version() >= 11 && head[bhttp::field::host].empty()) return false;
    req.method = std::string(head.method_string());
    const std::string_view target = head.target();
    if (target.empty() || target.front() != '/') return false;
    const size_t q = target.find('?');
    auto path = PercentDecode(target.substr(0, q), false);
    if (!path || path->find('\0') != std::string::npos || HasDotSegment(*path)) return false;
    req.path = std::move(*path);
    if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
    req.headers.reserve(16);
    for (const auto& f : head) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers.push_back({std::move(name), std::string(f.value())});
    }
    if (trust_proxy) {
        if (auto xff = req.Header("x-forwarded-for"); !xff.empty()) {
            auto last = xff.substr(xff.rfind(',') == std::string_view::npos ? 0 : xff.rfind(',') + 1);
            while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
            req.remote_ip = std::string(last);
        }
        req.secure = req.Header("x-forwarded-proto") == "https";
    }
    return true;
}

}  // namespace satupintu::http
