#include "identity/password.hpp"

#include <sodium.h>

#include <semaphore>

#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/problems.hpp"

namespace satupintu::identity {

namespace {
constexpr unsigned long long kOps = 2;
constexpr size_t kMem = 19 * 1024 * 1024;

std::counting_semaphore<kMaxConcurrentHashes>& Slots() {
    static std::counting_semaphore<kMaxConcurrentHashes> s(kMaxConcurrentHashes);
    return s;
}

struct SlotGuard {
    SlotGuard() { Slots().acquire(); }
    ~SlotGuard() { Slots().release(); }
};
}  // namespace

Status CheckPasswordPolicy(std::string_view password) {
    if (password.size() < 10) return Invalid("password", "input.password_short", {{"min", "10"}});
    if (password.size() > 256) return Invalid("password", "input.password_long");
    if (!IsValidUtf8(password)) return Invalid("password", "input.not_utf8");
    return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    SlotGuard slot;
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOps, kMem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Err(Errc::kUnavailable, "out of memory while hashing");
    }
    return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
    SlotGuard slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyHash() {
    static const std::string h = HashPassword(crypto::RandomToken(16)).value();
    return h;
}

}  // namespace satupintu::identity
