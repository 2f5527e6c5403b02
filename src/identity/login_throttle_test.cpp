#include "identity/login_throttle.hpp"

#include <gtest/gtest.h>

namespace satupintu::identity {
namespace {

using Outcome = LoginThrottle::Outcome;

// One try that fails (or is refused): the wait Begin gave, 0 if the password was checked.
int64_t Fail(LoginThrottle& t, const LoginThrottle::Attempt& a, int64_t now) {
    const int64_t wait = t.Begin(a, now);
    if (wait == 0) t.End(a, Outcome::kFailed, now);
    return wait;
}

TEST(LoginThrottle, FreeFailuresThenGrowingWaitsThenLockout) {
    LoginThrottle t;  // 3 free, lockout at 10, 15 min window, wait capped at 4 s
    const LoginThrottle::Attempt a{"36.04|x", "1.2.3.4", ""};
    int64_t now = 1'000'000;
    for (int i = 0; i < 3; ++i) EXPECT_EQ(Fail(t, a, now), 0);
    EXPECT_EQ(t.Begin(a, now), 250) << "a try before the wait is over is refused, no password checked";
    now += 250;
    EXPECT_EQ(Fail(t, a, now), 0);
    EXPECT_EQ(t.Begin(a, now + 100), 400);
    for (int i = 0; i < 6; ++i) {
        now += 4000;
        EXPECT_EQ(Fail(t, a, now), 0) << i;
    }
    now += 4000;
    EXPECT_GT(t.Begin(a, now), 4000) << "ten failures: locked for the window";
    // Another account from the same address is not locked by one account's failures.
    EXPECT_EQ(t.Begin({"36.04|y", "1.2.3.4", ""}, now), 0);
    // The window passes.
    EXPECT_EQ(t.Begin(a, now + 16 * 60 * 1000), 0);
}

TEST(LoginThrottle, TriesInParallelCannotPassTheLimitTogether) {
    LoginThrottle t;
    const LoginThrottle::Attempt a{"36.04|x", "1.2.3.4", ""};
    int begun = 0;
    for (int i = 0; i < 100; ++i) begun += t.Begin(a, 0) == 0;  // none has ended yet
    EXPECT_EQ(begun, 3) << "the free failures, then one at a time";
    for (int i = 0; i < begun; ++i) t.End(a, Outcome::kFailed, 0);
    EXPECT_GT(t.Begin(a, 0), 0);
}

TEST(LoginThrottle, SuccessClearsThePairAndTheAccount) {
    LoginThrottle t;
    const LoginThrottle::Attempt a{"36.04|x", "ip", ""};
    for (int i = 0; i < 3; ++i) Fail(t, a, 0);
    ASSERT_EQ(t.Begin(a, 10'000), 0);
    t.End(a, Outcome::kSucceeded, 10'000);
    EXPECT_EQ(Fail(t, a, 10'000), 0);
    EXPECT_EQ(Fail(t, a, 10'000), 0);
}

TEST(LoginThrottle, AnAbortedTryCountsNothing) {
    LoginThrottle t;
    const LoginThrottle::Attempt a{"36.04|x", "ip", ""};
    for (int i = 0; i < 50; ++i) {
        ASSERT_EQ(t.Begin(a, 0), 0);
        t.End(a, Outcome::kAborted, 0);
    }
}

TEST(LoginThrottle, OneAddressGuessingManyAccountsIsStopped) {
    LoginThrottle t;
    for (int i = 0; i < 50; ++i) EXPECT_EQ(Fail(t, {"acct" + std::to_string(i), "9.9.9.9", ""}, 0), 0);
    EXPECT_GT(t.Begin({"fresh-account", "9.9.9.9", ""}, 0), 0);
}

TEST(LoginThrottle, ManyAddressesGuessingOneAccountNeverLockItsKnownDevice) {
    LoginThrottle t;
    const std::string cookie = t.NewDeviceCookie("36.04|x");
    const std::string device = t.KnownDevice("36.04|x", cookie);
    ASSERT_FALSE(device.empty());
    EXPECT_EQ(t.KnownDevice("36.04|y", cookie), "") << "a cookie is for its own account";
    std::string tampered = cookie;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';  // always a different MAC, never the same one by chance
    EXPECT_EQ(t.KnownDevice("36.04|x", tampered), "");
    EXPECT_EQ(t.KnownDevice("36.04|x", "forged.cookie"), "");
    for (int i = 0; i < 60; ++i) Fail(t, {"36.04|x", "10.0.0." + std::to_string(i), ""}, 0);
    EXPECT_GT(t.Begin({"36.04|x", "10.1.1.1", ""}, 0), 0) << "the account is locked for unknown devices";
    EXPECT_EQ(t.Begin({"36.04|x", "10.0.0.1", device}, 0), 0) << "its owner's device still tries";
}

TEST(LoginThrottle, DeviceCookiesOutliveTheProcessWithTheDeploymentsKey) {
    crypto::Key32 key{};
    key[0] = 7;
    LoginThrottle a, b;
    a.SetDeviceKey(key);
    b.SetDeviceKey(key);
    EXPECT_FALSE(b.KnownDevice("36.04|x", a.NewDeviceCookie("36.04|x")).empty());
    LoginThrottle other;
    EXPECT_EQ(other.KnownDevice("36.04|x", a.NewDeviceCookie("36.04|x")), "");
}

}  // namespace
}  // namespace satupintu::identity
