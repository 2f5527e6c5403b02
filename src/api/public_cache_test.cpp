#include "api/public_cache.hpp"

#include <gtest/gtest.h>

namespace satupintu::api {
namespace {

std::shared_ptr<const PublicCache::Answer> AnswerOf(const std::string& version, size_t body_bytes) {
    return std::make_shared<PublicCache::Answer>(
        PublicCache::Answer{version, "application/json", "public", std::string(body_bytes, 'x')});
}

TEST(PublicCacheTest, AnAnswerIsFoundOnlyAtItsVersion) {
    PublicCache cache(1 << 20);
    cache.Put("36.04 /a?", AnswerOf("7-2026-12-31", 10));
    EXPECT_NE(cache.Find("36.04 /a?", "7-2026-12-31"), nullptr);
    EXPECT_EQ(cache.Find("36.04 /a?", "8-2026-12-31"), nullptr) << "the region moved on";
    EXPECT_EQ(cache.Find("36.04 /a?", "7-2027-01-01"), nullptr) << "the date moved on";
    EXPECT_EQ(cache.Find("32.16 /a?", "7-2026-12-31"), nullptr);
    cache.Put("36.04 /a?", AnswerOf("8-2026-12-31", 20));
    EXPECT_EQ(cache.Find("36.04 /a?", "7-2026-12-31"), nullptr);
    EXPECT_EQ(cache.Find("36.04 /a?", "8-2026-12-31")->body.size(), 20u);
}

TEST(PublicCacheTest, StaysWithinItsBytesDroppingTheLeastRecentlyUsed) {
    PublicCache cache(40000);
    cache.Put("a", AnswerOf("1", 9000));
    cache.Put("b", AnswerOf("1", 9000));
    cache.Put("c", AnswerOf("1", 9000));
    ASSERT_NE(cache.Find("a", "1"), nullptr);  // a is now the most recently used
    cache.Put("d", AnswerOf("1", 9000));
    cache.Put("e", AnswerOf("1", 9000));
    EXPECT_LE(cache.bytes(), 40000u);
    EXPECT_EQ(cache.Find("b", "1"), nullptr);
    EXPECT_NE(cache.Find("a", "1"), nullptr);
    EXPECT_NE(cache.Find("e", "1"), nullptr);
    cache.Put("huge", AnswerOf("1", 30000));
    EXPECT_EQ(cache.Find("huge", "1"), nullptr) << "an answer over a quarter of the budget is not kept";
    EXPECT_NE(cache.Find("e", "1"), nullptr);
}

}  // namespace
}  // namespace satupintu::api
