// The web UI's static files, read into memory at start-up.
//
// Every file gets a strong ETag (a content hash). HTML files may name assets as
// {{asset:/static/js/app.js}}; that is rewritten to /static/js/app.js?v=<hash>, and a request
// carrying the current ?v= is cached for a year (immutable). Everything else revalidates.
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
        std::string etag;     // "\"<hash>\""
        std::string version;  // short hash for ?v=
        std::string type;
    };
    std::map<std::string, File> files_;
};

}  // namespace satupintu::http
