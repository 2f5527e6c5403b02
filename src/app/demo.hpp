// The demo region: Kabupaten Serang (36.04) with its real kecamatan and desa, the OPD structure
// of a kabupaten under PP 18/2016, and one staff account per role. Idempotent.
#pragma once

#include <ostream>
#include <string>

#include "core/clock.hpp"
#include "files/attachments.hpp"
#include "identity/nik_vault.hpp"
#include "store/store.hpp"

namespace satupintu::app {

inline constexpr const char* kDemoPassword = "SatuPintu-Demo-2026";
inline constexpr const char* kDemoTenant = "36.04";

// Imports the wilayah hierarchy if the store has none yet.
Status EnsureWilayah(store::Store& store, const std::string& share_dir, std::ostream& out);

// Creates tenant `code` (its name from the wilayah), the standard OPDs and its kecamatan offices,
// and demo staff accounts "<role>@<slug>.satupintu.test" with kDemoPassword.
Status SeedRegion(store::Store& store, const identity::NikVault& vault, const Clock& clock,
                  const std::string& share_dir, const std::string& code, const std::string& slug, std::ostream& out);

// The demo region with its staff, sample complaints and sample applications (their generated
// papers stored in `files`; the issued letters' QR codes point at `public_url`).
Status SeedDemo(store::Store& store, const identity::NikVault& vault, const Clock& clock, const std::string& share_dir,
                const files::FileStore& files, const std::string& public_url, std::ostream& out);

}  // namespace satupintu::app
