// Durable writes with an event, 64 concurrent writers, on the SQLite store: group commit (the
// product's writer, WAL synced beside it) against one transaction per write (the same writer with
// batches of one, each commit syncing the WAL itself: synchronous=FULL). Every write creates an
// OPD unit and appends its event to the tenant's hash chain, durably before the writer answers.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "app/demo.hpp"
#include "core/crypto.hpp"
#include "region/opds.hpp"
#include "region/tenants.hpp"
#include "store/store.hpp"

using namespace satupintu;

static double Run(int max_batch, bool sync_beside_writer, int writers, double seconds) {
    const auto dir = std::filesystem::temp_directory_path() / ("sp-wbench-" + crypto::RandomToken(6));
    store::StoreOptions opts;
    opts.data_dir = dir.string();
    opts.max_batch = max_batch;
    opts.sync_beside_writer = sync_beside_writer;
    auto store = store::OpenStore(opts).value();
    if (!store->Migrate()) std::abort();
    const store::TenantId tenant("36.04");
    std::string opd_id;
    if (!store->Write([&](store::WriteTx& tx) -> Status {
            SP_TRY(region::EnsureTenant(tx, region::Tenant{"36.04", "Kabupaten Serang", 420}, 1, "bench"));
            SP_ASSIGN(auto opd,
                      region::CreateOpd(tx, tenant, {"PUPR", "Dinas PUPR", "dinas", std::nullopt}, 1, "bench"));
            opd_id = opd.id;
            return Status::Ok();
        })) {
        std::abort();
    }
    std::atomic<bool> stop{false};
    std::atomic<int64_t> done{0};
    std::vector<std::thread> threads;
    const auto start = std::chrono::steady_clock::now();
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            int i = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                const std::string name = "Bidang " + std::to_string(w) + "-" + std::to_string(i++);
                Status st = store->Write([&](store::WriteTx& tx) {
                    return region::CreateOpdUnit(tx, tenant, opd_id, name, 2, "bench").status();
                });
                if (!st) std::abort();
                done.fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    store.reset();
    std::filesystem::remove_all(dir);
    return static_cast<double>(done.load()) / elapsed;
}

int main(int argc, char** argv) {
    crypto::InitCrypto();
    const double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
    const int writers = 64;
    const double single = Run(1, false, writers, seconds);
    const double group = Run(512, true, writers, seconds);
    std::cout << "durable writes with an event, " << writers << " concurrent writers, " << seconds << " s each\n";
    std::cout << "  one transaction per write: " << static_cast<int64_t>(single) << " writes/s\n";
    std::cout << "  group commit:              " << static_cast<int64_t>(group) << " writes/s\n";
    std::cout << "  ratio:                     " << group / single << "x (target >= 5x)\n";
    return 0;
}
