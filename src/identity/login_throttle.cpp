#include "identity/login_throttle.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace satupintu::identity {
namespace {

crypto::Key32 RandomKey() {
    crypto::Key32 k;
    const std::string bytes = crypto::RandomBytes(k.size());
    std::memcpy(k.data(), bytes.data(), k.size());
    return k;
}

}  // namespace

LoginThrottle::LoginThrottle() : device_key_(RandomKey()) {}

std::string LoginThrottle::PairKey(const Attempt& a) {
    return a.account + (a.device.empty() ? "|ip:" + a.address : "|device:" + a.device);
}

void LoginThrottle::Evict(int64_t now_ms) {
    std::erase_if(entries_, [&](const auto& kv) {
        return kv.second.in_flight == 0 && now_ms - kv.second.first_ms > policy_.window_ms;
    });
    // Still full: forget the idle ones (fail open on delay, never on the check of a password).
    if (entries_.size() >= policy_.max_entries)
        std::erase_if(entries_, [](const auto& kv) { return kv.second.in_flight == 0; });
}

int64_t LoginThrottle::Begin(const Attempt& a, int64_t now_ms) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= policy_.max_entries) Evict(now_ms);
    const auto entry = [&](const std::string& key) -> Entry& {
        Entry& e = entries_[key];
        if (e.in_flight == 0 && now_ms - e.first_ms > policy_.window_ms) e = Entry{0, 0, now_ms, 0};
        return e;
    };
    const auto locked_for = [&](const Entry& e) {
        return std::max<int64_t>(1000, e.first_ms + policy_.window_ms - now_ms);
    };

    const bool known = !a.device.empty();
    Entry& pair = entry(PairKey(a));
    const int tries = pair.failures + pair.in_flight;
    int64_t wait = 0;
    if (tries >= policy_.lockout_failures) {
        wait = locked_for(pair);
    } else if (now_ms < pair.not_before_ms) {
        wait = pair.not_before_ms - now_ms;
    } else if (tries >= policy_.free_failures && pair.in_flight > 0) {
        wait = 1000;  // past the free failures, one try at a time
    }
    std::array<Entry*, 2> wide{};
    if (!known) {
        wide = {&entry("account:" + a.account), &entry("ip:" + a.address)};
        for (Entry* e : wide) {
            if (e->failures + e->in_flight >= policy_.lockout_failures * kWideScale)
                wait = std::max(wait, locked_for(*e));
        }
    }
    if (wait > 0) return wait;
    ++pair.in_flight;
    for (Entry* e : wide) {
        if (e) ++e->in_flight;
    }
    return 0;
}

void LoginThrottle::End(const Attempt& a, Outcome outcome, int64_t now_ms) {
    std::lock_guard lock(mu_);
    const auto settle = [&](const std::string& key, bool is_pair, bool success_clears) {
        const auto it = entries_.find(key);
        if (it == entries_.end()) return;
        Entry& e = it->second;
        if (e.in_flight > 0) --e.in_flight;
        if (outcome == Outcome::kFailed) {
            ++e.failures;
            if (is_pair && e.failures >= policy_.free_failures) {
                const int steps = std::min(e.failures - policy_.free_failures, 10);
                e.not_before_ms = now_ms + std::min<int64_t>(policy_.max_delay_ms, int64_t{250} << steps);
            }
        } else if (outcome == Outcome::kSucceeded && success_clears) {
            e.failures = 0;
            e.not_before_ms = 0;
        }
    };
    settle(PairKey(a), true, true);
    if (a.device.empty()) {
        settle("account:" + a.account, false, true);
        settle("ip:" + a.address, false, false);  // the address's other guesses still count
    }
}

std::string LoginThrottle::DeviceMac(const std::string& account, const std::string& id) const {
    return crypto::HmacSha256Hex(device_key_, "login-device|" + account + "|" + id);
}

std::string LoginThrottle::NewDeviceCookie(const std::string& account) const {
    const std::string id = crypto::RandomToken(16);
    return id + "." + DeviceMac(account, id);
}

std::string LoginThrottle::KnownDevice(const std::string& account, const std::string& cookie) const {
    const size_t dot = cookie.find('.');
    if (dot == std::string::npos || dot == 0) return "";
    const std::string id = cookie.substr(0, dot);
    return crypto::ConstantTimeEqual(cookie.substr(dot + 1), DeviceMac(account, id)) ? id : "";
}

namespace {
constexpr store::GlobalSql kSharedCount{"SELECT first_at, failures FROM login_failures WHERE account = $1"};
constexpr store::GlobalSql kSharedFailure{
    "INSERT INTO login_failures(account, first_at, failures) VALUES ($1, $2, 1) ON CONFLICT (account) DO UPDATE"
    " SET failures = CASE WHEN login_failures.first_at < $3 THEN 1 ELSE login_failures.failures + 1 END,"
    " first_at = CASE WHEN login_failures.first_at < $3 THEN excluded.first_at ELSE login_failures.first_at END"};
constexpr store::GlobalSql kSharedClear{"DELETE FROM login_failures WHERE account = $1"};

std::string AccountKey(const std::string& account) {
    return crypto::Sha256Hex(account);
}
}  // namespace

Result<int64_t> SharedLockWait(store::ReadTx& tx, const std::string& account, int limit, int64_t window_ms,
                               int64_t now_ms) {
    SP_ASSIGN(auto row, tx.QueryOne(kSharedCount, AccountKey(account)));
    if (!row || row->Int(1) < limit) return int64_t{0};
    const int64_t until = row->Int(0) + window_ms;
    return until > now_ms ? until - now_ms : 0;
}

Status RecordSharedFailure(store::WriteTx& tx, const std::string& account, int64_t window_ms, int64_t now_ms) {
    return tx.Exec(kSharedFailure, AccountKey(account), now_ms, now_ms - window_ms).status();
}

Status ClearSharedFailures(store::WriteTx& tx, const std::string& account) {
    return tx.Exec(kSharedClear, AccountKey(account)).status();
}

}  // namespace satupintu::identity
