#include "api/names.hpp"

#include "cases/cases.hpp"
#include "catalog/services.hpp"
#include "region/opds.hpp"
#include "region/wilayah.hpp"

namespace satupintu::api {

void Names::Add(json::object& o, const cases::Case& c) const {
    if (const auto it = services.find(c.service_id); it != services.end()) {
        o["service_code"] = it->second.first;
        o["service_name"] = it->second.second;
    }
    if (const auto it = opds.find(c.opd_id); it != opds.end()) o["opd_name"] = it->second;
}

Result<std::shared_ptr<const Names>> NameCache::Get(store::Store& store, const store::TenantId& tenant,
                                                    int64_t now_ms) {
    {
        std::lock_guard lock(mu_);
        if (const auto it = entries_.find(tenant.code()); it != entries_.end() && now_ms - it->second.first < kTtlMs)
            return it->second.second;
    }
    auto names = std::make_shared<Names>();
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto services, catalog::ListServices(tx, tenant, "complaint"));
        for (auto& s : services) {
            names->services[s.id] = {s.code, s.name};
            names->categories.emplace(s.code, std::move(s));
        }
        SP_ASSIGN(auto opds, region::ListOpds(tx, tenant));
        for (const auto& o : opds) names->opds[o.id] = o.name;
        SP_ASSIGN(auto kecamatan, region::Children(tx, tenant.code()));
        for (auto& k : kecamatan) {
            SP_ASSIGN(auto desa, region::Children(tx, k.code));
            for (auto& d : desa) names->areas.emplace(d.code, std::move(d));
            names->areas.emplace(k.code, std::move(k));
        }
        return Status::Ok();
    }));
    std::lock_guard lock(mu_);
    entries_[tenant.code()] = {now_ms, names};
    return std::shared_ptr<const Names>(names);
}

void NameCache::Invalidate(const std::string& tenant) {
    std::lock_guard lock(mu_);
    entries_.erase(tenant);
}

}  // namespace satupintu::api
