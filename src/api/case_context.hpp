// What the case engine needs from a request: who acts, and the tenant's calendar and map (and,
// for permits, the vault and public address). Shared by the JSON API and the Open311 adapter.
#pragma once

#include "api/api.hpp"
#include "cases/cases.hpp"
#include "permits/permits.hpp"

namespace satupintu::api {

inline cases::Actor ActorOf(const identity::Principal& p) {
    return {p.Actor(), p.role, p.user_id, p.opd_id, p.via_api_key};
}

inline cases::Env EnvOf(ApiContext& ctx, const region::TenantCalendar& t) {
    return {t.calendar, ctx.geo, t.tenant.tz_offset_minutes, ctx.clock.NowMs(), ctx.public_url};
}

inline permits::Env PermitEnvOf(ApiContext& ctx, const region::TenantCalendar& t) {
    return {t.calendar, ctx.vault, ctx.public_url, t.tenant.tz_offset_minutes, ctx.clock.NowMs()};
}

}  // namespace satupintu::api
