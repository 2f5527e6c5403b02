// The production store: PostgreSQL through libpq, with a bounded pool of connections.
//
// Statements are prepared once per connection. Writes run in one transaction each and are
// retried on serialization failure or deadlock; PostgreSQL's own group commit batches fsyncs
// across connections. Reads run as single autocommit statements or, when a Read callback issues
// several, inside one REPEATABLE READ READ ONLY transaction.
#pragma once

#include <memory>

#include "store/store.hpp"

namespace satupintu::store {

Result<std::unique_ptr<Store>> OpenPostgresStore(const StoreOptions& options);

}  // namespace satupintu::store
