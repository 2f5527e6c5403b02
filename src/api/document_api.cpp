// Signed documents: the public verification (by id, from the QR code, and of an uploaded file),
// the region's published keys, the holder's download, and revocation.
#include "api/api.hpp"
#include "api/case_context.hpp"
#include "cases/classes.hpp"
#include "documents/documents.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

const char* CheckName(documents::Check c) {
    switch (c) {
        case documents::Check::kAuthentic:
            return "authentic";
        case documents::Check::kAltered:
            return "altered";
        case documents::Check::kBadSignature:
            break;
    }
    return "bad_signature";
}

// What anyone may see of a document: what is printed on it, and whether it still holds.
json::object PublicView(const documents::Document& d, const std::string& today, bool authentic) {
    const auto& c = d.content;
    auto text = [&](const char* key) -> json::value {
        const auto* v = c.if_contains(key);
        return v ? *v : json::value(nullptr);
    };
    json::object o{{"id", d.id},
                   {"number", d.number},
                   {"title", d.title},
                   {"status", documents::StatusOn(d, today)},
                   {"authentic", authentic},
                   {"region", text("region")},
                   {"government", text("government")},
                   {"office", text("office")},
                   {"holder_name", text("holder_name")},
                   {"case_number", text("case_number")},
                   {"issued_on", text("issued_on")},
                   {"valid_until", d.valid_until ? json::value(*d.valid_until) : json::value(nullptr)},
                   {"signer_title", text("signer_title")},
                   {"signer_name", text("signer_name")},
                   {"key_id", d.key_id ? json::value(*d.key_id) : json::value(nullptr)}};
    if (d.status == "revoked") {
        o["revoke_reason"] = d.revoke_reason.value_or("");
        o["revoked_at"] = d.revoked_at.value_or(0);
    }
    return o;
}

std::string TodayOf(ApiContext& ctx) {
    return CivilDate(ctx.clock.NowMs(), 420);
}

Response Keys(ApiContext& ctx, Request& req) {
    json::array keys;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenant, region::FindTenant(tx, req.Param("code")));
        if (!tenant) return Err(Errc::kNotFound, "no such region");
        SP_ASSIGN(auto list, documents::PublicKeys(tx, store::TenantId(tenant->code)));
        for (const auto& k : list) {
            keys.push_back({{"id", k.id},
                            {"algorithm", "Ed25519"},
                            {"public_key", k.public_key_hex},
                            {"created_at", k.created_at},
                            {"retired", k.retired}});
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"region", req.Param("code")}, {"keys", std::move(keys)}});
}

Response Verification(ApiContext& ctx, Request& req) {
    json::object out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenant, region::FindTenant(tx, req.Param("code")));
        if (!tenant) return Err(Errc::kNotFound, "no such region");
        const store::TenantId t(tenant->code);
        SP_ASSIGN(auto doc, documents::FindDocument(tx, t, req.Param("id")));
        if (!doc) return Err(Errc::kNotFound, "no such document");
        SP_ASSIGN(bool authentic, documents::RecordAuthentic(tx, t, *doc));
        out = PublicView(*doc, TodayOf(ctx), authentic);
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    Response r = Json(200, out);
    r.Set("cache-control", "no-store");
    return r;
}

Response VerifyUpload(ApiContext& ctx, Request& req) {
    json::object out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        auto verdict = documents::VerifyFile(tx, req.body);
        if (!verdict) {
            if (verdict.error().code == Errc::kInvalidInput) {
                out = {{"result", "unsigned"}, {"detail", verdict.error().detail}};
                return Status::Ok();
            }
            if (verdict.error().code == Errc::kNotFound) {
                out = {{"result", "unknown_key"}, {"detail", verdict.error().detail}};
                return Status::Ok();
            }
            return verdict.error();
        }
        out = {{"result", CheckName(verdict->check)}, {"region", verdict->region}, {"key_id", verdict->key_id}};
        if (verdict->check == documents::Check::kAuthentic && verdict->record) {
            SP_ASSIGN(bool authentic,
                      documents::RecordAuthentic(tx, store::TenantId(verdict->region), *verdict->record));
            out["document"] = PublicView(*verdict->record, TodayOf(ctx), authentic);
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, out);
}

// Who may have a signed document, checked on the document itself: its holder; staff who may
// see the case it was issued in (an application's steps' OPDs and region-wide staff, as the
// workflow says); for a document of no case, region-wide staff only.
Result<bool> MayHave(store::ReadTx& tx, const store::TenantId& t, const documents::Document& doc, const Principal& p) {
    if (doc.holder_id && *doc.holder_id == p.user_id && p.role == "citizen") return true;
    if (p.role == "citizen" || p.role == "integration") return false;
    if (!doc.case_id) return p.role == "admin" || p.role == "verifier" || p.role == "auditor" || p.role == "executive";
    SP_ASSIGN(auto c, cases::FindCaseById(tx, t, *doc.case_id));
    if (!c) return false;
    if (c->report_class == permits::kClass) {
        SP_ASSIGN(auto ps, permits::LoadServiceVersion(tx, t, c->service_id, c->service_version));
        return permits::MaySee(tx, t, ps, *c, ActorOf(p));
    }
    SP_ASSIGN(auto access, cases::AccessTo(tx, t, *c, ActorOf(p)));
    return access.visible;
}

// Who may revoke it: an admin; the head of the OPD whose case issued it.
Result<bool> MayRevoke(store::ReadTx& tx, const store::TenantId& t, const documents::Document& doc,
                       const Principal& p) {
    if (p.role == "admin") return true;
    if (p.role != "opd_head" || !p.opd_id || !doc.case_id) return false;
    SP_ASSIGN(auto c, cases::FindCaseById(tx, t, *doc.case_id));
    return c && c->opd_id == *p.opd_id;
}

Response Download(ApiContext& ctx, Request& req, const Principal& p) {
    std::optional<documents::Document> doc;
    bool allowed = false;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(doc, documents::FindDocument(tx, p.tenant, req.Param("id")));
        if (doc) {
            SP_ASSIGN(allowed, MayHave(tx, p.tenant, *doc, p));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!doc || !allowed) return Fail(req, Err(Errc::kNotFound, "no such document"));
    auto file = documents::SignedFileOf(ctx.store, ctx.files, ctx.vault, p.tenant, doc->id, ctx.clock.NowMs());
    if (!file) return Fail(req, file.error());
    Response r = Response::Text(200, std::move(*file), "application/pdf");
    std::string name = doc->number;
    for (char& ch : name) {
        if (ch == '/' || ch == '"' || ch == '\\') ch = '-';
    }
    r.Set("content-disposition", "attachment; filename=\"" + name + ".pdf\"");
    r.Set("cache-control", "private, no-store");
    return r;
}

Response RevokeDocument(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto reason = RequiredString(*body, "reason", 1000);
    if (!reason) return Fail(req, reason.error());
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(auto doc, documents::FindDocument(tx, p.tenant, req.Param("id")));
        if (!doc) return Err(Errc::kNotFound, "no such document");
        SP_ASSIGN(bool may, MayRevoke(tx, p.tenant, *doc, p));
        if (!may) return Err(Errc::kForbidden, "only an admin or the head of the issuing OPD revokes a document");
        return documents::Revoke(tx, p.tenant, doc->id, *reason, ctx.clock.NowMs(), p.Actor());
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"id", req.Param("id")}, {"status", "revoked"}, {"revoke_reason", *reason}});
}

}  // namespace

void RegisterDocumentRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/regions/{code}/signing-keys", [&ctx](Request& req) { return Keys(ctx, req); });
    router.Add("GET", "/api/v1/regions/{code}/documents/{id}", [&ctx](Request& req) { return Verification(ctx, req); });
    router.Add("POST", "/api/v1/documents/verify", [&ctx](Request& req) { return VerifyUpload(ctx, req); });
    router.Add("GET", "/api/v1/documents/{id}/pdf",
               Authed(ctx, {}, [&ctx](Request& req, const Principal& p) { return Download(ctx, req, p); }));
    router.Add("POST", "/api/v1/documents/{id}/revoke",
               Authed(ctx, {"admin", "opd_head"},
                      [&ctx](Request& req, const Principal& p) { return RevokeDocument(ctx, req, p); }));
}

}  // namespace satupintu::api
