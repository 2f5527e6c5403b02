#include "region/wilayah.hpp"

#include <gtest/gtest.h>

#include "region/opds.hpp"

namespace satupintu::region {
namespace {

TEST(Wilayah, CodeLevels) {
    EXPECT_EQ(CodeLevel("36"), 1);
    EXPECT_EQ(CodeLevel("36.04"), 2);
    EXPECT_EQ(CodeLevel("36.04.05"), 3);
    EXPECT_EQ(CodeLevel("36.04.05.2001"), 4);
    for (const char* bad : {"", "3", "36.4", "36.04.", "36.04.05.201", "36-04", "36.04.05.2001.1", "ab.cd"}) {
        EXPECT_EQ(CodeLevel(bad), 0) << bad;
    }
}

TEST(Wilayah, KindsFollowTheCodes) {
    EXPECT_EQ(KindOf("36.04", 2), "kabupaten");
    EXPECT_EQ(KindOf("36.73", 2), "kota");
    EXPECT_EQ(KindOf("36.04.05.1001", 4), "kelurahan");
    EXPECT_EQ(KindOf("36.04.05.2001", 4), "desa");
    EXPECT_EQ(KindOf("91.01.01.3001", 4), "desa_adat");
}

TEST(Opds, Validation) {
    EXPECT_TRUE(ValidateNewOpd({"PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", std::nullopt}));
    EXPECT_TRUE(ValidateNewOpd({"KEC-05", "Kecamatan Kramatwatu", "kecamatan", "36.04.05"}));
    EXPECT_EQ(ValidateNewOpd({"pupr", "Dinas", "dinas", std::nullopt}).error().field, "code");
    EXPECT_EQ(ValidateNewOpd({"PUPR", "Di", "dinas", std::nullopt}).error().field, "name");
    EXPECT_EQ(ValidateNewOpd({"PUPR", "Dinas PU", "ministry", std::nullopt}).error().field, "kind");
    EXPECT_EQ(ValidateNewOpd({"KEC-05", "Kecamatan X", "kecamatan", std::nullopt}).error().field, "kecamatan_code");
    EXPECT_EQ(ValidateNewOpd({"PUPR", "Dinas PU", "dinas", "36.04.05"}).error().field, "kecamatan_code");
}

}  // namespace
}  // namespace satupintu::region
