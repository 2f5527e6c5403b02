// Service and OPD names of a tenant, for case views, and its complaint categories and areas,
// for filing: read on nearly every request, changed rarely, so cached per process for a few
// seconds (a change on this node invalidates at once).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "catalog/services.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "region/wilayah.hpp"
#include "store/store.hpp"

namespace satupintu::cases {
struct Case;
}

namespace satupintu::api {

struct Names {
    std::map<std::string, std::pair<std::string, std::string>> services;  // id -> (code, name)
    std::map<std::string, std::string> opds;                              // id -> name
    std::map<std::string, catalog::Service> categories;                   // code -> active category
    std::map<std::string, region::Region> areas;                          // code -> kecamatan or desa

    // The active complaint category with this code (nullptr: none).
    const catalog::Service* Category(const std::string& code) const {
        const auto it = categories.find(code);
        return it == categories.end() ? nullptr : &it->second;
    }

    // An OPD's name ("" when unknown).
    std::string Opd(const std::string& id) const {
        const auto it = opds.find(id);
        return it == opds.end() ? std::string() : it->second;
    }
    // Adds service_code, service_name and opd_name to a case's JSON.
    void Add(json::object& o, const cases::Case& c) const;
};

class NameCache {
  public:
    Result<std::shared_ptr<const Names>> Get(store::Store& store, const store::TenantId& tenant, int64_t now_ms);
    void Invalidate(const std::string& tenant);

  private:
    static constexpr int64_t kTtlMs = 5000;
    std::mutex mu_;
    std::map<std::string, std::pair<int64_t, std::shared_ptr<const Names>>> entries_;
};

}  // namespace satupintu::api
