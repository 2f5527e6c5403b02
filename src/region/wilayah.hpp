// The Indonesian administrative hierarchy (wilayah): provinsi -> kabupaten/kota -> kecamatan ->
// desa/kelurahan, loaded from the shipped Kemendagri data (data/wilayah, ODbL).
//
// The hierarchy is shared by all tenants (a global table). Import is idempotent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::region {

struct Region {
    std::string code;
    std::string parent_code;
    int level = 0;     // 1 provinsi .. 4 desa/kelurahan
    std::string kind;  // provinsi, kabupaten, kota, kecamatan, desa, kelurahan, desa_adat
    std::string name;
};

struct ImportCounts {
    int64_t provinces = 0, regencies = 0, districts = 0, villages = 0;
};

// Reads provinces.csv, regencies.csv, districts.csv and villages.csv from `dir`.
Result<ImportCounts> ImportWilayah(store::Store& store, const std::string& dir);

// Checks the shape of a code: PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD. Returns the level or 0.
int CodeLevel(std::string_view code);
// The kind a code implies: kota for KK >= 71, kelurahan/desa/desa_adat by DDDD's first digit.
std::string KindOf(std::string_view code, int level);

Result<std::optional<Region>> FindRegion(store::ReadTx& tx, const std::string& code);
Result<std::vector<Region>> Children(store::ReadTx& tx, const std::string& code);

}  // namespace satupintu::region
