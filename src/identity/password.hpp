// Password hashing with Argon2id (libsodium): m = 19 MiB, t = 2, p = 1 (OWASP's minimum).
//
// Hashing is slow and memory-hungry by design. At most `kMaxConcurrentHashes` run at once
// process-wide (a semaphore), so a login flood cannot exhaust memory; callers must be on a
// worker thread, never an I/O thread.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace satupintu::identity {

inline constexpr int kMaxConcurrentHashes = 2;

// Length and encoding policy: 10..256 bytes of UTF-8.
Status CheckPasswordPolicy(std::string_view password);

Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

// A well-formed hash of a random password: verifying against it costs the same as a real
// account, so a login for an unknown account takes as long as one for a known account.
const std::string& DummyHash();

}  // namespace satupintu::identity
