// Idempotency keys on every write route (issue 15; the IETF httpapi Idempotency-Key header). A
// client that may retry a write (a timeout, a failover, a flaky line) sends a key of its choosing;
// the first request with it runs, and its key is recorded in the same transaction as its writes
// (store::RequestMark), so they commit together or not at all. The answer is kept beside the key
// once made, and a retry with the same key gets that answer (`Idempotent-Replayed: true`) instead
// of writing again. A key sent again with another request is refused (422); a retry while the
// first has no answer yet, or lost it, gets 409 with Retry-After. A request that wrote nothing
// records nothing and simply runs again. Keys are the caller's (its account, whatever session or
// key it signs in with; else a hash of the credential, or anonymous) and kept 24 hours.
#include <memory>

#include "api/api.hpp"
#include "core/crypto.hpp"
#include "http/problem.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;

namespace {

constexpr store::GlobalSql kFind{
    "SELECT nonce, fingerprint, status, content_type, location, body FROM idempotency_keys"
    " WHERE scope = $1 AND key = $2"};
constexpr store::GlobalSql kAnswer{
    "UPDATE idempotency_keys SET status = $4, content_type = $5, location = $6, body = $7"
    " WHERE scope = $1 AND key = $2 AND nonce = $3 AND status IS NULL"};
constexpr size_t kMaxKeptBody = 64 * 1024;

bool KeyShape(std::string_view key) {
    if (key.empty() || key.size() > 255) return false;
    for (char c : key) {
        if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
}

// Whose key: the account behind a live session or API key, so that a client that signs in again
// and retries keeps its keys; otherwise the credential the request carries (never stored in
// clear), or "anon". When the store cannot say whose a session is (a failover), neither can this:
// falling back to the credential would give the same key another scope on the retry, and write
// twice (the failover test caught exactly that).
Result<std::string> ScopeOf(ApiContext& ctx, Request& req) {
    SP_ASSIGN(const auto who, Authenticate(ctx, req));
    if (who) return std::string(who->via_api_key ? "k:" : "u:") + who->tenant.code() + ":" + who->user_id;
    const auto authz = req.Header("authorization");
    if (!authz.empty()) return "k:" + crypto::Sha256Hex(authz);
    if (const auto cookie = req.Cookie(kSessionCookie)) return "s:" + crypto::Sha256Hex(*cookie);
    return std::string("anon");
}

// What a kept row answers: the first answer, or a refusal.
std::optional<Response> FromKept(Request& req, const store::Row& row, const std::string& fingerprint) {
    if (row.Text(1) != fingerprint) return http::Problem(req, Err(Errc::kIdempotencyReused));
    if (row.IsNull(2)) {
        Response r = http::Problem(req, Err(Errc::kIdempotencyInProgress));
        r.Set("retry-after", "1");
        return r;
    }
    Response r;
    r.status = static_cast<int>(row.Int(2));
    r.content_type = row.Text(3);
    if (!row.IsNull(4)) r.Set("location", row.Text(4));
    r.body = row.Text(5);
    r.Set("cache-control", "no-store");
    r.Set("idempotent-replayed", "true");
    return r;
}

struct KeptAnswer {
    int status;
    std::string content_type;
    std::optional<std::string> location;
    std::string body;
};
constexpr int kKeepTries = 4;

// Stores the answer beside the key. Tried again while the store is unavailable (a PostgreSQL
// failover: each try already rides over a few seconds of it), since a write that committed just
// before would otherwise answer its retries "in progress" until the key expires.
void KeepAnswer(ApiContext& ctx, std::shared_ptr<store::RequestMark> mark, std::shared_ptr<const KeptAnswer> a,
                int tries) {
    ctx.store.WriteAsync(
        [mark, a](store::WriteTx& tx) {
            return tx
                .Exec(kAnswer, mark->scope, mark->key, mark->nonce, a->status, a->content_type, a->location, a->body)
                .status();
        },
        [&ctx, mark, a, tries](Status st) {
            if (!st && st.code() == Errc::kUnavailable && tries > 1) KeepAnswer(ctx, mark, a, tries - 1);
        });
}

Response Idempotent(ApiContext& ctx, Request& req, const http::Handler& next) {
    const std::string key(req.Header("idempotency-key"));
    if (key.empty()) return next(req);
    if (!KeyShape(key))
        return http::Problem(req, Err(Errc::kInvalidInput, "1-255 visible ASCII characters", "Idempotency-Key"));
    // On PostgreSQL every query is a round trip: not on the I/O thread.
    if (req.on_io_thread && ctx.store.kind() != store::Kind::kSqlite) return Response::ToWorker();
    auto mark = std::make_shared<store::RequestMark>();
    auto scope = ScopeOf(ctx, req);
    if (!scope) return http::Problem(req, scope.error());
    mark->scope = std::move(*scope);
    mark->key = key;
    mark->fingerprint = crypto::Sha256Hex(req.method + " " + req.path + "?" + req.query + "\n" + req.body);
    mark->now_ms = ctx.clock.NowMs();
    const auto kept = [&]() -> std::optional<Response> {
        std::optional<store::Row> row;
        auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(row, tx.QueryOne(kFind, mark->scope, mark->key));
            return Status::Ok();
        });
        if (!st) return http::Problem(req, st.error());
        if (!row) return std::nullopt;
        return FromKept(req, *row, mark->fingerprint);
    };
    if (auto answer = kept()) return std::move(*answer);
    mark->nonce = crypto::RandomToken(12);
    Response r;
    {
        const store::ScopedRequestMark scoped(mark.get());
        r = next(req);
    }
    if (r.stream || r.to_worker) return r;
    // The answer, kept beside the key if this request's writes recorded it (without waiting:
    // until it is kept, a retry hears "in progress").
    auto keep = [&ctx, mark](const Response& answer) {
        if (answer.status >= 500 || answer.body.size() > kMaxKeptBody) return;
        auto kept =
            std::make_shared<KeptAnswer>(KeptAnswer{answer.status, answer.content_type, std::nullopt, answer.body});
        if (auto l = answer.Get("location"); !l.empty()) kept->location = std::string(l);
        KeepAnswer(ctx, mark, std::move(kept), kKeepTries);
    };
    if (r.pending) {
        auto outer = std::make_shared<http::Pending>();
        r.pending->OnReady([outer, keep](http::Pending::Make make) {
            outer->Resolve([make, keep] {
                Response answer = make();
                keep(answer);
                return answer;
            });
        });
        return Response::Later(outer);
    }
    // Refused because another request holds the key: answer as that one does.
    if (r.status == 409) {
        if (auto answer = kept()) return std::move(*answer);
    }
    keep(r);
    return r;
}

}  // namespace

void UseIdempotencyKeys(http::Router& router, ApiContext& ctx) {
    router.Wrap([&ctx](const std::string& method, const std::string& pattern, http::Handler handler) {
        const bool api = pattern.rfind("/api/v1/", 0) == 0 || pattern.rfind("/open311/", 0) == 0;
        if (!api || method == "GET" || method == "HEAD") return handler;
        return http::Handler([&ctx, next = std::move(handler)](Request& req) { return Idempotent(ctx, req, next); });
    });
}

}  // namespace satupintu::api
