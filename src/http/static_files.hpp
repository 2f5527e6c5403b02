// The web UI's static files, read into memory at start-up.
//
// Every file gets a strong ETag (a content hash). HTML files may name assets as
// {{asset:/static/js/app.js}}; that is rewritten to /static/js/app.js?v=<hash>, and a request
// carrying the current ?v= is cached for a year (immutable). Everything else revalidates.
// Text files (HTML, JS, CSS, JSON, SVG) of 1 KB or more are also kept gzip-compressed (level 9,
// once, at start-up) and sent so to clients that accept gzip: a phone on a slow link downloads
// the chart library in 70 KB instead of 205 KB.
// Immutable after Load(); thread-safe.
#pragma once

#include <map>
#include <string>

#include "core/result.hpp"
#include "http/message.hpp"

namespace satupintu::http {

class StaticFiles {
  public:
    Status Load(const std::string& dir);
    // `rel` is relative to the web folder ("index.html", "static/js/app.js").
    Response Serve(const Request& req, const std::string& rel) const;
    bool Has(const std::string& rel) const { return files_.count(rel) != 0; }

  private:
    struct File {
        std::string body;
        std::string gzip;     // the body gzip-compressed, when that is worth it (else empty)
        std::string etag;     // "\"<hash>\""
        std::string version;  // short hash for ?v=
        std::string type;
    };
    std::map<std::string, File> files_;
};

}  // namespace satupintu::http
