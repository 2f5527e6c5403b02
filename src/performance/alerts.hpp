// Command-center alerts, evaluated with each SLA sweep from projections (and one index lookup for
// payments): a complaint spike in a kecamatan, a wave of new breaches at an OPD, payments that
// stop arriving. Each is raised once per region, day and subject: stored, appended to the event
// log (so the live dashboards show it within the second) and sent through the outbox to the
// executive and the Inspektorat (and the OPD's head for a breach wave).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/json.hpp"
#include "region/calendar.hpp"
#include "store/store.hpp"

namespace satupintu::performance {

// When the command center raises an alert.
struct AlertRules {
    int64_t spike_min = 5;          // complaints today in one kecamatan, at least
    double spike_factor = 3.0;      // times its daily average over the four weeks before
    int64_t breach_wave = 5;        // new open-overdue complaints at one OPD since the day began
    int64_t payment_gap_hours = 3;  // no payment for this long in office hours...
    int64_t payment_min_week = 20;  // ...although this many came in the past week
};

// Each OPD's open-overdue count when its day began: the last count this node saw the day before
// (so the breaches of the day's first sweep count as new), or the first count it sees after a
// start. Thread-safe.
class AlertBaselines {
  public:
    int64_t OverdueAtStartOfDay(const std::string& tenant, const std::string& opd_id, const std::string& day,
                                int64_t now_value);

  private:
    struct Entry {
        std::string day;
        int64_t baseline = 0;
        int64_t last = 0;
    };
    std::mutex mu_;
    std::map<std::string, Entry> entries_;
};

// The names an alert's text uses: a kecamatan's by its code, an OPD's by its id.
struct AlertNames {
    std::function<std::string(const std::string&)> kecamatan;
    std::function<std::string(const std::string&)> opd;
};

// Raises the region's alerts that hold at `now_ms` and were not raised today. Returns how many.
Result<int> EvaluateAlerts(store::Store& store, const region::TenantCalendar& cal, int64_t now_ms,
                           const AlertNames& names, AlertBaselines& baselines, const AlertRules& rules = {});

// Today's alerts of a region, newest first.
Result<json::array> TodaysAlerts(store::ReadTx& tx, const store::TenantId& tenant, const std::string& today, int tz);

}  // namespace satupintu::performance
