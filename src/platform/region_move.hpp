// Moving a region between stores (issue 15): `satupintu region export CODE --out FILE` writes
// everything of one region, and `satupintu region import FILE` writes it into another store, for
// example a regency leaving its own SQLite server for its province's PostgreSQL cluster.
//
// Everything is every row of every table with a tenant column, the region's own record, and the
// files its rows name (uploads, signed PDFs, the emblem). Rows are copied as they are, the event
// log's entries and head included, so the hash chain verifies on the target exactly as on the
// source: the import checks the chain before writing and verifies it again after. The target
// gets the region in one transaction, or nothing.
//
// The file is JSON lines: a header {"satupintu_region": 1, "region", "schema_version",
// "key_id", "exported_at"}; per table {"table", "columns"} and then one JSON array per row; per
// file {"file": sha256, "base64": content}; and a last {"end": {"rows", "files"}}, so that a cut
// file is refused. Sealed values (NIKs, signing and bank secrets) stay sealed: the target must
// run with the same master key (key_id, a hash of it, is compared).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "core/crypto.hpp"
#include "core/result.hpp"
#include "files/attachments.hpp"
#include "store/store.hpp"

namespace satupintu::platform {

struct MoveCounts {
    int64_t tables = 0, rows = 0, files = 0;
    int64_t chain_entries = 0;  // the event log's entries, verified
};

// A short public name of a master key: equal keys, equal ids.
std::string KeyId(const crypto::Key32& key);

Result<MoveCounts> ExportRegion(store::Store& store, const files::FileStore& files, const crypto::Key32& key,
                                const std::string& code, int64_t now_ms, std::ostream& out);

// Refused with nothing written: another schema version or master key, a region the target has
// already, a row of another region, a file whose content does not match its hash, a chain that
// does not verify, a cut or altered file.
Result<MoveCounts> ImportRegion(store::Store& store, const files::FileStore& files, const crypto::Key32& key,
                                std::istream& in);

}  // namespace satupintu::platform
