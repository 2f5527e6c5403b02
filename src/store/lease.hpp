// Leases: one holder at a time for a named piece of scheduled work across every node on one
// database (issue 15). Same SQL on both stores; a row per job in `leases`.
#pragma once

#include <string>

#include "store/store.hpp"

namespace satupintu::store {

// Takes or renews `name` for `holder` until now_ms + ttl_ms. True when `holder` holds it after
// the call: it held it already, or the lease was free or had run out. A holder that stops
// renewing loses it ttl_ms after its last renewal.
Result<bool> TakeLease(Store& store, const std::string& name, const std::string& holder, int64_t now_ms,
                       int64_t ttl_ms);

// How many leases whose name starts with `prefix` are held at now_ms (live nodes, when each
// renews a lease "node:<its id>").
Result<int> CountLeases(Store& store, const std::string& prefix, int64_t now_ms);

// Gives the lease up at once (a node shutting down), if `holder` holds it.
Status ReleaseLease(Store& store, const std::string& name, const std::string& holder);

}  // namespace satupintu::store
