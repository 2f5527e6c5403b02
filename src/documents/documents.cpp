#include "documents/documents.hpp"

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "events/canonical.hpp"
#include "events/event_log.hpp"
#include "region/tenants.hpp"

namespace satupintu::documents {

namespace {

using store::TenantSql;

constexpr TenantSql kNextSerial{
    "INSERT INTO letter_serials(tenant, unit, year, last) VALUES ($1, $2, $3, 1) "
    "ON CONFLICT (tenant, unit, year) DO UPDATE SET last = letter_serials.last + 1 RETURNING last"};
constexpr TenantSql kInsert{
    "INSERT INTO documents(tenant, id, number, case_id, service_id, holder_id, title, content, status, issued_at, "
    "valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10)"};
constexpr TenantSql kFind{
    "SELECT id, number, case_id, service_id, holder_id, title, content, status, key_id, file_sha256, issued_at, "
    "valid_until, revoked_at, revoke_reason, signature, pdf_sha256 FROM documents WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kOfCase{
    "SELECT id, number, case_id, service_id, holder_id, title, content, status, key_id, file_sha256, issued_at, "
    "valid_until, revoked_at, revoke_reason, signature, pdf_sha256 FROM documents WHERE tenant = $1 AND case_id = $2 "
    "ORDER BY issued_at, id"};
constexpr TenantSql kSigned{
    "UPDATE documents SET status = 'issued', key_id = $3, signature = $4, pdf_sha256 = $5, file_sha256 = $6 "
    "WHERE tenant = $1 AND id = $2 AND status = 'pending'"};
constexpr TenantSql kRevoke{
    "UPDATE documents SET status = 'revoked', revoked_at = $3, revoke_reason = $4 "
    "WHERE tenant = $1 AND id = $2 AND status <> 'revoked'"};
constexpr TenantSql kActiveKey{
    "SELECT id, public_key, sealed_secret FROM signing_keys WHERE tenant = $1 AND retired_at IS NULL "
    "ORDER BY created_at DESC LIMIT 1"};
constexpr TenantSql kInsertKey{
    "INSERT INTO signing_keys(tenant, id, public_key, sealed_secret, created_at) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (tenant, id) DO NOTHING"};
constexpr TenantSql kKeys{
    "SELECT id, public_key, created_at, retired_at FROM signing_keys WHERE tenant = $1 ORDER BY created_at"};
constexpr TenantSql kKey{"SELECT public_key FROM signing_keys WHERE tenant = $1 AND id = $2"};

Result<Document> FromRow(const store::Row& r) {
    Document d;
    d.id = r.Text(0);
    d.number = r.Text(1);
    d.case_id = r.OptText(2);
    d.service_id = r.OptText(3);
    d.holder_id = r.OptText(4);
    d.title = r.Text(5);
    SP_ASSIGN(d.content, ParseJsonObject(r.Text(6)));
    d.status = r.Text(7);
    d.key_id = r.OptText(8);
    d.file_sha256 = r.OptText(9);
    d.issued_at = r.Int(10);
    d.valid_until = r.OptText(11);
    if (!r.IsNull(12)) d.revoked_at = r.Int(12);
    d.revoke_reason = r.OptText(13);
    d.signature_hex = r.OptText(14);
    d.pdf_sha256 = r.OptText(15);
    return d;
}

struct SigningKey {
    std::string id;
    std::string public_key;
    std::string secret_key;
};

// The region's active key; created (and its public half published) on first use.
Result<SigningKey> ActiveKey(store::Store& store, const identity::NikVault& vault, const store::TenantId& tenant,
                             int64_t now_ms) {
    std::optional<store::Row> row;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(row, tx.QueryOne(kActiveKey, tenant));
        return Status::Ok();
    }));
    if (!row) {
        SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(row, tx.QueryOne(kActiveKey, tenant));
            if (row) return Status::Ok();  // another request created it meanwhile
            const auto pair = crypto::GenerateSigningKey();
            const std::string pub = crypto::HexEncode(pair.public_key);
            const std::string id = crypto::Sha256Hex(pair.public_key).substr(0, 16);
            const std::string sealed = vault.Seal(crypto::HexEncode(pair.secret_key));
            SP_TRY(tx.Exec(kInsertKey, tenant, id, pub, sealed, now_ms));
            events::Event e{"signing_key.created", "system", "signing_key:" + id, {}};
            e.payload["algorithm"] = "Ed25519";
            e.payload["public_key"] = pub;
            SP_TRY(events::Append(tx, tenant, now_ms, e));
            row = store::Row{{std::string(id), pub, sealed}};
            return Status::Ok();
        }));
    }
    const auto secret_hex = vault.Open(row->Text(2));
    const auto secret = secret_hex ? crypto::HexDecode(*secret_hex) : std::nullopt;
    const auto pub = crypto::HexDecode(row->Text(1));
    if (!secret || !pub) return Err(Errc::kInternal, "the signing key cannot be opened with this deployment's secret");
    return SigningKey{row->Text(0), *pub, *secret};
}

}  // namespace

Result<std::string> NextNumber(store::WriteTx& tx, const store::TenantId& tenant, const Numbering& n) {
    SP_ASSIGN(auto rows, tx.Query(kNextSerial, tenant, n.unit, n.year));
    return n.classification + "/" + std::to_string(rows.at(0).Int(0)) + "/" + n.unit + "/" + std::to_string(n.year);
}

Result<Document> Issue(store::WriteTx& tx, const store::TenantId& tenant, Content content, const Numbering& numbering,
                       const std::optional<std::string>& case_id, const std::optional<std::string>& service_id,
                       const std::optional<std::string>& holder_id, const std::string& public_url, int64_t now_ms,
                       const std::string& actor) {
    Document d;
    d.id = NewId();
    SP_ASSIGN(d.number, NextNumber(tx, tenant, numbering));
    content.id = d.id;
    content.number = d.number;
    content.region = tenant.code();
    content.verify_url = public_url + "/verifikasi/" + tenant.code() + "/" + d.id;
    d.case_id = case_id;
    d.service_id = service_id;
    d.holder_id = holder_id;
    d.title = content.title;
    d.content = ContentJson(content);
    d.status = "pending";
    d.issued_at = now_ms;
    d.valid_until = content.valid_until;
    SP_TRY(tx.Exec(kInsert, tenant, d.id, d.number, case_id, service_id, holder_id, d.title, ToJson(d.content), now_ms,
                   d.valid_until));
    events::Event e{"document.issued", actor, "document:" + d.id, {}};
    e.payload["number"] = d.number;
    e.payload["title"] = d.title;
    if (case_id) e.payload["case_id"] = *case_id;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return d;
}

Result<std::string> SignedFileOf(store::Store& store, const files::FileStore& files, const identity::NikVault& vault,
                                 const store::TenantId& tenant, const std::string& id, int64_t now_ms) {
    std::optional<Document> doc;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(doc, FindDocument(tx, tenant, id));
        return Status::Ok();
    }));
    if (!doc) return Err(Errc::kNotFound, "no such document");
    if (doc->file_sha256) return files.Get(*doc->file_sha256);

    SP_ASSIGN(const SigningKey key, ActiveKey(store, vault, tenant, now_ms));
    SP_ASSIGN(const Content content, ContentFromJson(doc->content));
    std::string emblem;
    if (content.emblem_sha256) {
        SP_ASSIGN(emblem, files.Get(*content.emblem_sha256));
    }
    SP_ASSIGN(const std::string pdf, RenderPdf(content, emblem));
    const std::string statement = Statement(doc->content, pdf);
    const std::string signature = crypto::SignDetached(key.secret_key, statement);
    std::string file = Seal(pdf, key.id, statement, signature);
    SP_ASSIGN(const std::string file_hash, files.Put(file));
    SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
        // A concurrent download may have signed it first: its file is as good as this one.
        SP_TRY(tx.Exec(kSigned, tenant, id, key.id, crypto::HexEncode(signature), crypto::Sha256Hex(pdf), file_hash));
        return Status::Ok();
    }));
    std::optional<Document> now;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(now, FindDocument(tx, tenant, id));
        return Status::Ok();
    }));
    if (now && now->file_sha256 && *now->file_sha256 != file_hash) return files.Get(*now->file_sha256);
    return file;
}

Status Revoke(store::WriteTx& tx, const store::TenantId& tenant, const std::string& id, const std::string& reason,
              int64_t now_ms, const std::string& actor) {
    if (reason.empty() || reason.size() > 1000 || !IsValidUtf8(reason)) {
        return Err(Errc::kInvalidInput, "a reason of 1-1000 characters", "reason");
    }
    SP_ASSIGN(auto doc, FindDocument(tx, tenant, id));
    if (!doc) return Err(Errc::kNotFound, "no such document");
    SP_ASSIGN(auto n, tx.Exec(kRevoke, tenant, id, now_ms, reason));
    if (n != 1) return Err(Errc::kConflict, "the document is already revoked");
    events::Event e{"document.revoked", actor, "document:" + id, {}};
    e.payload["number"] = doc->number;
    e.payload["reason"] = reason;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return Status::Ok();
}

Result<std::optional<Document>> FindDocument(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id) {
    SP_ASSIGN(auto row, tx.QueryOne(kFind, tenant, id));
    if (!row) return std::optional<Document>{};
    SP_ASSIGN(auto d, FromRow(*row));
    return std::optional<Document>{std::move(d)};
}

Result<std::vector<Document>> DocumentsOfCase(store::ReadTx& tx, const store::TenantId& tenant,
                                              const std::string& case_id) {
    SP_ASSIGN(auto rows, tx.Query(kOfCase, tenant, case_id));
    std::vector<Document> out;
    for (const auto& r : rows) {
        SP_ASSIGN(auto d, FromRow(r));
        out.push_back(std::move(d));
    }
    return out;
}

Result<std::vector<PublicKey>> PublicKeys(store::ReadTx& tx, const store::TenantId& tenant) {
    SP_ASSIGN(auto rows, tx.Query(kKeys, tenant));
    std::vector<PublicKey> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2), !r.IsNull(3)});
    return out;
}

Result<FileVerdict> VerifyFile(store::ReadTx& tx, std::string_view file) {
    SP_ASSIGN(SignedFile f, Split(file));
    FileVerdict v;
    v.key_id = f.key_id;
    v.content = f.content;
    const auto* region = f.content.if_contains("region");
    if (!region || !region->is_string()) return Err(Errc::kInvalidInput, "the statement names no region", "file");
    v.region = std::string(region->as_string());
    SP_ASSIGN(auto tenant_found, region::FindTenant(tx, v.region));
    if (!tenant_found) return Err(Errc::kNotFound, "the region is not served here");
    const store::TenantId tenant(tenant_found->code);
    SP_ASSIGN(auto key_row, tx.QueryOne(kKey, tenant, f.key_id));
    if (!key_row) return Err(Errc::kNotFound, "the signing key is not one of the region's published keys");
    const auto pub = crypto::HexDecode(key_row->Text(0));
    v.check = Verify(f, pub.value_or(""));
    if (const auto* id = f.content.if_contains("id"); id && id->is_string()) {
        SP_ASSIGN(v.record, FindDocument(tx, tenant, std::string(id->as_string())));
    }
    return v;
}

Result<bool> RecordAuthentic(store::ReadTx& tx, const store::TenantId& tenant, const Document& d) {
    if (!d.key_id || !d.signature_hex || !d.pdf_sha256) return false;
    SP_ASSIGN(auto key_row, tx.QueryOne(kKey, tenant, *d.key_id));
    if (!key_row) return false;
    json::object o = d.content;
    o["pdf_sha256"] = *d.pdf_sha256;
    const auto pub = crypto::HexDecode(key_row->Text(0));
    const auto sig = crypto::HexDecode(*d.signature_hex);
    return pub && sig && crypto::VerifyDetached(*pub, events::Canonical(o), *sig);
}

std::string StatusOn(const Document& d, const std::string& today) {
    if (d.status == "revoked") return "revoked";
    if (d.status == "pending") return "pending";
    if (d.valid_until && *d.valid_until < today) return "expired";
    return "valid";
}

}  // namespace satupintu::documents
