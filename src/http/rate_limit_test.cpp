#include "http/rate_limit.hpp"

#include <gtest/gtest.h>

namespace satupintu::http {
namespace {

int AllowedAtOnce(RateLimiter& limiter, const std::string& key, int64_t now_ms) {
    int allowed = 0;
    while (limiter.Acquire(key, now_ms) == 0 && allowed < 1000) ++allowed;
    return allowed;
}

TEST(RateLimiter, ABurstThenTheRate) {
    RateLimiter limiter(10, 20);
    EXPECT_EQ(AllowedAtOnce(limiter, "10.0.0.1", 0), 20);
    EXPECT_EQ(limiter.Acquire("10.0.0.1", 0), 100) << "one token in 100 ms at 10/s";
    EXPECT_EQ(AllowedAtOnce(limiter, "10.0.0.1", 1'000), 10) << "a second refills ten";
    EXPECT_EQ(AllowedAtOnce(limiter, "10.0.0.2", 1'000), 20) << "each key its own bucket";
}

// Behind a balancer with four nodes each allows a quarter: an address spread over all four gets
// the configured limit in all.
TEST(RateLimiter, ANodesShareOfALimitMeantForEveryNode) {
    RateLimiter limiter(10, 20);
    limiter.SetShare(4);
    EXPECT_EQ(limiter.share(), 4);
    EXPECT_EQ(AllowedAtOnce(limiter, "10.0.0.1", 0), 5);
    EXPECT_EQ(limiter.Acquire("10.0.0.1", 0), 400) << "2.5 tokens a second";
    EXPECT_EQ(AllowedAtOnce(limiter, "10.0.0.1", 2'000), 5) << "refilled to the share's burst, not beyond";
    limiter.SetShare(0);
    EXPECT_EQ(limiter.share(), 1) << "never less than the whole";
    EXPECT_EQ(AllowedAtOnce(limiter, "10.0.0.9", 0), 20);
}

}  // namespace
}  // namespace satupintu::http
