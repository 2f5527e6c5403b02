// Thin, typed wrappers over libsodium: hashes, MACs, random tokens, authenticated encryption.
//
// All functions are thread-safe once InitCrypto() has run (it is idempotent; main calls it).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace satupintu::crypto {

using Key32 = std::array<unsigned char, 32>;

bool InitCrypto();

std::string HexEncode(std::string_view bytes);
std::optional<std::string> HexDecode(std::string_view hex);

// Raw 32-byte SHA-256 digest.
std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);
std::string HmacSha256Hex(const Key32& key, std::string_view data);

std::string RandomBytes(size_t n);
// A URL-safe, unpadded base64 token of `bytes` random bytes.
std::string RandomToken(size_t bytes = 32);
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

bool ConstantTimeEqual(std::string_view a, std::string_view b);

// XSalsa20-Poly1305 with a random nonce; output is hex(nonce || ciphertext).
std::string SealHex(const Key32& key, std::string_view plaintext);
std::optional<std::string> OpenHex(const Key32& key, std::string_view sealed_hex);

// Ed25519 (detached signatures). Keys and signatures are raw bytes: public 32, secret 64, sig 64.
struct SigningKeyPair {
    std::string public_key;
    std::string secret_key;
};
SigningKeyPair GenerateSigningKey();
std::string SignDetached(std::string_view secret_key, std::string_view message);
bool VerifyDetached(std::string_view public_key, std::string_view message, std::string_view signature);

}  // namespace satupintu::crypto
