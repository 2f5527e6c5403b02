#include "platform/onboard.hpp"

#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "cases/classes.hpp"
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/links.hpp"
#include "identity/password_reset.hpp"
#include "identity/users.hpp"
#include "permits/permits.hpp"
#include "privacy/notices.hpp"
#include "region/opds.hpp"
#include "region/tenants.hpp"
#include "region/wilayah.hpp"
#include "workflow/workflow.hpp"

namespace satupintu::platform {

namespace {

Result<std::string> ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Err(Errc::kNotFound, "missing " + path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<json::object> ReadJsonObject(const std::string& path) {
    SP_ASSIGN(const std::string text, ReadText(path));
    auto doc = ParseJsonObject(text);
    if (!doc) return Err(Errc::kInvalidInput, path + ": " + doc.error().detail);
    return std::move(*doc);
}

// The entries of a shipped catalog file (`{"<list>": [{code, name, opd_code, ...}]}`) as
// services of `kind`, with OPD codes still to resolve; `complete` adds what a kind needs besides.
Result<std::vector<catalog::Service>> LoadCatalogList(
    const std::string& path, const char* list, const std::string& kind,
    const std::function<Status(const json::object&, catalog::Service&)>& complete) {
    SP_ASSIGN(const json::object doc, ReadJsonObject(path));
    const auto* entries = doc.if_contains(list);
    if (!entries || !entries->is_array()) return Err(Errc::kInvalidInput, path + ": no list \"" + list + "\"");
    std::vector<catalog::Service> out;
    for (const auto& v : entries->as_array()) {
        if (!v.is_object()) return Err(Errc::kInvalidInput, path + ": an entry is not an object");
        const auto& o = v.as_object();
        SP_ASSIGN(auto s, catalog::FromDefinition(o));
        SP_ASSIGN(s.code, RequiredString(o, "code", 40));
        SP_ASSIGN(s.name, RequiredString(o, "name", 200));
        SP_ASSIGN(s.opd_id, RequiredString(o, "opd_code", 24));  // an OPD code until seeded
        s.kind = kind;
        SP_TRY(complete(o, s));
        out.push_back(std::move(s));
    }
    return out;
}

OpdTemplate::Opd OpdOf(const json::value& v) {
    const auto text = [&](const char* key) -> std::string {
        const auto* s = v.is_object() ? v.as_object().if_contains(key) : nullptr;
        return s && s->is_string() ? std::string(s->as_string()) : std::string();
    };
    return {text("code"), text("kind"), text("name")};
}

// What one region's onboarding will write, all of it checked before the first write.
struct Plan {
    region::Region region;
    std::vector<region::Region> kecamatan;
    int desa = 0;
    OpdTemplate opds;
    std::string privacy_notice;
    std::optional<std::string> admin_email;
};

constexpr store::GlobalSql kVillageCount{
    "SELECT count(*) FROM regions WHERE level = 4 AND code LIKE $1"};  // $1: "PP.KK.%"
constexpr store::TenantSql kAnyAdmin{"SELECT 1 FROM users WHERE tenant = $1 AND role = 'admin' LIMIT 1"};

// One admin, in the communications office (Diskominfo in every template), with no password
// until the first-login link (returned, to be shown once) is used. None when there is an admin.
Result<std::optional<std::string>> EnsureAdmin(store::WriteTx& tx, const store::TenantId& tenant,
                                               const std::string& name, const std::string& email,
                                               const identity::NikVault& vault, int64_t now,
                                               const OnboardOptions& options) {
    SP_ASSIGN(auto any_admin, tx.QueryOne(kAnyAdmin, tenant));
    if (any_admin) return std::optional<std::string>();
    identity::NewUser u{"admin", std::nullopt, email, std::nullopt, "Admin " + name, std::nullopt};
    SP_ASSIGN(auto office, region::GetOpdByCode(tx, tenant, "DISKOMINFO"));
    if (office) u.opd_id = office->id;
    const std::string no_password = "!first-login:" + crypto::RandomToken(16);
    SP_ASSIGN(auto user, identity::CreateUser(tx, tenant, u, no_password, vault, now, options.actor));
    SP_ASSIGN(const std::string token, identity::IssueFirstLoginToken(tx, tenant, user.id, now, kFirstLoginTtlMs));
    return std::optional<std::string>(links::Absolute(options.public_url, links::PasswordReset(tenant.code(), token)));
}

Result<Onboarded> Apply(store::WriteTx& tx, const Plan& plan, const StandardCatalog& standard,
                        const identity::NikVault& vault, const region::KecamatanMap& geo, int64_t now,
                        const OnboardOptions& options) {
    const auto& r = plan.region;
    const store::TenantId tenant(r.code);
    Onboarded out;
    out.code = r.code;
    out.name = r.name;
    out.kind = r.kind;
    out.kecamatan = static_cast<int>(plan.kecamatan.size());
    out.desa = plan.desa;
    out.boundaries = geo.Covers(r.code);
    SP_ASSIGN(const auto existed, region::FindTenantRecord(tx, r.code));
    out.created = !existed;
    SP_TRY(region::EnsureTenant(tx, region::Tenant{r.code, r.name, ProvinceTzOffsetMinutes(r.code.substr(0, 2))}, now,
                                options.actor));
    SP_TRY(region::RecordOpdTemplate(tx, r.code, plan.opds.id));
    SP_ASSIGN(const auto recorded, region::FindTenantRecord(tx, r.code));
    out.opd_template = recorded && recorded->opd_template ? *recorded->opd_template : plan.opds.id;

    std::vector<region::NewOpd> opds;
    for (const auto& o : plan.opds.opds) opds.push_back({o.code, o.name, o.kind, std::nullopt});
    for (const auto& k : plan.kecamatan) {
        opds.push_back({"KEC-" + k.code.substr(6, 2), "Kecamatan " + k.name, "kecamatan", k.code});
    }
    for (const auto& o : opds) {
        SP_ASSIGN(auto existing, region::GetOpdByCode(tx, tenant, o.code));
        if (existing) continue;
        SP_TRY(region::CreateOpd(tx, tenant, o, now, options.actor));
        ++out.opds;
    }
    // Complaint categories and case classes; a region's own version of one is kept.
    const auto put = [&](const std::vector<catalog::Service>& list, int& created) -> Status {
        for (auto s : list) {
            SP_ASSIGN(auto existing, catalog::FindServiceByCode(tx, tenant, s.code));
            if (existing) continue;
            SP_ASSIGN(auto opd, region::GetOpdByCode(tx, tenant, s.opd_id));
            if (!opd) return Err(Errc::kInvalidInput, s.kind + " " + s.code + ": no OPD " + s.opd_id);
            s.opd_id = opd->id;
            SP_TRY(catalog::PutService(tx, tenant, s, now, options.actor));
            ++created;
        }
        return Status::Ok();
    };
    SP_TRY(put(standard.categories, out.categories));
    SP_TRY(put(standard.classes, out.classes));
    std::vector<catalog::Service> new_permits;
    for (const auto& s : standard.permits) {
        SP_ASSIGN(auto existing, catalog::FindServiceByCode(tx, tenant, s.code));
        if (!existing) new_permits.push_back(s);
    }
    SP_ASSIGN(out.permits, permits::ImportServices(tx, tenant, new_permits, now, options.actor));
    SP_ASSIGN(auto notice, privacy::CurrentNotice(tx, tenant));
    if (!notice) SP_TRY(privacy::PublishNotice(tx, tenant, plan.privacy_notice, now, options.actor).status());

    if (plan.admin_email) {
        out.admin_email = *plan.admin_email;
        SP_ASSIGN(out.admin_link, EnsureAdmin(tx, tenant, r.name, *plan.admin_email, vault, now, options));
    }
    return out;
}

// A province's own tenant (issue 15): the accounts of its staff, who publish templates for its
// regions and read their roll-up. It serves no cases: no kecamatan, no catalog, one office.
Result<Onboarded> ApplyProvince(store::WriteTx& tx, const region::Region& province,
                                const std::optional<std::string>& admin_email, const identity::NikVault& vault,
                                int64_t now, const OnboardOptions& options) {
    const store::TenantId tenant(province.code);
    Onboarded out;
    out.code = province.code;
    out.name = "Provinsi " + province.name;
    out.kind = "provinsi";
    SP_ASSIGN(const auto existed, region::FindTenantRecord(tx, province.code));
    out.created = !existed;
    SP_TRY(region::EnsureTenant(tx, region::Tenant{province.code, out.name, ProvinceTzOffsetMinutes(province.code)},
                                now, options.actor));
    SP_ASSIGN(auto office, region::GetOpdByCode(tx, tenant, "DISKOMINFO"));
    if (!office) {
        SP_TRY(region::CreateOpd(tx, tenant, {"DISKOMINFO", "Dinas Komunikasi dan Informatika", "dinas", std::nullopt},
                                 now, options.actor));
        ++out.opds;
    }
    if (admin_email) {
        out.admin_email = *admin_email;
        SP_ASSIGN(out.admin_link, EnsureAdmin(tx, tenant, out.name, *admin_email, vault, now, options));
    }
    return out;
}

}  // namespace

int ProvinceTzOffsetMinutes(const std::string& province_code) {
    // Keppres 41/1987: WITA from Bali, NTB, NTT, South/East/North Kalimantan and
    // Sulawesi; WIT from Maluku and Papua; WIB elsewhere.
    static const std::set<std::string> kWita{"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"};
    if (kWita.contains(province_code)) return 480;
    if (province_code >= "81" && province_code <= "99") return 540;
    return 420;
}

Result<OpdTemplates> LoadOpdTemplates(const std::string& share_dir) {
    const std::string path = share_dir + "/catalog/opd-templates.json";
    SP_ASSIGN(json::object doc, ReadJsonObject(path));
    const auto* base = doc.if_contains("base");
    const auto* templates = doc.if_contains("templates");
    if (!base || !base->is_array() || !templates || !templates->is_array())
        return Err(Errc::kInvalidInput, path + ": needs \"base\" and \"templates\" lists");
    return OpdTemplates{path, std::move(doc)};
}

Result<OpdTemplate> OpdTemplates::Choose(const std::string& kind, int kecamatan) const {
    const auto& base = doc.at("base").as_array();
    const auto count = [](const json::object& t, const char* key, int otherwise) {
        const auto* v = t.if_contains(key);
        return v && v->is_int64() ? static_cast<int>(v->as_int64()) : otherwise;
    };
    const auto strings = [](const json::object& t, const char* key) {
        std::set<std::string> out;
        if (const auto* v = t.if_contains(key); v && v->is_array())
            for (const auto& s : v->as_array())
                if (s.is_string()) out.emplace(s.as_string());
        return out;
    };
    for (const auto& v : doc.at("templates").as_array()) {
        if (!v.is_object()) continue;
        const auto& t = v.as_object();
        const auto* k = t.if_contains("kind");
        if (!k || !k->is_string() || k->as_string() != kind) continue;
        if (kecamatan < count(t, "min_kecamatan", 0) || kecamatan > count(t, "max_kecamatan", 1 << 30)) continue;
        OpdTemplate out;
        SP_ASSIGN(out.id, RequiredString(t, "id", 40));
        const auto drop = strings(t, "drop");
        for (const auto& o : base) {
            auto opd = OpdOf(o);
            if (!drop.contains(opd.code)) out.opds.push_back(std::move(opd));
        }
        if (const auto* add = t.if_contains("add"); add && add->is_array())
            for (const auto& o : add->as_array()) out.opds.push_back(OpdOf(o));
        for (const auto& o : out.opds) {
            SP_TRY(region::ValidateNewOpd({o.code, o.name, o.kind, std::nullopt}));
        }
        return out;
    }
    return Err(Errc::kNotFound,
               path + ": no template for a " + kind + " of " + std::to_string(kecamatan) + " kecamatan");
}

Result<OpdTemplate> ChooseOpdTemplate(const std::string& share_dir, const std::string& kind, int kecamatan) {
    SP_ASSIGN(const auto templates, LoadOpdTemplates(share_dir));
    return templates.Choose(kind, kecamatan);
}

Result<StandardCatalog> LoadStandardCatalog(const std::string& share_dir) {
    StandardCatalog out;
    SP_ASSIGN(out.categories,
              LoadCatalogList(share_dir + "/catalog/complaint-categories.json", "categories", "complaint",
                              [](const json::object&, catalog::Service&) { return Status::Ok(); }));
    // The case classes, each with its shipped workflow copied into the definition.
    const std::string classes = share_dir + "/catalog/case-classes.json";
    SP_ASSIGN(out.classes, LoadCatalogList(classes, "classes", cases::kCaseKind,
                                           [&](const json::object& o, catalog::Service& s) -> Status {
                                               SP_ASSIGN(const std::string workflow, RequiredString(o, "workflow", 40));
                                               const auto* w = workflow::Shipped(workflow);
                                               if (!w)
                                                   return Err(Errc::kInvalidInput,
                                                              classes + ": no shipped workflow " + workflow);
                                               s.spec["workflow"] = workflow::ToJson(*w);
                                               return Status::Ok();
                                           }));
    SP_ASSIGN(const std::string permits, ReadText(share_dir + "/catalog/permits.json"));
    SP_ASSIGN(out.permits, permits::ParseServiceFile(permits));
    return out;
}

Result<std::vector<Onboarded>> OnboardRegions(store::Store& store, const identity::NikVault& vault, const Clock& clock,
                                              const std::string& share_dir, const region::KecamatanMap& geo,
                                              const std::string& code, const OnboardOptions& options) {
    const int level = region::CodeLevel(code);
    if (level != 1 && level != 2)
        return Err(Errc::kInvalidInput, "a province (32) or a regency or city (32.04) code", "code");
    SP_ASSIGN(const StandardCatalog standard, LoadStandardCatalog(share_dir));
    SP_ASSIGN(const OpdTemplates templates, LoadOpdTemplates(share_dir));

    // Everything checked and gathered first: a bad code, email or template writes nothing.
    std::vector<Plan> plans;
    std::optional<region::Region> province;  // onboarding a province: its own tenant too
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto found, region::FindRegion(tx, code));
        if (!found) return Err(Errc::kNotFound, "no region " + code + " in the wilayah data", "code");
        std::vector<region::Region> regions{*found};
        if (level == 1) {
            province = *found;
            SP_ASSIGN(regions, region::Children(tx, code));
            if (regions.empty()) return Err(Errc::kNotFound, "province " + code + " has no regencies", "code");
        }
        for (auto& r : regions) {
            Plan plan;
            SP_ASSIGN(plan.kecamatan, region::Children(tx, r.code));
            SP_ASSIGN(auto villages, tx.QueryOne(kVillageCount, r.code + ".%"));
            plan.desa = villages ? static_cast<int>(villages->Int(0)) : 0;
            SP_ASSIGN(plan.opds, templates.Choose(r.kind, static_cast<int>(plan.kecamatan.size())));
            plan.region = std::move(r);
            plans.push_back(std::move(plan));
        }
        return Status::Ok();
    }));
    for (auto& plan : plans) {
        SP_ASSIGN(plan.privacy_notice, privacy::DefaultNotice(share_dir, plan.region.name));
        if (options.admin_email) {
            std::string email = *options.admin_email;
            const std::string digits = plan.region.code.substr(0, 2) + plan.region.code.substr(3, 2);
            for (size_t at; (at = email.find("{code}")) != std::string::npos;) email.replace(at, 6, digits);
            auto normal = identity::NormalizeEmail(email);
            if (!normal) return Err(Errc::kInvalidInput, "not an email address: " + email, "admin_email");
            plan.admin_email = *normal;
        }
    }
    if (level == 1 && options.admin_email && options.admin_email->find("{code}") == std::string::npos)
        return Err(Errc::kInvalidInput, "a province's regions need one admin email each: put {code} in it",
                   "admin_email");

    std::vector<Onboarded> out;
    if (province) {
        std::optional<std::string> email;
        if (options.admin_email) {
            std::string e = *options.admin_email;
            for (size_t at; (at = e.find("{code}")) != std::string::npos;) e.replace(at, 6, province->code);
            auto normal = identity::NormalizeEmail(e);
            if (!normal) return Err(Errc::kInvalidInput, "not an email address: " + e, "admin_email");
            email = *normal;
        }
        Onboarded done;
        SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(done, ApplyProvince(tx, *province, email, vault, clock.NowMs(), options));
            return Status::Ok();
        }));
        out.push_back(std::move(done));
    }
    for (const auto& plan : plans) {
        Onboarded done;
        SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(done, Apply(tx, plan, standard, vault, geo, clock.NowMs(), options));
            return Status::Ok();
        }));
        out.push_back(std::move(done));
    }
    return out;
}

}  // namespace satupintu::platform
