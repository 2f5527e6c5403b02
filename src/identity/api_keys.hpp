// API keys for integrations (Open311 clients, bank callbacks, other systems). A key is shown
// once at creation; the store keeps its SHA-256. Keys act with the role they were created with.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "identity/principal.hpp"
#include "store/store.hpp"

namespace satupintu::identity {

struct NewApiKey {
    std::string id;
    std::string key;  // "sp_<id>_<secret>"
};

Result<NewApiKey> CreateApiKey(store::WriteTx& tx, const store::TenantId& tenant, const std::string& name,
                               const std::string& role, int64_t now_ms, const std::string& actor);
Result<std::optional<Principal>> FindApiKey(store::ReadTx& tx, const std::string& key);

// The platform operator's keys (issue 15): they onboard, list, disable and enable regions through
// /api/v1/platform and nothing else; no region's key or account can. Shown once at creation.
inline constexpr const char* kPlatformKeyPrefix = "spp_";
Result<NewApiKey> CreatePlatformKey(store::WriteTx& tx, const std::string& name, int64_t now_ms);
// The key's id, or nullopt for an unknown or revoked key.
Result<std::optional<std::string>> FindPlatformKey(store::ReadTx& tx, const std::string& key);

}  // namespace satupintu::identity
