// Fills a data folder with REGIONS regions of 15 OPDs and 14 complaint categories each, and the
// command-center projections that CASES complaints per region leave behind (status counts, OPD
// received/closed/on-time and open-overdue counts, IKM answers of every category). The national
// roll-up reads only these projections, never the cases, so the cases themselves are not
// written: that would take hours and change nothing the roll-up reads. Used by bench/run.sh.
//
//   rollup_seed DATA_DIR [REGIONS] [CASES]      (defaults 500, 10000)
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "region/tenants.hpp"
#include "store/store.hpp"

using namespace satupintu;

namespace {

using store::TenantSql;

constexpr TenantSql kOpd{
    "INSERT INTO opds (tenant, id, code, name, kind, created_at) VALUES ($1, $2, $3, $4, 'dinas', 0)"};
constexpr TenantSql kService{
    "INSERT INTO services (tenant, id, code, kind, version, name, opd_id, definition, active, created_at, updated_at) "
    "VALUES ($1, $2, $3, 'complaint', 1, $4, $5, '{}', 1, 0, 0)"};
constexpr TenantSql kStats{
    "INSERT INTO opd_case_stats (tenant, opd_id, received, closed, closed_on_time) VALUES ($1, $2, $3, $4, $5)"};
constexpr TenantSql kOverdue{"INSERT INTO opd_overdue (tenant, opd_id, n) VALUES ($1, $2, $3)"};
constexpr TenantSql kStatus{
    "INSERT INTO case_status_counts (tenant, kind, status, n) VALUES ($1, 'complaint', $2, $3)"};
constexpr TenantSql kIkm{
    "INSERT INTO ikm_totals (tenant, service_id, element, total, answers) VALUES ($1, $2, $3, $4, $5)"};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: rollup_seed DATA_DIR [REGIONS] [CASES]\n");
        return 2;
    }
    const int regions = argc > 2 ? std::atoi(argv[2]) : 500;
    const int cases = argc > 3 ? std::atoi(argv[3]) : 10000;
    store::StoreOptions opts;
    opts.data_dir = argv[1];
    auto store = store::OpenStore(opts);
    if (!store || !(*store)->Migrate()) {
        std::fprintf(stderr, "cannot open the store\n");
        return 1;
    }
    std::mt19937 rng(20261125);
    const auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    constexpr int kOpds = 15, kServices = 14;
    for (int r = 0; r < regions; ++r) {
        char code[16];
        std::snprintf(code, sizeof code, "%02d.%02d", 11 + r / 60, 1 + r % 60);
        const store::TenantId t(code);
        auto st = (*store)->Write([&](store::WriteTx& tx) -> Status {
            SP_TRY(region::EnsureTenant(tx, {code, std::string("Kabupaten Uji ") + code, 420}, 0, "bench"));
            int left = cases;
            for (int o = 0; o < kOpds; ++o) {
                const std::string opd = "opd-" + std::to_string(o);
                SP_TRY(tx.Exec(kOpd, t, opd, "OPD" + std::to_string(o), "Dinas Uji " + std::to_string(o)));
                const int received = o == kOpds - 1 ? left : cases / kOpds + uniform(-50, 50);
                left -= received;
                const int closed = received * uniform(70, 95) / 100;
                SP_TRY(tx.Exec(kStats, t, opd, received, closed, closed * uniform(55, 98) / 100));
                SP_TRY(tx.Exec(kOverdue, t, opd, uniform(0, received - closed)));
            }
            for (int s = 0; s < kServices; ++s) {
                const std::string id = "svc-" + std::to_string(s);
                SP_TRY(tx.Exec(kService, t, id, "CAT-" + std::to_string(s), "Kategori " + std::to_string(s),
                               "opd-" + std::to_string(s % kOpds)));
                const int answers = cases / kServices / 4;  // a quarter of the reporters answer the survey
                for (int e = 1; e <= 9; ++e)
                    SP_TRY(tx.Exec(kIkm, t, id, "U" + std::to_string(e), answers * uniform(250, 370) / 100, answers));
            }
            const char* statuses[] = {"received", "verified", "forwarded", "in_progress",
                                      "resolved", "closed",   "rejected"};
            const int share[] = {2, 1, 4, 3, 5, 80, 5};
            for (int i = 0; i < 7; ++i) SP_TRY(tx.Exec(kStatus, t, statuses[i], cases * share[i] / 100));
            return Status::Ok();
        });
        if (!st) {
            std::fprintf(stderr, "region %s: %s\n", code, st.error().detail.c_str());
            return 1;
        }
    }
    std::printf("%d regions x %d cases' projections written\n", regions, cases);
    return 0;
}
