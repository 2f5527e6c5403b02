// Keeps NIKs as personal data must be kept: sealed (XSalsa20-Poly1305) for storage, a keyed
// blind index (HMAC-SHA-256) for exact lookup, and masked for display.
//
// The two keys come from the deployment's secret (data/keys for SQLite, SATUPINTU_SECRET_KEY
// for clustered nodes). Immutable after construction; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/crypto.hpp"
#include "core/result.hpp"

namespace satupintu::identity {

class NikVault {
  public:
    // Derives the sealing and index keys from one 32-byte master secret.
    explicit NikVault(const crypto::Key32& master);

    std::string Seal(const std::string& nik) const;
    std::optional<std::string> Open(const std::string& sealed) const;
    std::string BlindIndex(const std::string& nik) const;

  private:
    crypto::Key32 seal_key_;
    crypto::Key32 index_key_;
};

// A subkey of the master secret for one purpose: `id` and the 8-character `ctx` name it (1 and 2
// are the NIK keys, 3 the login throttle's device cookies).
crypto::Key32 DeriveKey(const crypto::Key32& master, uint64_t id, const char ctx[8]);

// Loads the master secret from a 64-hex-digit string.
Result<crypto::Key32> ParseMasterKey(const std::string& hex);
// Reads DIR/secret.key, creating it (mode 0600) with a random key on first use.
Result<crypto::Key32> LoadOrCreateMasterKey(const std::string& data_dir);

}  // namespace satupintu::identity
