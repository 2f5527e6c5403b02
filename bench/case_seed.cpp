// Fills the demo region with N complaints through the case engine (validation, numbering,
// terms, counters, events, outbox: everything a real filing writes), spread over a year, half of
// them forwarded to their OPD. Used by bench/run.sh to measure the officer queue and search at
// scale.
//
//   case_seed DATA_DIR N [BATCH] [FORWARD_PERCENT]     (defaults 2000, 50)
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "app/source_dir.hpp"
#include "cases/cases.hpp"
#include "catalog/services.hpp"
#include "region/calendar.hpp"
#include "region/geo.hpp"
#include "region/wilayah.hpp"
#include "store/store.hpp"

using namespace satupintu;

namespace {
constexpr const char* kWords[] = {
    "jalan",    "rusak",     "berlubang", "parah",   "banjir",    "got",      "mampet",    "sampah",  "menumpuk",
    "bau",      "lampu",     "mati",      "gelap",   "pasar",     "sekolah",  "puskesmas", "antrean", "lama",
    "petugas",  "ramah",     "pungutan",  "liar",    "ktp",       "kartu",    "keluarga",  "akta",    "izin",
    "bangunan", "retak",     "jembatan",  "longsor", "pohon",     "tumbang",  "drainase",  "saluran", "air",
    "bersih",   "kotor",     "desa",      "kampung", "perumahan", "warga",    "anak",      "guru",    "bantuan",
    "sosial",   "terlambat", "ditolak",   "diminta", "uang",      "tambahan", "calo",      "parkir",  "pedagang",
    "trotoar",  "macet",     "angkot",    "halte",   "rumah",     "sakit",    "obat",      "dokter",  "bidan"};

// CPU seconds each of this process's threads has used, by thread name (the store names its own:
// sp-writer, sp-wal-sync, sp-checkpoint). From /proc, so that a run can say where the time went.
std::map<std::string, double> ThreadCpu() {
    std::map<std::string, double> out;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream f(task.path() / "stat");
        std::string line;
        std::getline(f, line);
        const auto open = line.find('('), close = line.rfind(')');
        if (open == std::string::npos || close == std::string::npos) continue;
        std::istringstream rest(line.substr(close + 2));
        std::string field;
        long utime = 0, stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i) {
            if (i == 14) utime = std::stol(field);
            if (i == 15) stime = std::stol(field);
        }
        out[line.substr(open + 1, close - open - 1)] += static_cast<double>(utime + stime) / tick;
    }
    return out;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 5) {
        std::cerr << "usage: case_seed DATA_DIR N [BATCH] [FORWARD_PERCENT]\n";
        return 2;
    }
    const int n = std::atoi(argv[2]);
    const int batch = argc > 3 ? std::max(1, std::atoi(argv[3])) : 2000;
    const int forward_percent = argc > 4 ? std::atoi(argv[4]) : 50;
    store::StoreOptions opts;
    opts.data_dir = argv[1];
    auto store = store::OpenStore(opts);
    if (!store || !(*store)->Migrate()) {
        std::cerr << "cannot open the store\n";
        return 1;
    }
    const store::TenantId tenant("36.04");
    auto geo = region::KecamatanMap::Load(std::string(app::kSourceDir) + "/data/geo");
    std::vector<catalog::Service> services;
    std::vector<std::string> kecamatan;
    std::optional<region::WorkingDayCalendar> cal;
    auto st = (*store)->Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(services, catalog::ListServices(tx, tenant, "complaint"));
        SP_ASSIGN(auto kids, region::Children(tx, tenant.code()));
        for (const auto& k : kids) kecamatan.push_back(k.code);
        SP_ASSIGN(auto c, region::LoadCalendar(tx, tenant));
        cal.emplace(std::move(c));
        return Status::Ok();
    });
    if (!st || services.empty()) {
        std::cerr << "seed the demo region first (satupintu demo --data DIR)\n";
        return 1;
    }
    std::mt19937_64 rng(42);
    const int64_t now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    const cases::Actor citizen{"user:bench", "citizen", "bench", std::nullopt, false};
    const cases::Actor verifier{"user:bench-verifier", "verifier", "bench-verifier", std::nullopt, false};
    const auto started = std::chrono::steady_clock::now();
    for (int done = 0; done < n;) {
        const int count = std::min(batch, n - done);
        st = (*store)->Write([&](store::WriteTx& tx) -> Status {
            for (int i = 0; i < count; ++i) {
                const int k = done + i;
                // Oldest first, over the last 365 days.
                const int64_t at = now - int64_t{365} * 86400000 + int64_t{365} * 86400000 / n * k;
                const cases::Env env{*cal, *geo, 420, at};
                const auto& s = services[rng() % services.size()];
                cases::NewComplaint in;
                for (const auto& a : s.attributes) {
                    if (a.required) in.attributes[a.code] = a.values.empty() ? "1" : a.values.front().key;
                }
                in.service_code = s.code;
                const int words = 8 + static_cast<int>(rng() % 8);
                for (int w = 0; w < words; ++w)
                    in.description += std::string(w ? " " : "") + kWords[rng() % std::size(kWords)];
                in.kecamatan_code = kecamatan[rng() % kecamatan.size()];
                in.rahasia = rng() % 20 == 0;
                SP_ASSIGN(auto c, cases::FileComplaint(tx, tenant, in, env, citizen));
                if (static_cast<int>(rng() % 100) < forward_percent) {
                    cases::Action forward;
                    forward.name = "forward";
                    SP_TRY(cases::Act(tx, tenant, c.number, forward, env, verifier).status());
                }
            }
            return Status::Ok();
        });
        if (!st) {
            std::cerr << "seeding failed: " << st.error().detail << "\n";
            return 1;
        }
        done += count;
        if (done % 100000 < count || done == n) {
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::cerr << done << " complaints, " << static_cast<int>(done / secs) << "/s\n";
        }
    }
    for (const auto& [thread, secs] : ThreadCpu())
        std::cerr << "cpu " << thread << ": " << static_cast<int>(secs * 1e6 / n) << " us per complaint\n";
    return 0;
}
