#include "platform/onboard.hpp"

#include <gtest/gtest.h>

#include <set>

#include "app/source_dir.hpp"

namespace satupintu::platform {
namespace {

const std::string kShare = std::string(app::kSourceDir) + "/data";

TEST(Onboarding, RegionTypeAndSizeChooseTheOpdTemplate) {
    EXPECT_EQ(ChooseOpdTemplate(kShare, "kabupaten", 29)->id, "kabupaten");  // Serang
    EXPECT_EQ(ChooseOpdTemplate(kShare, "kabupaten", 10)->id, "kabupaten");
    EXPECT_EQ(ChooseOpdTemplate(kShare, "kabupaten", 9)->id, "kabupaten-kecil");
    EXPECT_EQ(ChooseOpdTemplate(kShare, "kota", 30)->id, "kota");  // Bandung
    EXPECT_EQ(ChooseOpdTemplate(kShare, "kota", 5)->id, "kota-kecil");
    EXPECT_EQ(ChooseOpdTemplate(kShare, "provinsi", 0).error().code, Errc::kNotFound);
    const auto kota = *ChooseOpdTemplate(kShare, "kota", 12);
    std::set<std::string> codes;
    for (const auto& o : kota.opds) codes.insert(o.code);
    EXPECT_FALSE(codes.contains("DPMD")) << "a kota has kelurahan, not desa";
    EXPECT_TRUE(codes.contains("DKPP"));
    EXPECT_EQ(codes.size(), kota.opds.size()) << "no OPD twice";
}

TEST(Onboarding, EveryTemplateHasTheOpdsTheStandardCatalogNames) {
    const auto catalog = LoadStandardCatalog(kShare);
    ASSERT_TRUE(catalog) << catalog.error().detail;
    std::set<std::string> named;
    for (const auto* list : {&catalog->categories, &catalog->permits, &catalog->classes}) {
        for (const auto& s : *list) named.insert(s.opd_id);  // still OPD codes
    }
    EXPECT_GE(named.size(), 10u);
    for (const auto& [kind, kecamatan] :
         std::vector<std::pair<std::string, int>>{{"kabupaten", 30}, {"kabupaten", 3}, {"kota", 12}, {"kota", 3}}) {
        const auto t = ChooseOpdTemplate(kShare, kind, kecamatan);
        ASSERT_TRUE(t) << t.error().detail;
        std::set<std::string> codes;
        for (const auto& o : t->opds) codes.insert(o.code);
        for (const auto& code : named) EXPECT_TRUE(codes.contains(code)) << t->id << " lacks " << code;
        // The admin's office.
        EXPECT_TRUE(codes.contains("DISKOMINFO")) << t->id;
    }
}

TEST(Onboarding, EachProvinceKeepsItsLocalTime) {
    EXPECT_EQ(ProvinceTzOffsetMinutes("32"), 420);  // Jawa Barat, WIB
    EXPECT_EQ(ProvinceTzOffsetMinutes("61"), 420);  // Kalimantan Barat, WIB
    EXPECT_EQ(ProvinceTzOffsetMinutes("51"), 480);  // Bali, WITA
    EXPECT_EQ(ProvinceTzOffsetMinutes("73"), 480);  // Sulawesi Selatan, WITA
    EXPECT_EQ(ProvinceTzOffsetMinutes("81"), 540);  // Maluku, WIT
    EXPECT_EQ(ProvinceTzOffsetMinutes("94"), 540);  // Papua Tengah, WIT
}

}  // namespace
}  // namespace satupintu::platform
