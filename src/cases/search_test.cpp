#include "cases/search.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace satupintu::cases {
namespace {

TEST(Search, AffixesReduceToOneStem) {
    EXPECT_EQ(Stem("kerusakan"), Stem("rusak"));
    EXPECT_EQ(Stem("merusak"), Stem("rusak"));
    EXPECT_EQ(Stem("dirusak"), Stem("rusak"));
    EXPECT_EQ(Stem("perbaikan"), Stem("baik"));
    EXPECT_EQ(Stem("menulis"), Stem("tulis"));
    EXPECT_EQ(Stem("memukul"), Stem("pukul"));
    EXPECT_EQ(Stem("menyapu"), Stem("sapu"));
    EXPECT_EQ(Stem("pelayanan"), Stem("layan"));
    EXPECT_EQ(Stem("jalanan"), Stem("jalan"));
    EXPECT_EQ(Stem("sampahnya"), Stem("sampah"));
    EXPECT_EQ(Stem("lampu"), "lampu");
    EXPECT_EQ(Stem("melaporkan", true), Stem("lapor"));
    EXPECT_EQ(Stem("laporkan"), Stem("melaporkan"));
}

TEST(Search, TermsAreLowerCaseDistinctAndWithoutStopWords) {
    const auto t = Terms("Jalan RUSAK dan jalan yang rusak di depan SD 3", 64, TermsFor::kQuery);
    EXPECT_EQ(t, (std::vector<std::string>{Stem("jalan"), Stem("rusak"), Stem("depan"), "sd"}));
    EXPECT_TRUE(Terms("  ,;  ").empty());
    EXPECT_EQ(Terms("a b c d e f", 3).size(), 0u) << "one-letter words are not terms";
    EXPECT_EQ(Terms("satu dua tiga empat", 2).size(), 2u);
    // A document carries both readings of a -kan word; a query only one.
    const auto doc = Terms("melaporkan");
    EXPECT_NE(std::find(doc.begin(), doc.end(), Stem("lapor")), doc.end());
    EXPECT_NE(std::find(doc.begin(), doc.end(), Stem("laporkan")), doc.end());
    EXPECT_EQ(Terms("melaporkan", 64, TermsFor::kQuery).size(), 1u);
    // Multi-byte words are kept whole.
    EXPECT_EQ(Terms("kafé").size(), 1u);
}

}  // namespace
}  // namespace satupintu::cases
