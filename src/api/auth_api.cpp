// Login, logout, citizen registration, the current user, and staff accounts.

#include "api/api.hpp"
#include "core/ids.hpp"
#include "core/problems.hpp"
#include "identity/password.hpp"
#include "identity/password_reset.hpp"
#include "identity/phone_codes.hpp"
#include "identity/registration.hpp"
#include "identity/users.hpp"
#include "privacy/export.hpp"
#include "privacy/notices.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

json::object UserJson(const identity::User& u) {
    json::object o{{"id", u.id}, {"role", u.role}, {"name", u.name}};
    o["opd_id"] = u.opd_id ? json::value(*u.opd_id) : nullptr;
    o["email"] = u.email ? json::value(*u.email) : nullptr;
    o["phone"] = u.phone ? json::value(*u.phone) : nullptr;
    o["nik"] = u.nik_masked ? json::value(*u.nik_masked) : nullptr;  // masked, never whole
    o["nik_verified"] = u.nik_verified;
    return o;
}

constexpr const char* kDeviceCookie = "__Host-sp_device";

std::string SessionCookie(const std::string& value, int64_t max_age_s) {
    // __Host- cookies must be Secure, Path=/ and carry no Domain; browsers treat
    // http://localhost as secure, so this works in development too.
    return std::string(kSessionCookie) + "=" + value +
           "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_s);
}

Result<region::Tenant> TenantOf(ApiContext& ctx, const std::string& code) {
    std::optional<region::Tenant> t;
    SP_TRY(ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(t, region::FindTenant(tx, code));
        return Status::Ok();
    }));
    if (!t) return Err(Errc::kNotFound, "no such region", "region");
    return *t;
}

// The region a public body names ("region"), which must exist.
Result<region::Tenant> RegionOf(ApiContext& ctx, const json::object& body) {
    SP_ASSIGN(const std::string code, RequiredString(body, "region", 20));
    return TenantOf(ctx, code);
}

// The phone a body names ("phone"), normalised.
Result<std::string> PhoneOf(const json::object& body) {
    SP_ASSIGN(const std::string typed, RequiredString(body, "phone", 30));
    return identity::NormalizePhone(typed);
}

// How a body asks to receive a one-time code: "sms" (the default) or "whatsapp".
Result<std::string> CodeChannelOf(const json::object& body) {
    const std::string channel = OptionalString(body, "channel").value_or("sms");
    SP_TRY(identity::CheckCodeChannel(channel));
    return channel;
}

// The one-time code a body carries ("code", six digits), checked for shape only.
Result<std::string> CodeOf(const json::object& body) {
    const auto code = OptionalString(body, "code");
    if (!code || !identity::IsCodeShape(*code)) return Invalid("code", "input.code_shape");
    return *code;
}

// A new password from the body ("password"), checked against the policy and hashed (slow: on
// the calling worker, outside the writer).
Result<std::string> NewPasswordHash(const json::object& body) {
    SP_ASSIGN(const std::string password, RequiredString(body, "password", 256));
    SP_TRY(identity::CheckPasswordPolicy(password));
    return identity::HashPassword(password);
}

std::string Today(const ApiContext& ctx) {
    return CivilDate(ctx.clock.NowMs(), 420);
}

Response Login(ApiContext& ctx, Request& req) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto region = RequiredString(*body, "region", 20);
    auto login = RequiredString(*body, "login", 254);
    auto password = RequiredString(*body, "password", 256);
    if (!region) return Fail(req, region.error());
    if (!login) return Fail(req, login.error());
    if (!password) return Fail(req, password.error());
    auto tenant = TenantOf(ctx, *region);
    if (!tenant) return Fail(req, tenant.error());

    const int64_t now = ctx.clock.NowMs();
    identity::LoginThrottle::Attempt attempt{*region + "|" + *login, req.remote_ip, ""};
    const auto device_cookie = req.Cookie(kDeviceCookie);
    if (device_cookie) attempt.device = ctx.login_throttle.KnownDevice(attempt.account, *device_cookie);
    if (const int64_t wait = ctx.login_throttle.Begin(attempt, now); wait > 0) {
        Response r = Fail(req, Err(Errc::kRateLimited, "too many failed logins: wait before trying again"));
        r.Set("retry-after", std::to_string((wait + 999) / 1000));
        return r;
    }
    // Every try that began is ended, however this handler leaves.
    auto outcome = identity::LoginThrottle::Outcome::kAborted;
    const std::shared_ptr<void> end(nullptr, [&](void*) { ctx.login_throttle.End(attempt, outcome, now); });
    // Across nodes: an account that many addresses guess at is locked on every node alike (its
    // known devices still get in).
    const int64_t window = ctx.login_throttle.WindowMs();
    if (attempt.device.empty()) {
        int64_t wait = 0;
        if (auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
                SP_ASSIGN(wait, identity::SharedLockWait(tx, attempt.account, ctx.login_throttle.AccountLockLimit(),
                                                         window, now));
                return Status::Ok();
            });
            !st) {
            return Fail(req, st.error());
        }
        if (wait > 0) {
            Response r = Fail(req, Err(Errc::kRateLimited, "too many failed logins: wait before trying again"));
            r.Set("retry-after", std::to_string((wait + 999) / 1000));
            return r;
        }
    }

    const store::TenantId tid(tenant->code);
    std::optional<identity::LoginRecord> rec;
    if (auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(rec, identity::FindLogin(tx, tid, *login));
            return Status::Ok();
        });
        !st) {
        return Fail(req, st.error());
    }
    // An unknown account costs a full verification too, so timing does not reveal accounts.
    const bool password_ok = identity::VerifyPassword(rec ? rec->password_hash : identity::DummyHash(), *password);
    if (!rec || !password_ok || rec->disabled) {
        outcome = identity::LoginThrottle::Outcome::kFailed;
        if (auto st = ctx.store.Write(
                [&](store::WriteTx& tx) { return identity::RecordSharedFailure(tx, attempt.account, window, now); });
            !st) {
            return Fail(req, st.error());
        }
        return Fail(req, Err(Errc::kBadCredentials));
    }
    outcome = identity::LoginThrottle::Outcome::kSucceeded;

    identity::NewSession session;
    std::optional<identity::User> user;
    std::optional<privacy::Standing> standing;  // a citizen's: a newer notice to accept
    const auto old_token = req.Cookie(kSessionCookie);
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        // A new session id at every login (no fixation): the old one, if any, ends here.
        if (old_token) SP_TRY(identity::EndSession(tx, *old_token, now));
        SP_TRY(identity::ClearSharedFailures(tx, attempt.account));
        SP_ASSIGN(session, identity::StartSession(tx, tid, rec->id, now));
        // The language the person uses now is the one their emails come in.
        SP_TRY(identity::SetLanguage(tx, tid, rec->id, req.lang()));
        SP_ASSIGN(user, identity::GetUser(tx, tid, ctx.vault, rec->id));
        if (user && user->role == "citizen") {
            SP_ASSIGN(standing, privacy::StandingOf(tx, tid, rec->id));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (old_token) ctx.session_cache.Evict(*old_token);
    req.log_actor = "user:" + rec->id;
    json::object answer{{"user", UserJson(*user)}, {"region", tenant->code}, {"csrf_token", session.csrf_token}};
    if (standing) answer["privacy_notice"] = privacy::ToJson(*standing);
    Response r = Json(200, std::move(answer));
    r.Set("set-cookie", SessionCookie(session.token, ctx.sessions.absolute_ms / 1000));
    // This browser is now a known device of the account: others' failed guesses never lock it out.
    if (attempt.device.empty()) {
        r.Add("set-cookie", std::string(kDeviceCookie) + "=" + ctx.login_throttle.NewDeviceCookie(attempt.account) +
                                "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=31536000");
    }
    return r;
}

Response Logout(ApiContext& ctx, Request& req, const Principal&) {
    const auto token = req.Cookie(kSessionCookie);
    if (token) {
        ctx.session_cache.Evict(*token);
        auto st =
            ctx.store.Write([&](store::WriteTx& tx) { return identity::EndSession(tx, *token, ctx.clock.NowMs()); });
        if (!st) return Fail(req, st.error());
    }
    Response r;
    r.status = 204;
    r.Set("set-cookie", SessionCookie("", 0));
    return r;
}

// Reads the fields of a new account from a body; the role comes from the caller, not the body.
Result<identity::NewUser> NewUserFrom(const json::object& body, std::string role) {
    identity::NewUser u;
    u.role = std::move(role);
    u.email = OptionalString(body, "email");
    u.phone = OptionalString(body, "phone");
    u.nik = OptionalString(body, "nik");
    u.opd_id = OptionalString(body, "opd_id");
    SP_ASSIGN(u.name, RequiredString(body, "name", 200));
    return u;
}

Response CreateAccount(ApiContext& ctx, Request& req, const store::TenantId& tenant, identity::NewUser in,
                       const std::string& password, const std::string& actor) {
    if (auto st = identity::ValidateNewUser(in, Today(ctx)); !st) return Fail(req, st.error());
    if (auto st = identity::CheckPasswordPolicy(password); !st) return Fail(req, st.error());
    auto hash = identity::HashPassword(password);  // slow: on this worker, outside the writer
    if (!hash) return Fail(req, hash.error());
    std::optional<identity::User> user;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(user, identity::CreateUser(tx, tenant, in, *hash, ctx.vault, ctx.clock.NowMs(), actor));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(201, {{"user", UserJson(*user)}});
}

// A citizen's registration: validated, then held until the email's link confirms it. The answer
// is the same whether or not the address has an account (no enumeration; issue 13, finding 6).
Response Register(ApiContext& ctx, Request& req) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto tenant = RegionOf(ctx, *body);
    if (!tenant) return Fail(req, tenant.error());
    // Every problem of the form at once. The version of the privacy notice the person read and
    // accepted (UU 27/2022: consent).
    Problems problems;
    const auto* notice = body->if_contains("notice_version");
    if (!notice || !notice->is_int64()) problems.Add("notice_version", "input.notice");
    identity::NewUser in;
    in.role = "citizen";  // and no OPD, whatever the body says
    in.email = OptionalString(*body, "email");
    in.phone = OptionalString(*body, "phone");
    in.nik = OptionalString(*body, "nik");
    in.name = OptionalString(*body, "name").value_or("");
    // An email address gets a link; a phone number alone gets a code by SMS or WhatsApp.
    if (!in.email && !in.phone) problems.Add("email", "input.email_or_phone");
    const auto channel = CodeChannelOf(*body);
    problems.Check(channel.status());
    problems.Check(identity::ValidateNewUser(in, Today(ctx)));
    const auto password = RequiredString(*body, "password", 256);
    if (problems.Check(password.status())) problems.Check(identity::CheckPasswordPolicy(*password));
    if (!problems.empty()) return Fail(req, problems.status().error());
    auto hash = identity::HashPassword(*password);  // slow: on this worker, outside the writer
    if (!hash) return Fail(req, hash.error());
    const identity::RegistrationMail mail{ctx.public_url, req.lang(), *channel};
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_TRY(privacy::CheckAccepted(tx, store::TenantId(tenant->code), notice->as_int64()));
        return identity::StartRegistration(tx, store::TenantId(tenant->code), in, *hash, ctx.vault, ctx.clock.NowMs(),
                                           mail, notice->as_int64());
    });
    if (!st) return Fail(req, st.error());
    if (!in.email) return Json(202, {{"status", "code_sent"}, {"phone", *in.phone}, {"channel", *channel}});
    return Json(202, {{"status", "confirmation_sent"}, {"email", *in.email}});
}

// "Lupa kata sandi": a link to the address if it has an account; the answer is the same either
// way (no enumeration).
Response RequestPasswordReset(ApiContext& ctx, Request& req) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto tenant = RegionOf(ctx, *body);
    if (!tenant) return Fail(req, tenant.error());
    const store::TenantId tid(tenant->code);
    const int64_t now = ctx.clock.NowMs();
    Status st;
    if (body->contains("phone")) {
        // By phone: a code by SMS or WhatsApp.
        auto phone = PhoneOf(*body);
        if (!phone) return Fail(req, phone.error());
        auto channel = CodeChannelOf(*body);
        if (!channel) return Fail(req, channel.error());
        st = ctx.store.Write([&](store::WriteTx& tx) {
            return identity::StartPhonePasswordReset(tx, tid, *phone, *channel, req.lang(), now);
        });
    } else {
        auto typed = RequiredString(*body, "email", 254);
        if (!typed) return Fail(req, typed.error());
        auto email = identity::NormalizeEmail(*typed);
        if (!email) return Fail(req, email.error());
        const identity::ResetMail mail{ctx.public_url, req.lang()};
        st = ctx.store.Write(
            [&](store::WriteTx& tx) -> Status { return identity::StartPasswordReset(tx, tid, *email, now, mail); });
    }
    if (!st) return Fail(req, st.error());
    return Json(202, {{"status", "reset_requested"}});
}

// The link from the reset email, with the new password.
Response FinishPasswordReset(ApiContext& ctx, Request& req) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto tenant = RegionOf(ctx, *body);
    if (!tenant) return Fail(req, tenant.error());
    const store::TenantId tid(tenant->code);
    const int64_t now = ctx.clock.NowMs();
    if (body->contains("phone")) {
        // By the code sent to the phone.
        auto phone = PhoneOf(*body);
        if (!phone) return Fail(req, phone.error());
        auto code = CodeOf(*body);
        if (!code) return Fail(req, code.error());
        auto hash = NewPasswordHash(*body);
        if (!hash) return Fail(req, hash.error());
        std::optional<std::string> changed;
        auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(changed, identity::FinishPhonePasswordReset(tx, tid, *phone, *code, *hash, now));
            return Status::Ok();
        });
        if (!st) return Fail(req, st.error());
        if (!changed) return Fail(req, Invalid("code", "input.code_wrong"));
        req.log_actor = "user:" + *changed;
        return Json(200, {{"status", "password_changed"}});
    }
    auto token = RequiredString(*body, "token", 100);
    if (!token) return Fail(req, token.error());
    auto hash = NewPasswordHash(*body);
    if (!hash) return Fail(req, hash.error());
    std::string user_id;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(user_id, identity::FinishPasswordReset(tx, tid, *token, *hash, now));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    req.log_actor = "user:" + user_id;
    return Json(200, {{"status", "password_changed"}});
}

// The link from the registration email: creates the account.
Response ConfirmRegistration(ApiContext& ctx, Request& req) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto tenant = RegionOf(ctx, *body);
    if (!tenant) return Fail(req, tenant.error());
    const store::TenantId tid(tenant->code);
    std::optional<identity::User> user;
    if (body->contains("phone")) {
        // A registration by phone, with the code sent to it.
        auto phone = PhoneOf(*body);
        if (!phone) return Fail(req, phone.error());
        auto code = CodeOf(*body);
        if (!code) return Fail(req, code.error());
        auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(user, identity::ConfirmPhoneRegistration(tx, tid, *phone, *code, ctx.vault, ctx.clock.NowMs()));
            return user ? identity::SetLanguage(tx, tid, user->id, req.lang()) : Status::Ok();
        });
        if (!st) return Fail(req, st.error());
        if (!user) return Fail(req, Invalid("code", "input.code_wrong"));
        return Json(201, {{"user", UserJson(*user)}});
    }
    auto token = RequiredString(*body, "token", 100);
    if (!token) return Fail(req, token.error());
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(user, identity::ConfirmRegistration(tx, tid, *token, ctx.vault, ctx.clock.NowMs()));
        return identity::SetLanguage(tx, tid, user->id, req.lang());
    });
    if (!st) return Fail(req, st.error());
    return Json(201, {{"user", UserJson(*user)}});
}

// An officer has seen the KTP: the claimed NIK becomes the account's verified NIK.
Response VerifyNik(ApiContext& ctx, Request& req, const Principal& p) {
    auto st = ctx.store.Write([&](store::WriteTx& tx) {
        return identity::VerifyNik(tx, p.tenant, req.Param("id"), ctx.clock.NowMs(), p.Actor());
    });
    if (!st) return Fail(req, st.error());
    std::optional<identity::User> user;
    st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(user, identity::GetUser(tx, p.tenant, ctx.vault, req.Param("id")));
        return Status::Ok();
    });
    if (!st || !user) return Fail(req, st ? Err(Errc::kNotFound) : st.error());
    return Json(200, {{"user", UserJson(*user)}});
}

Response Me(ApiContext& ctx, Request& req, const Principal& p) {
    if (p.via_api_key) return Json(200, {{"api_key", p.user_id}, {"role", p.role}, {"region", p.tenant.code()}});
    std::optional<identity::User> user;
    std::optional<privacy::Standing> standing;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(user, identity::GetUser(tx, p.tenant, ctx.vault, p.user_id));
        if (p.role == "citizen") {
            SP_ASSIGN(standing, privacy::StandingOf(tx, p.tenant, p.user_id));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!user) return Fail(req, Err(Errc::kUnauthenticated));
    json::object answer{{"user", UserJson(*user)}, {"region", p.tenant.code()}, {"csrf_token", p.csrf_token}};
    if (standing) answer["privacy_notice"] = privacy::ToJson(*standing);
    return Json(200, std::move(answer));
}

// The caller's copy of everything the platform holds about them (UU 27/2022), as a file; taking
// it is recorded in the audit log.
Response ExportMine(ApiContext& ctx, Request& req, const Principal& p) {
    if (p.via_api_key) return Fail(req, Err(Errc::kForbidden, "an export is a person's, not an integration's"));
    const int64_t now = ctx.clock.NowMs();
    auto cal = ctx.calendars.Get(ctx.store, p.tenant.code(), now);
    if (!cal) return Fail(req, cal.error());
    const int tz = (*cal)->tenant.tz_offset_minutes;
    json::object out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(out, privacy::ExportPersonalData(tx, p.tenant, ctx.vault, p.user_id, now, tz));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    st = ctx.store.Write([&](store::WriteTx& tx) { return privacy::RecordExport(tx, p.tenant, p.user_id, now); });
    if (!st) return Fail(req, st.error());
    Response r = Json(200, out);
    r.Set("content-disposition",
          "attachment; filename=\"satupintu-data-" + p.tenant.code() + "-" + CivilDate(now, tz) + ".json\"");
    r.Set("cache-control", "private, no-store");
    return r;
}

Response CreateStaff(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto role = RequiredString(*body, "role", 40);
    if (!role) return Fail(req, role.error());
    if (!identity::IsStaffRole(*role)) return Fail(req, Err(Errc::kInvalidInput, "unknown staff role", "role"));
    auto password = RequiredString(*body, "password", 256);
    if (!password) return Fail(req, password.error());
    auto in = NewUserFrom(*body, *role);
    if (!in) return Fail(req, in.error());
    in->nik.reset();
    // The tenant is the caller's; a "region" or "tenant" in the body is ignored.
    return CreateAccount(ctx, req, p.tenant, std::move(*in), *password, p.Actor());
}

Response GetUserById(ApiContext& ctx, Request& req, const Principal& p) {
    std::optional<identity::User> user;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(user, identity::GetUser(tx, p.tenant, ctx.vault, req.Param("id")));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!user) return Fail(req, Err(Errc::kNotFound));
    return Json(200, {{"user", UserJson(*user)}});
}

// The whole NIK, for the roles whose work needs it. Every view is an event in the audit chain.
Response GetFullNik(ApiContext& ctx, Request& req, const Principal& p) {
    std::optional<std::string> nik;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(nik, identity::ViewFullNik(tx, p.tenant, ctx.vault, req.Param("id"), ctx.clock.NowMs(), p.Actor()));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!nik) return Fail(req, Err(Errc::kNotFound));
    return Json(200, {{"user_id", req.Param("id")}, {"nik", *nik}});
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("POST", "/api/v1/auth/login", [&ctx](Request& req) { return Login(ctx, req); });
    router.Add("POST", "/api/v1/auth/register", [&ctx](Request& req) { return Register(ctx, req); });
    router.Add("POST", "/api/v1/auth/register/confirm", [&ctx](Request& req) { return ConfirmRegistration(ctx, req); });
    router.Add("POST", "/api/v1/auth/password-reset", [&ctx](Request& req) { return RequestPasswordReset(ctx, req); });
    router.Add("POST", "/api/v1/auth/password-reset/confirm",
               [&ctx](Request& req) { return FinishPasswordReset(ctx, req); });
    router.Add("POST", "/api/v1/auth/logout",
               Authed(ctx, {}, [&ctx](Request& req, const Principal& p) { return Logout(ctx, req, p); }));
    router.Add("GET", "/api/v1/me",
               Authed(ctx, {}, [&ctx](Request& req, const Principal& p) { return Me(ctx, req, p); }),
               QuickOnSqlite(ctx));
    router.Add("GET", "/api/v1/me/export",
               Authed(ctx, {}, [&ctx](Request& req, const Principal& p) { return ExportMine(ctx, req, p); }));
    router.Add("POST", "/api/v1/users",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return CreateStaff(ctx, req, p); }));
    router.Add("GET", "/api/v1/users/{id}", Authed(ctx, {"admin", "auditor"}, [&ctx](Request& req, const Principal& p) {
                   return GetUserById(ctx, req, p);
               }));
    // POST, not GET: looking is an act that is recorded (and a GET could be prefetched).
    router.Add("POST", "/api/v1/users/{id}/nik/view",
               Authed(ctx, {"admin", "verifier"},
                      [&ctx](Request& req, const Principal& p) { return GetFullNik(ctx, req, p); }));
    router.Add("POST", "/api/v1/users/{id}/nik/verify",
               Authed(ctx, {"admin", "verifier"},
                      [&ctx](Request& req, const Principal& p) { return VerifyNik(ctx, req, p); }));
}

}  // namespace satupintu::api
