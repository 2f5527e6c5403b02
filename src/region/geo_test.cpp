#include "region/geo.hpp"

#include <gtest/gtest.h>

#include "app/source_dir.hpp"

namespace satupintu::region {
namespace {

TEST(Geo, PointsFallInTheirKecamatanAndOutsidePointsAreRefused) {
    auto map = KecamatanMap::Load(std::string(app::kSourceDir) + "/data/geo");
    ASSERT_TRUE(map) << map.error().detail;
    EXPECT_TRUE(map->Covers("36.04"));
    EXPECT_TRUE(map->Covers("32.16"));
    EXPECT_FALSE(map->Covers("36.73"));
    // Kramatwatu's published centre.
    EXPECT_EQ(map->Locate("36.04", {-6.0401, 106.112759}), "36.04.05");
    // Central Jakarta is not in Kabupaten Serang, nor in its tolerance band.
    EXPECT_EQ(map->Locate("36.04", {-6.1754, 106.8272}), std::nullopt);
    EXPECT_EQ(map->Locate("99.99", {-6.0401, 106.112759}), std::nullopt);
    EXPECT_NEAR(DistanceMetres({-6.0, 106.0}, {-6.0, 106.01}), 1106, 5);
}

}  // namespace
}  // namespace satupintu::region
