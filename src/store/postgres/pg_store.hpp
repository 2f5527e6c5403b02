// The production store: PostgreSQL through libpq, with a bounded pool of connections.
//
// Statements are prepared once per connection. Writes are committed in batches by writer threads
// on pipelined connections (decision 23) and run again on serialization failure, deadlock, or a
// connection lost before COMMIT; each Read is one read-only snapshot. Every wait for the server is
// bounded (StoreOptions::pg_io_timeout_ms), so that a frozen primary holds nothing for ever.
#pragma once

#include <memory>

#include "store/store.hpp"

namespace satupintu::store {

Result<std::unique_ptr<Store>> OpenPostgresStore(const StoreOptions& options);

}  // namespace satupintu::store
