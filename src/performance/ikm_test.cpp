#include "performance/ikm.hpp"

#include <gtest/gtest.h>

namespace satupintu::performance {
namespace {

IkmSums AllElements(int64_t sum, int64_t answers) {
    IkmSums s;
    for (int i = 1; i <= 9; ++i) s["U" + std::to_string(i)] = {sum, answers};
    return s;
}

TEST(Ikm, IndexTimes25RoundedHalfUp) {
    EXPECT_EQ(IkmIndex(AllElements(4, 1)), 100.0);
    EXPECT_EQ(IkmIndex(AllElements(1, 1)), 25.0);
    EXPECT_EQ(IkmIndex(AllElements(3, 1)), 75.0);
    // NRR 3.5 on every element: 87.50.
    EXPECT_EQ(IkmIndex(AllElements(7, 2)), 87.5);
    // Eight elements at 3 and U9 at 4: (8*3 + 4)/9 * 25 = 77.777... -> 77.78.
    auto mixed = AllElements(3, 1);
    mixed["U9"] = {4, 1};
    EXPECT_EQ(IkmIndex(mixed), 77.78);
    // Not until all nine elements have answers.
    auto eight = AllElements(4, 1);
    eight.erase("U5");
    EXPECT_EQ(IkmIndex(eight), std::nullopt);
    EXPECT_EQ(IkmAnswers(mixed), 9);
}

TEST(Ikm, CategoriesAtTheRegulationsBounds) {
    EXPECT_EQ(IkmCategory(88.31), "A");
    EXPECT_EQ(IkmCategory(88.30), "B");
    EXPECT_EQ(IkmCategory(76.61), "B");
    EXPECT_EQ(IkmCategory(76.60), "C");
    EXPECT_EQ(IkmCategory(65.00), "C");
    EXPECT_EQ(IkmCategory(64.99), "D");
}

TEST(Ikm, KrejcieMorganSampleFromRulesId) {
    EXPECT_EQ(MinimumSample(100), 80);
    EXPECT_EQ(MinimumSample(1000), 278);
    EXPECT_EQ(MinimumSample(0), 0);
}

}  // namespace
}  // namespace satupintu::performance
