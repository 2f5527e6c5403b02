// Payments: the banks' signed channel (inquiry, payment callback, reversal) and the daily
// reconciliation against a bank statement.
//
// A bank signs every request: X-Bank-Id, X-Bank-Timestamp (Unix seconds, within 5 minutes) and
// X-Bank-Signature = hex HMAC-SHA256(channel secret, timestamp + "." + payload), where the payload
// is the body of a POST or the raw query string of a GET. A forged or stale request changes
// nothing; a replayed payment answers as the first time and changes nothing.
#include "api/api.hpp"
#include "api/case_context.hpp"
#include "billing/billing.hpp"
#include "core/ids.hpp"
#include "events/event_log.hpp"
#include "permits/permits.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

constexpr int64_t kClockSkewMs = 5 * 60 * 1000;

struct Channel {
    store::TenantId tenant;
    std::string bank;
};

// Checks the bank's signature over `payload`; kUnauthenticated for anything wrong.
Result<Channel> CheckSignature(ApiContext& ctx, const Request& req, std::string_view payload) {
    const std::string bank(req.Header("x-bank-id"));
    const std::string ts(req.Header("x-bank-timestamp"));
    const std::string sig(req.Header("x-bank-signature"));
    const auto refuse = [] { return Err(Errc::kUnauthenticated, "bad bank signature"); };
    if (bank.empty() || ts.empty() || ts.size() > 12 || ts.find_first_not_of("0123456789") != std::string::npos) {
        return refuse();
    }
    if (std::llabs(std::stoll(ts) * 1000 - ctx.clock.NowMs()) > kClockSkewMs) return refuse();
    std::optional<crypto::Key32> secret;
    std::optional<store::TenantId> tenant;
    SP_TRY(ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto t, region::FindTenant(tx, req.Param("code")));
        if (!t) return Err(Errc::kNotFound, "no such region");
        tenant.emplace(t->code);
        SP_ASSIGN(secret, billing::ChannelSecret(tx, *tenant, bank, ctx.vault));
        return Status::Ok();
    }));
    if (!secret) return refuse();
    std::string signed_text = ts + ".";
    signed_text.append(payload);
    if (!crypto::ConstantTimeEqual(crypto::HmacSha256Hex(*secret, signed_text), sig)) return refuse();
    return Channel{*tenant, bank};
}

json::object OutcomeJson(const billing::Outcome& o, int tz) {
    return {{"status", o.bill.status},
            {"kode_bayar", o.bill.kode_bayar},
            {"amount", o.payment.amount},
            {"bank_txn_id", o.payment.bank_txn_id},
            {"ntpd", o.payment.ntpd},
            {"payment_status", o.payment.status},
            {"paid_at", IsoWithOffset(o.payment.paid_at, tz)},
            {"replay", o.replay}};
}

Response Inquiry(ApiContext& ctx, Request& req) {
    auto ch = CheckSignature(ctx, req, req.query);
    if (!ch) return Fail(req, ch.error());
    const std::string kode = req.Query("kode_bayar").value_or("");
    if (!billing::ValidKodeBayar(kode)) {
        return Fail(req, Err(Errc::kInvalidInput, "kode_bayar: 15 digits with its check digit", "kode_bayar"));
    }
    json::object out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto bill, billing::FindBillByKode(tx, ch->tenant, kode));
        if (!bill) return Err(Errc::kNotFound, "no bill with this kode_bayar");
        SP_ASSIGN(auto tenant, region::FindTenant(tx, ch->tenant.code()));
        const int tz = tenant ? tenant->tz_offset_minutes : 420;
        out = {{"kode_bayar", bill->kode_bayar},
               {"amount", bill->amount},
               {"description", bill->description},
               {"status", bill->status},
               {"expired", ctx.clock.NowMs() > bill->expires_at},
               {"expires_at", IsoWithOffset(bill->expires_at, tz)},
               {"payee", tenant ? "Kas Daerah " + tenant->name : ch->tenant.code()}};
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, out);
}

Response Callback(ApiContext& ctx, Request& req) {
    auto ch = CheckSignature(ctx, req, req.body);
    if (!ch) return Fail(req, ch.error());
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    billing::Notice n;
    n.bank = ch->bank;
    auto kode = RequiredString(*body, "kode_bayar", 20);
    auto txn = RequiredString(*body, "bank_txn_id", 64);
    auto paid_at_text = RequiredString(*body, "paid_at", 40);
    if (!kode) return Fail(req, kode.error());
    if (!txn) return Fail(req, txn.error());
    if (!paid_at_text) return Fail(req, paid_at_text.error());
    const auto* amount = body->if_contains("amount");
    if (!amount || !amount->is_int64() || amount->as_int64() <= 0) {
        return Fail(req, Err(Errc::kInvalidInput, "amount: whole rupiah", "amount"));
    }
    const auto paid_at = ParseW3cDateTime(*paid_at_text, 420);
    if (!paid_at) return Fail(req, Err(Errc::kInvalidInput, "paid_at: an ISO 8601 time", "paid_at"));
    n.kode_bayar = *kode;
    n.bank_txn_id = *txn;
    n.amount = amount->as_int64();
    n.paid_at = *paid_at;
    auto cal = ctx.calendars.Get(ctx.store, ch->tenant.code(), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    const permits::Env env = PermitEnvOf(ctx, **cal);
    const int tz = env.tz_offset_minutes;
    std::optional<billing::Outcome> outcome;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(outcome, billing::RecordPayment(tx, ch->tenant, n, env.now_ms, tz));
        if (!outcome->replay) SP_TRY(permits::OnPaid(tx, ch->tenant, *outcome, env).status());
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, OutcomeJson(*outcome, tz));
}

Response Reversal(ApiContext& ctx, Request& req) {
    auto ch = CheckSignature(ctx, req, req.body);
    if (!ch) return Fail(req, ch.error());
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto txn = RequiredString(*body, "bank_txn_id", 64);
    auto reason = RequiredString(*body, "reason", 500);
    if (!txn) return Fail(req, txn.error());
    if (!reason) return Fail(req, reason.error());
    auto cal = ctx.calendars.Get(ctx.store, ch->tenant.code(), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    const permits::Env env = PermitEnvOf(ctx, **cal);
    const int tz = env.tz_offset_minutes;
    std::optional<billing::Outcome> outcome;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(outcome, billing::Reverse(tx, ch->tenant, ch->bank, *txn, *reason, env.now_ms, tz));
        if (!outcome->replay) SP_TRY(permits::OnReversed(tx, ch->tenant, outcome->bill, env));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, OutcomeJson(*outcome, tz));
}

Response Reconcile(ApiContext& ctx, Request& req, const Principal& p) {
    const std::string bank = req.Query("bank").value_or("");
    const std::string day = req.Query("day").value_or("");
    auto statement = billing::ParseStatement(req.body);
    if (!statement) return Fail(req, statement.error());
    std::optional<billing::Reconciliation> rec;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenant, region::FindTenant(tx, p.tenant.code()));
        SP_ASSIGN(rec,
                  billing::Reconcile(tx, p.tenant, bank, day, tenant ? tenant->tz_offset_minutes : 420, *statement));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array mismatches;
    for (const auto& m : rec->mismatches) {
        mismatches.push_back({{"kind", m.kind},
                              {"bank_txn_id", m.bank_txn_id},
                              {"kode_bayar", m.kode_bayar},
                              {"ours", m.ours},
                              {"theirs", m.theirs}});
    }
    json::object summary{{"bank", bank},
                         {"day", day},
                         {"statement_lines", static_cast<int64_t>(statement->size())},
                         {"matched", rec->matched},
                         {"matched_amount", rec->matched_amount},
                         {"mismatches", static_cast<int64_t>(rec->mismatches.size())}};
    // The run is part of the record an auditor follows.
    auto logged = ctx.store.Write([&](store::WriteTx& tx) {
        return events::Append(tx, p.tenant, ctx.clock.NowMs(),
                              {"reconciliation.run", p.Actor(), "bank:" + bank, summary})
            .status();
    });
    if (!logged) return Fail(req, logged.error());
    summary["mismatch_list"] = std::move(mismatches);
    return Json(200, summary);
}

}  // namespace

void RegisterPaymentRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/regions/{code}/payments/inquiry", [&ctx](Request& req) { return Inquiry(ctx, req); });
    router.Add("POST", "/api/v1/regions/{code}/payments/callback", [&ctx](Request& req) { return Callback(ctx, req); });
    router.Add("POST", "/api/v1/regions/{code}/payments/reversal", [&ctx](Request& req) { return Reversal(ctx, req); });
    router.Add(
        "POST", "/api/v1/reconciliation",
        Authed(ctx, {"admin", "auditor"}, [&ctx](Request& req, const Principal& p) { return Reconcile(ctx, req, p); }));
}

}  // namespace satupintu::api
