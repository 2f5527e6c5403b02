// Slows and then stops password guessing without holding a thread, and without locking out an
// account's owner or the other people behind the same office address.
//
// Failures are counted per (account, source), where the source is the client's known device when
// it has one (a signed cookie given at a successful login to that account) and its address
// otherwise. After `free_failures` a pair waits before its next try, longer with each failure (a
// try sooner is refused with 429 and Retry-After, no password is checked); after
// `lockout_failures` the pair is refused until its window passes. The same counts per account and
// per address lock only at kWideScale times the limit (many addresses guessing one account, one
// address guessing many accounts), and never lock a known device: the owner's phone still logs in
// while others guess.
//
// A try is counted when it begins, so tries in parallel cannot pass the limit together: past the
// free failures a pair has at most one try in flight. In-memory and per process; the account-wide
// lock is also kept in the store for every node (SharedLockWait, issue 15). Thread-safe;
// bounded (entries whose window has passed are evicted past `max_entries`).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/crypto.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::identity {

class LoginThrottle {
  public:
    struct Policy {
        int free_failures = 3;
        int lockout_failures = 10;
        int64_t window_ms = 15 * 60 * 1000;
        int64_t max_delay_ms = 4000;
        size_t max_entries = 100000;
    };
    struct Attempt {
        std::string account;  // "region|login"
        std::string address;  // the client's address
        std::string device;   // a known device's id for this account ("" if none)
    };
    enum class Outcome { kFailed, kSucceeded, kAborted };

    LoginThrottle();  // a random device key until SetDeviceKey
    explicit LoginThrottle(Policy p) : LoginThrottle() { policy_ = p; }

    void SetPolicy(Policy p) {
        std::lock_guard lock(mu_);
        policy_ = p;
    }
    // The key device cookies are signed with (derived from the deployment's secret, so cookies
    // survive a restart and hold on every node). Set before serving.
    void SetDeviceKey(const crypto::Key32& key) { device_key_ = key; }

    // Before checking a password: 0 to go on (the try is now counted and must be ended with End),
    // or how long to wait (refuse with 429).
    int64_t Begin(const Attempt& a, int64_t now_ms);
    void End(const Attempt& a, Outcome outcome, int64_t now_ms);

    // How many failures in a window lock an account for everyone but its known devices, and the
    // window: also applied to the count shared by every node (SharedLockWait).
    int AccountLockLimit() {
        std::lock_guard lock(mu_);
        return policy_.lockout_failures * kWideScale;
    }
    int64_t WindowMs() {
        std::lock_guard lock(mu_);
        return policy_.window_ms;
    }

    // A device cookie's value for `account` ("<id>.<mac>"), and the device id in a cookie value if
    // it was given for `account` ("" otherwise).
    std::string NewDeviceCookie(const std::string& account) const;
    std::string KnownDevice(const std::string& account, const std::string& cookie) const;

  private:
    struct Entry {
        int failures = 0;
        int in_flight = 0;
        int64_t first_ms = 0;
        int64_t not_before_ms = 0;
    };
    static constexpr int kWideScale = 5;
    static std::string PairKey(const Attempt& a);
    std::string DeviceMac(const std::string& account, const std::string& id) const;
    void Evict(int64_t now_ms);

    Policy policy_;
    crypto::Key32 device_key_;
    std::mutex mu_;
    std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

// The account-wide count shared by the nodes on one database (table login_failures).
// How long `account` ("region|login") must wait because `limit` failures were counted within
// `window_ms` on any node (0: go on).
Result<int64_t> SharedLockWait(store::ReadTx& tx, const std::string& account, int limit, int64_t window_ms,
                               int64_t now_ms);
// Counts one failure (a new window once the last has passed).
Status RecordSharedFailure(store::WriteTx& tx, const std::string& account, int64_t window_ms, int64_t now_ms);
// A success: the count starts again.
Status ClearSharedFailures(store::WriteTx& tx, const std::string& account);

}  // namespace satupintu::identity
