// Erasure of a person's data on their request (UU 27/2022: the right to have personal data
// deleted), and what the law lets a public body keep. Decision 20 says how it meets the audit chain.
//
// Erased: the account's name, email, phone, NIK and password (the account stays as an empty,
// disabled row so that records pointing at it still hold together), its sessions, pending
// registrations and the emails kept for its address; of every complaint or other case the person
// filed, except permit applications, the description, the answers, the address, the search terms,
// the notes the person wrote and their rating comment; their uploads to those cases are unlinked
// and removed by the next maintenance sweep (files::ForgetUnlinked).
//
// Kept, because public-service records must be: permit applications and the signed documents
// issued on them (the archive law), survey scores (no text), counts, and the audit chain, which
// from decision 20 on holds digests of what people wrote, never the text.
#pragma once

#include <string>

#include "store/store.hpp"

namespace satupintu::privacy {

struct Erasure {
    int cases = 0;         // cases whose text was erased
    int uploads = 0;       // uploads unlinked for removal
    int emails = 0;        // kept emails deleted
    int applications = 0;  // permit applications kept (archive)
    int documents = 0;     // signed documents kept (archive)
};

// Erases the personal data of `user_id` in `tenant` inside `tx` and records it in the audit log.
// kNotFound when there is no such user; kConflict for a staff account (staff data is the region's
// record of who acted, handled by the region's admin, not by this request).
Result<Erasure> ErasePerson(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id,
                            int64_t now_ms, const std::string& actor);

// Registers the case-class hook "erase_personal_data": a personal-data request of kind
// "penghapusan" erases its requester's data when the officer grants it, and the timeline says
// what was erased and what was kept. Called once at start-up.
void RegisterCaseHooks();

}  // namespace satupintu::privacy
