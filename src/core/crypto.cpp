#include "core/crypto.hpp"

#include <sodium.h>

namespace satupintu::crypto {

bool InitCrypto() {
    return sodium_init() >= 0;
}

std::string HexEncode(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    out.pop_back();
    return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out(hex.size() / 2, '\0');
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr, &len,
                       &end) != 0 ||
        len != out.size() || end != hex.data() + hex.size()) {
        return std::nullopt;
    }
    return out;
}

std::string Sha256(std::string_view data) {
    std::string out(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return out;
}

std::string Sha256Hex(std::string_view data) {
    return HexEncode(Sha256(data));
}

std::string HmacSha256Hex(const Key32& key, std::string_view data) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.data(), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    crypto_auth_hmacsha256_final(&st, mac);
    return HexEncode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string RandomBytes(size_t n) {
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      variant);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
    std::string out(text.size() * 3 / 4 + 3, '\0');
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    out.resize(len);
    return out;
}

std::string RandomToken(size_t bytes) {
    return Base64UrlEncode(RandomBytes(bytes));
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SealHex(const Key32& key, std::string_view plaintext) {
    std::string buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(buf.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plaintext.data()),
                          plaintext.size(), nonce, key.data());
    return HexEncode(buf);
}

std::optional<std::string> OpenHex(const Key32& key, std::string_view sealed_hex) {
    auto raw = HexDecode(sealed_hex);
    if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
    const auto* nonce = reinterpret_cast<const unsigned char*>(raw->data());
    const size_t clen = raw->size() - crypto_secretbox_NONCEBYTES;
    std::string out(clen - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), nonce + crypto_secretbox_NONCEBYTES,
                                   clen, nonce, key.data()) != 0) {
        return std::nullopt;
    }
    return out;
}

SigningKeyPair GenerateSigningKey() {
    SigningKeyPair k{std::string(crypto_sign_PUBLICKEYBYTES, '\0'), std::string(crypto_sign_SECRETKEYBYTES, '\0')};
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(k.public_key.data()),
                        reinterpret_cast<unsigned char*>(k.secret_key.data()));
    return k;
}

std::string SignDetached(std::string_view secret_key, std::string_view message) {
    std::string sig(crypto_sign_BYTES, '\0');
    if (secret_key.size() != crypto_sign_SECRETKEYBYTES) return {};
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         reinterpret_cast<const unsigned char*>(secret_key.data()));
    return sig;
}

bool VerifyDetached(std::string_view public_key, std::string_view message, std::string_view signature) {
    if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

}  // namespace satupintu::crypto
