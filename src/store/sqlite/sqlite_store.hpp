// The embedded store: SQLite in WAL mode with synchronous=FULL, in DATA/satupintu.db.
//
// Writes from every thread are queued to one writer thread, which commits them in batches
// (group commit: one fsync for many requests). Each write runs inside a SAVEPOINT, so one failing
// write leaves its batch-mates untouched. Write() returns after its batch's COMMIT is durable.
// Reads run on a pool of reader connections in parallel with the writer.
#pragma once

#include <memory>

#include "store/store.hpp"

namespace satupintu::store {

Result<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options);

}  // namespace satupintu::store
