// The tamper-evident event log: one hash chain per tenant.
//
// Every state change appends an Event in the same WriteTx as the change itself. An entry's hash
// is SHA-256(prev_hash_bytes || canonical_bytes), where canonical_bytes is the canonical JSON of
// {tenant, seq, at, type, actor, subject, payload}; the first entry's prev_hash is 32 zero
// bytes. Entries are never updated or deleted (the schema forbids it). Verify() recomputes a
// chain and names the first entry that does not match.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "store/store.hpp"

namespace satupintu::events {

struct Event {
    std::string type;      // "opd.created", "user.registered", ...
    std::string actor;     // "user:<id>", "apikey:<id>", "system"
    std::string subject;   // the resource, e.g. "opd:<id>"
    json::object payload;  // never personal data in clear (use ids, masked values)
};

struct Appended {
    int64_t seq;
    std::string hash;
};

inline const std::string kGenesisHash(64, '0');

// Creates the chain's head for a new tenant (idempotent).
Status InitChain(store::WriteTx& tx, const store::TenantId& tenant);

// Appends `event` at time `at_ms` to the tenant's chain inside tx.
Result<Appended> Append(store::WriteTx& tx, const store::TenantId& tenant, int64_t at_ms, const Event& event);

// The seq of the tenant's last entry (0 before the first, or without a chain). Every change to
// the tenant's data moves it in the same transaction, so it versions anything read from them.
Result<int64_t> HeadSeq(store::ReadTx& tx, const store::TenantId& tenant);

// The hash an entry must have, from its stored columns.
std::string EntryHash(const std::string& prev_hash_hex, const std::string& tenant, int64_t seq, int64_t at,
                      const std::string& type, const std::string& actor, const std::string& subject,
                      const std::string& payload_text, bool* payload_ok);

struct Broken {
    std::string tenant;
    int64_t seq;
    std::string reason;
};

struct VerifyReport {
    int64_t entries = 0;
    std::optional<Broken> broken;
};

// Recomputes the tenant's whole chain and checks it against the stored head.
Result<VerifyReport> Verify(store::Store& store, const store::TenantId& tenant);

// Everything that makes the log trustworthy, checked at start and on a schedule by the server:
// the schema's append-only guards (triggers) are in place and every tenant's chain verifies.
// nullopt when sound; otherwise what is wrong, for the operator ("tenant 36.04: entry 7: ...").
Result<std::optional<std::string>> Audit(store::Store& store);

struct DayHead {
    std::string tenant;
    std::string date;  // the tenant's civil date
    int64_t seq = 0;   // 0: no entry up to that day
    std::string hash;  // the chain's hash after the day's last entry
};

// The chain head at the end of `date` (tenant-local) for every tenant.
Result<std::vector<DayHead>> DailyHeads(store::Store& store, const std::string& date);

}  // namespace satupintu::events
