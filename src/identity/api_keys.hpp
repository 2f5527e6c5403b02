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

}  // namespace satupintu::identity
