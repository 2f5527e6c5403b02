// Issued documents: numbering, signing keys, issue -> render + sign -> verify -> revoke.
//
// Issuing is two steps so that the single writer never waits on rendering: Issue() numbers and
// records the document inside the caller's transaction (with its event); Finalize() renders,
// signs and stores the PDF afterwards, outside any transaction. A document left pending by a
// crash is finalized on first download (rendering is deterministic).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "documents/render.hpp"
#include "documents/signature.hpp"
#include "files/attachments.hpp"
#include "identity/nik_vault.hpp"
#include "store/store.hpp"

namespace satupintu::documents {

struct Document {
    std::string id;
    std::string number;
    std::optional<std::string> case_id;
    std::optional<std::string> service_id;
    std::optional<std::string> holder_id;
    std::string title;
    json::object content;
    std::string status;  // pending, issued, revoked
    std::optional<std::string> key_id;
    std::optional<std::string> file_sha256;
    std::optional<std::string> signature_hex;
    std::optional<std::string> pdf_sha256;
    int64_t issued_at = 0;
    std::optional<std::string> valid_until;
    std::optional<int64_t> revoked_at;
    std::optional<std::string> revoke_reason;
};

struct PublicKey {
    std::string id;
    std::string public_key_hex;
    int64_t created_at = 0;
    bool retired = false;
};

// Where the number comes from: {classification}/{serial}/{unit}/{year}.
struct Numbering {
    std::string classification;  // e.g. 000.9.2
    std::string unit;            // e.g. KESBANGPOL
    int year = 0;
};

// Allocates the next number of the unit's year.
Result<std::string> NextNumber(store::WriteTx& tx, const store::TenantId& tenant, const Numbering& n);

// Numbers and records a document (status pending) and appends "document.issued". Fills
// content.id, content.number and content.verify_url (`public_url` + /verifikasi/{region}/{id}).
Result<Document> Issue(store::WriteTx& tx, const store::TenantId& tenant, Content content, const Numbering& numbering,
                       const std::optional<std::string>& case_id, const std::optional<std::string>& service_id,
                       const std::optional<std::string>& holder_id, const std::string& public_url, int64_t now_ms,
                       const std::string& actor);

// Renders, signs and stores a pending document (creating the region's key on first use);
// returns the signed file. For an issued one, returns the stored file.
Result<std::string> SignedFileOf(store::Store& store, const files::FileStore& files, const identity::NikVault& vault,
                                 const store::TenantId& tenant, const std::string& id, int64_t now_ms);

// Revokes with a reason (kept visible on the verification page); appends "document.revoked".
Status Revoke(store::WriteTx& tx, const store::TenantId& tenant, const std::string& id, const std::string& reason,
              int64_t now_ms, const std::string& actor);

Result<std::optional<Document>> FindDocument(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id);
Result<std::vector<Document>> DocumentsOfCase(store::ReadTx& tx, const store::TenantId& tenant,
                                              const std::string& case_id);
Result<std::vector<PublicKey>> PublicKeys(store::ReadTx& tx, const store::TenantId& tenant);

// What a file says about itself, checked against the region's published key and the record.
struct FileVerdict {
    Check check = Check::kBadSignature;
    std::string region;
    std::string key_id;
    json::object content;
    std::optional<Document> record;  // the issuing record, when this store has it
};
// kInvalidInput when the file carries no signature; kNotFound when the key is unknown here.
Result<FileVerdict> VerifyFile(store::ReadTx& tx, std::string_view file);

// Whether the record's stored signature verifies with the region's key (the record is what the
// region signed, unchanged since).
Result<bool> RecordAuthentic(store::ReadTx& tx, const store::TenantId& tenant, const Document& d);

// "valid", "revoked", "expired" (valid_until before `today`), or "pending".
std::string StatusOn(const Document& d, const std::string& today);

}  // namespace satupintu::documents
