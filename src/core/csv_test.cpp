#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace satupintu {
namespace {

std::vector<std::vector<std::string>> Parse(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    EXPECT_TRUE(csv::ForEachRow(text, [&](const std::vector<std::string>& r) {
        rows.push_back(r);
        return Status::Ok();
    }));
    return rows;
}

TEST(Csv, HandlesQuotesCommasAndLineEndings) {
    auto rows = Parse("code,name\r\n11.01,\"Kabupaten \"\"A\"\", Utara\"\n11.02,B\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1][1], "Kabupaten \"A\", Utara");
    EXPECT_EQ(rows[2][0], "11.02");
}

TEST(Csv, LastLineWithoutNewlineAndEmptyFields) {
    auto rows = Parse("a,,c\nx,\"\",z");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][1], "");
    EXPECT_EQ(rows[1][1], "");
    EXPECT_EQ(rows[1][2], "z");
}

TEST(Csv, UnterminatedQuoteIsAnError) {
    EXPECT_FALSE(csv::ForEachRow("a,\"b\n", [](const auto&) { return Status::Ok(); }));
}

}  // namespace
}  // namespace satupintu
