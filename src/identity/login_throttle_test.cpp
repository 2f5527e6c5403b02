#include "identity/login_throttle.hpp"

#include <gtest/gtest.h>

namespace satupintu::identity {
namespace {

TEST(LoginThrottle, FreeFailuresThenGrowingDelayThenLockout) {
    LoginThrottle t;  // 3 free, lockout at 10, 15 min window, delay capped at 4 s
    const int64_t now = 1'000'000;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(t.Check("acct", "1.2.3.4", now).delay_ms, 0);
        t.RecordFailure("acct", "1.2.3.4", now);
    }
    EXPECT_EQ(t.Check("acct", "1.2.3.4", now).delay_ms, 250);
    t.RecordFailure("acct", "1.2.3.4", now);
    EXPECT_EQ(t.Check("acct", "1.2.3.4", now).delay_ms, 500);
    for (int i = 0; i < 6; ++i) t.RecordFailure("acct", "1.2.3.4", now);
    const auto v = t.Check("acct", "1.2.3.4", now);
    EXPECT_GT(v.retry_after_ms, 0);
    // Another account from the same address is not locked by one account's failures alone.
    EXPECT_EQ(t.Check("other", "1.2.3.4", now).retry_after_ms, 0);
    // The window passes.
    EXPECT_EQ(t.Check("acct", "1.2.3.4", now + 16 * 60 * 1000).retry_after_ms, 0);
}

TEST(LoginThrottle, SuccessClearsTheAccount) {
    LoginThrottle t;
    for (int i = 0; i < 5; ++i) t.RecordFailure("acct", "ip", 0);
    t.RecordSuccess("acct");
    EXPECT_EQ(t.Check("acct", "other-ip", 0).delay_ms, 0);
}

TEST(LoginThrottle, OneAddressGuessingManyAccountsIsStopped) {
    LoginThrottle t;
    for (int i = 0; i < 60; ++i) t.RecordFailure("acct" + std::to_string(i), "9.9.9.9", 0);
    EXPECT_GT(t.Check("fresh-account", "9.9.9.9", 0).retry_after_ms, 0);
}

}  // namespace
}  // namespace satupintu::identity
