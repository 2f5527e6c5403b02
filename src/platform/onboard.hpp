// Onboarding a region (issue 15): `satupintu region add CODE` and the platform operator's API
// create a regency or city from the official codes (its kecamatan and desa come with the wilayah
// data), its OPD structure from a template chosen by region type and size
// (data/catalog/opd-templates.json), a kecamatan office per kecamatan, the standard catalog
// (complaint categories, permit services, the other case classes), the privacy notice, and one
// admin account that has no password until its first-login link is used. A province code
// onboards every regency and city of the province.
//
// Everything is checked before anything is written; each region is then written in one
// transaction. Running it again adds only what is missing (a region's own edits are kept) and
// creates no second admin.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/services.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "identity/nik_vault.hpp"
#include "region/geo.hpp"
#include "store/store.hpp"

namespace satupintu::platform {

// The first-login link's lifetime: a region's admin may first look a few days later.
inline constexpr int64_t kFirstLoginTtlMs = int64_t{7} * 24 * 60 * 60 * 1000;

struct OpdTemplate {
    std::string id;  // "kabupaten", "kota-kecil", ...
    struct Opd {
        std::string code, kind, name;
    };
    std::vector<Opd> opds;
};

// `<share_dir>/catalog/opd-templates.json`, read once for a whole onboarding.
struct OpdTemplates {
    std::string path;
    json::object doc;  // checked to hold the "base" and "templates" lists
    // The template for a region of `kind` (kabupaten, kota) with `kecamatan` kecamatan.
    Result<OpdTemplate> Choose(const std::string& kind, int kecamatan) const;
};
Result<OpdTemplates> LoadOpdTemplates(const std::string& share_dir);
// LoadOpdTemplates(share_dir).Choose(kind, kecamatan).
Result<OpdTemplate> ChooseOpdTemplate(const std::string& share_dir, const std::string& kind, int kecamatan);

// The shipped catalog every region starts from, with OPD codes (not ids) in opd_id.
struct StandardCatalog {
    std::vector<catalog::Service> categories, permits, classes;
};
Result<StandardCatalog> LoadStandardCatalog(const std::string& share_dir);

// The UTC offset of a province's local time (WIB +7, WITA +8, WIT +9), in minutes.
int ProvinceTzOffsetMinutes(const std::string& province_code);

struct OnboardOptions {
    // The admin's login email; "{code}" in it becomes the region's digits ("3204"), so that a
    // province's regions each get their own. nullopt: no admin account (the demo seeds its own).
    std::optional<std::string> admin_email;
    std::string public_url;  // the first-login link's address
    std::string actor = "system:cli";
};

struct Onboarded {
    std::string code, name, kind, opd_template;
    bool created = false;  // false: the region existed and only what was missing was added
    int kecamatan = 0, desa = 0;
    int opds = 0, categories = 0, permits = 0, classes = 0;  // created by this run
    bool boundaries = false;                                 // kecamatan outlines are shipped
    std::string admin_email;
    std::optional<std::string> admin_link;  // shown once: nullopt when the admin existed
};

// Onboards `code` (PP.KK: one regency or city; PP: every one of the province). Errors, with
// nothing written: kInvalidInput for a code of another shape or a bad admin email, kNotFound for
// a code the wilayah data does not have.
Result<std::vector<Onboarded>> OnboardRegions(store::Store& store, const identity::NikVault& vault, const Clock& clock,
                                              const std::string& share_dir, const region::KecamatanMap& geo,
                                              const std::string& code, const OnboardOptions& options);

}  // namespace satupintu::platform
