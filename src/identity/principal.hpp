// Who is making a request, as established by a session cookie or an API key.
#pragma once

#include <optional>
#include <string>

#include "store/store.hpp"

namespace satupintu::identity {

struct Principal {
    store::TenantId tenant{""};
    std::string user_id;  // the user, or the API key's id
    std::string role;
    std::optional<std::string> opd_id;
    bool via_api_key = false;
    std::string csrf_token;  // sessions only

    // The actor string recorded in events.
    std::string Actor() const { return (via_api_key ? "apikey:" : "user:") + user_id; }
};

}  // namespace satupintu::identity
