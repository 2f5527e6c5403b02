// The command center's alerts (performance/alerts.hpp), worded with the region's cached names.
#include "api/api.hpp"

namespace satupintu::api {

Result<int> EvaluateAlerts(ApiContext& ctx, const region::TenantCalendar& cal, const performance::AlertRules& rules) {
    const int64_t now = ctx.clock.NowMs();
    SP_ASSIGN(auto names, ctx.names.Get(ctx.store, store::TenantId(cal.tenant.code), now));
    const performance::AlertNames words{[&](const std::string& code) {
                                            const auto area = names->areas.find(code);
                                            return area != names->areas.end() ? area->second.name : code;
                                        },
                                        [&](const std::string& id) { return names->Opd(id); }};
    return performance::EvaluateAlerts(ctx.store, cal, now, words, ctx.alert_baselines, rules);
}

}  // namespace satupintu::api
