// Backup and restore of the embedded (SQLite) store.
//
// A backup is a folder holding a consistent online snapshot of the database (SQLite's backup
// API, taken while the server runs) and a copy of secret.key, without which sealed NIKs cannot
// be read. Restore refuses to overwrite a data folder unless forced, and verifies every audit
// chain of the restored copy before it reports success.
#pragma once

#include <ostream>
#include <string>

#include "app/config.hpp"

namespace satupintu::app {

Status Backup(const Config& c, const std::string& out_dir, std::ostream& out);
Status Restore(const Config& c, const std::string& from_dir, bool force, std::ostream& out);

// Verifies every tenant's chain; prints one line per tenant. kInvalidInput if any is broken.
Status VerifyAudit(store::Store& store, std::ostream& out);

}  // namespace satupintu::app
