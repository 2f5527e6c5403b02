// The production store: PostgreSQL through libpq, with a bounded pool of connections.
//
// Statements are prepared once per connection. Writes run in one transaction each and are
// retried on serialization failure or deadlock; PostgreSQL's own group commit batches fsyncs
// across connections. Reads run as autocommit statements: each sees all data committed before it,
// but two statements of one Read callback may see different commits (no shared snapshot yet).
#pragma once

#include <memory>

#include "store/store.hpp"

namespace satupintu::store {

Result<std::unique_ptr<Store>> OpenPostgresStore(const StoreOptions& options);

}  // namespace satupintu::store
