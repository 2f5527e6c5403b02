#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "http/problem.hpp"

namespace satupintu::http {

namespace {
std::string TypeOf(const std::string& path) {
    const auto ext = std::filesystem::path(path).extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json" || ext == ".geojson") return "application/json; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}
}  // namespace

Status StaticFiles::Load(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Err(Errc::kInternal, "web folder not found: " + dir);
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        const std::string rel = fs::relative(entry.path(), dir).generic_string();
        if (rel.rfind("node_modules/", 0) == 0 || rel.find("/.") != std::string::npos || rel[0] == '.') continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        File f;
        f.body = ss.str();
        f.type = TypeOf(rel);
        files_[rel] = std::move(f);
    }
    // Hash assets first, then rewrite the HTML that names them.
    for (auto& [rel, f] : files_) {
        f.version = crypto::Sha256Hex(f.body).substr(0, 16);
        f.etag = "\"" + f.version + "\"";
    }
    for (auto& [rel, f] : files_) {
        if (f.type.rfind("text/html", 0) != 0) continue;
        size_t pos = 0;
        while ((pos = f.body.find("{{asset:", pos)) != std::string::npos) {
            const size_t end = f.body.find("}}", pos);
            if (end == std::string::npos) break;
            const std::string url = f.body.substr(pos + 8, end - pos - 8);
            const std::string target = url.size() > 1 ? url.substr(1) : url;
            auto it = files_.find(target);
            if (it == files_.end()) return Err(Errc::kInternal, rel + " names a missing asset " + url);
            const std::string replacement = url + "?v=" + it->second.version;
            f.body.replace(pos, end + 2 - pos, replacement);
            pos += replacement.size();
        }
        f.version = crypto::Sha256Hex(f.body).substr(0, 16);
        f.etag = "\"" + f.version + "\"";
    }
    return Status::Ok();
}

Response StaticFiles::Serve(const Request& req, const std::string& rel) const {
    auto it = files_.find(rel);
    if (it == files_.end() || rel.find("..") != std::string::npos) {
        return Problem(req, Errc::kNotFound);
    }
    const File& f = it->second;
    Response r;
    r.content_type = f.type;
    r.Set("etag", f.etag);
    const auto v = req.Query("v");
    r.Set("cache-control", v && *v == f.version ? "public, max-age=31536000, immutable" : "no-cache");
    if (req.Header("if-none-match") == f.etag) {
        r.status = 304;
        return r;
    }
    r.body = f.body;
    return r;
}

}  // namespace satupintu::http
