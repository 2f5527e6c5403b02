#include "identity/nik_vault.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace satupintu::identity {

crypto::Key32 DeriveKey(const crypto::Key32& master, uint64_t id, const char ctx[8]) {
    crypto::Key32 out;
    crypto_kdf_derive_from_key(out.data(), out.size(), id, ctx, master.data());
    return out;
}

NikVault::NikVault(const crypto::Key32& master)
    : seal_key_(DeriveKey(master, 1, "nikseal_")), index_key_(DeriveKey(master, 2, "nikindex")) {}

std::string NikVault::Seal(const std::string& nik) const {
    return crypto::SealHex(seal_key_, nik);
}

std::optional<std::string> NikVault::Open(const std::string& sealed) const {
    return crypto::OpenHex(seal_key_, sealed);
}

std::string NikVault::BlindIndex(const std::string& nik) const {
    return crypto::HmacSha256Hex(index_key_, nik);
}

Result<crypto::Key32> ParseMasterKey(const std::string& hex) {
    auto raw = crypto::HexDecode(hex);
    if (!raw || raw->size() != 32) return Err(Errc::kInvalidInput, "secret key must be 64 hex digits");
    crypto::Key32 k;
    std::memcpy(k.data(), raw->data(), 32);
    return k;
}

Result<crypto::Key32> LoadOrCreateMasterKey(const std::string& data_dir) {
    const std::string path = data_dir + "/secret.key";
    if (std::ifstream in(path); in) {
        std::string hex;
        in >> hex;
        return ParseMasterKey(hex);
    }
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    const std::string tmp = path + ".tmp";
    {
        const mode_t old = ::umask(077);
        std::ofstream out(tmp, std::ios::trunc);
        ::umask(old);
        if (!out) return Err(Errc::kInternal, "cannot write " + path);
        out << crypto::HexEncode(crypto::RandomBytes(32)) << "\n";
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) return Err(Errc::kInternal, "cannot write " + path);
    return LoadOrCreateMasterKey(data_dir);
}

}  // namespace satupintu::identity
