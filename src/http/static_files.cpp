#include "http/static_files.hpp"

#include <zlib.h>

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
bool Compressible(const std::string& type) {
    return type.rfind("text/", 0) == 0 || type.rfind("application/json", 0) == 0 || type == "image/svg+xml";
}

// gzip (RFC 1952) at level 9; empty when zlib fails. Deterministic: the header carries no time.
std::string Gzip(const std::string& in) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&z, static_cast<uLong>(in.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

// Whether the client takes gzip ("gzip" or "*" listed, and not with q=0).
bool AcceptsGzip(std::string_view header) {
    for (std::string_view token : {std::string_view("gzip"), std::string_view("*")}) {
        const size_t at = header.find(token);
        if (at == std::string_view::npos) continue;
        const auto rest = header.substr(at + token.size());
        const size_t comma = rest.find(',');
        const auto params = rest.substr(0, comma);
        if (params.find("q=0") != std::string_view::npos && params.find("q=0.") == std::string_view::npos) continue;
        return true;
    }
    return false;
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
    for (auto& [rel, f] : files_) {
        if (!Compressible(f.type) || f.body.size() < 1024) continue;
        std::string z = Gzip(f.body);
        if (!z.empty() && z.size() < f.body.size() * 9 / 10) f.gzip = std::move(z);
    }
    return Status::Ok();
}

Response StaticFiles::Serve(const Request& req, const std::string& rel) const {
    auto it = files_.find(rel);
    if (it == files_.end() || rel.find("..") != std::string::npos) {
        return Problem(req, Errc::kNotFound);
    }
    const File& f = it->second;
    const bool gzip = !f.gzip.empty() && AcceptsGzip(req.Header("accept-encoding"));
    // Each representation has its own strong ETag.
    const std::string etag = gzip ? f.etag.substr(0, f.etag.size() - 1) + "-gz\"" : f.etag;
    Response r;
    r.content_type = f.type;
    r.Set("etag", etag);
    if (!f.gzip.empty()) r.Set("vary", "accept-encoding");
    const auto v = req.Query("v");
    r.Set("cache-control", v && *v == f.version ? "public, max-age=31536000, immutable" : "no-cache");
    if (req.Header("if-none-match") == etag) {
        r.status = 304;
        return r;
    }
    if (gzip) r.Set("content-encoding", "gzip");
    r.body = gzip ? f.gzip : f.body;
    return r;
}

}  // namespace satupintu::http
