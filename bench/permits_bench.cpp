// Documents and payments, measured:
//   1. rendering + signing one-page documents (target >= 200/s) and verifying them (>= 2,000/s);
//   2. bank payment callbacks through the real server, signed, durable (>= 2,000/s), from
//      CLIENTS keep-alive connections;
//   3. reconciling 100,000 payments against a 100,000-line statement (< 2 s).
//
//   build/bench/permits_bench [PAYMENTS] [CLIENTS]      (defaults 20000, 32)

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "app/config.hpp"
#include "app/context.hpp"
#include "app/demo.hpp"
#include "billing/billing.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "documents/render.hpp"
#include "documents/signature.hpp"

#include "bench_support.hpp"

using namespace satupintu;
using bench::Seconds;
using bench::Steady;

namespace {

documents::Content Sample(int i) {
    documents::Content c;
    c.id = NewId();
    c.region = "36.04";
    c.number = "500.16.7/" + std::to_string(i) + "/DPMPTSP/2026";
    c.title = "IZIN PENYELENGGARAAN REKLAME";
    c.government = "PEMERINTAH KABUPATEN SERANG";
    c.office = "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU";
    c.address = "Kabupaten Serang";
    c.service_code = "IZIN-REKLAME";
    c.case_number = "IZN-2026-" + std::to_string(100000 + i);
    c.holder_name = "CV Maju Bersama " + std::to_string(i);
    c.body =
        "Memberikan izin penyelenggaraan reklame sebagaimana tersebut di bawah ini. Pajak reklame telah "
        "dibayar lunas. Reklame wajib dibongkar oleh penyelenggara pada akhir masa berlaku.";
    c.fields = {{"Penyelenggara", c.holder_name}, {"Jenis", "baliho"}, {"Luas (m2)", "8"}, {"Lama (hari)", "30"}};
    c.place = "Serang";
    c.issued_on = "2026-11-25";
    c.valid_until = "2027-11-25";
    c.signer_title = "Kepala Dinas Penanaman Modal dan PTSP";
    c.verify_url = "https://layanan.serangkab.go.id/verifikasi/36.04/" + c.id;
    return c;
}

void Documents() {
    const auto key = crypto::GenerateSigningKey();
    const int n = 2000;
    std::vector<std::string> files;
    files.reserve(n);
    auto t0 = Steady::now();
    for (int i = 0; i < n; ++i) {
        const auto c = Sample(i);
        const std::string pdf = *documents::RenderPdf(c);
        const std::string statement = documents::Statement(documents::ContentJson(c), pdf);
        files.push_back(documents::Seal(pdf, "k1", statement, crypto::SignDetached(key.secret_key, statement)));
    }
    const double render = Seconds(t0);
    std::printf("render+sign: %d documents in %.2f s = %.0f/s on one core (target >= 200/s); %zu bytes each\n", n,
                render, n / render, files[0].size());
    const int rounds = 10;
    t0 = Steady::now();
    int ok = 0;
    for (int r = 0; r < rounds; ++r) {
        for (const auto& f : files) {
            auto parts = documents::Split(f);
            ok += parts && documents::Verify(*parts, key.public_key) == documents::Check::kAuthentic;
        }
    }
    const double verify = Seconds(t0);
    std::printf("verify: %d files in %.2f s = %.0f/s on one core (target >= 2,000/s); %d authentic\n", n * rounds,
                verify, n * rounds / verify, ok);
}

}  // namespace

int main(int argc, char** argv) {
    const int payments = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int clients = argc > 2 ? std::atoi(argv[2]) : 32;
    crypto::InitCrypto();
    Documents();

    // A real server on SQLite with the demo region.
    bench::DemoServer server;
    SystemClock clock;
    const identity::NikVault vault(*app::MasterKey(server.config()));
    auto& store = server.app().store();
    const store::TenantId t("36.04");
    std::string secret_hex;
    std::vector<billing::Bill> bills;
    const int64_t now = clock.NowMs();
    for (int done = 0; done < payments;) {
        const int batch = std::min(1000, payments - done);
        auto st = store.Write([&](store::WriteTx& tx) -> Status {
            for (int i = 0; i < batch; ++i) {
                SP_ASSIGN(auto b, billing::CreateBill(tx, t, std::nullopt, 50'000 + (done + i) % 1000, "bench", "tetap",
                                                      now + 86'400'000, now, 420));
                bills.push_back(b);
            }
            return Status::Ok();
        });
        if (!st) {
            std::cerr << st.error().detail << "\n";
            return 1;
        }
        done += batch;
    }
    (void)store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(secret_hex, billing::CreateChannel(tx, t, "BENCH", vault, now, "bench"));
        return Status::Ok();
    });
    crypto::Key32 key;
    const auto bytes = *crypto::HexDecode(secret_hex);
    std::copy(bytes.begin(), bytes.end(), key.begin());
    server.Start();
    const uint16_t port = server.port();

    std::atomic<int> next{0}, ok{0}, bad{0};
    std::vector<double> latencies_ms(static_cast<size_t>(payments));
    auto t0 = Steady::now();
    std::vector<std::thread> threads;
    for (int k = 0; k < clients; ++k) {
        threads.emplace_back([&] {
            bench::Conn conn(port);
            for (int i; (i = next++) < payments;) {
                const auto& b = bills[static_cast<size_t>(i)];
                const std::string body = "{\"kode_bayar\":\"" + b.kode_bayar +
                                         "\",\"amount\":" + std::to_string(b.amount) + ",\"bank_txn_id\":\"B-" +
                                         std::to_string(i) + "\",\"paid_at\":\"2026-11-25T10:00:00+07:00\"}";
                const std::string ts = std::to_string(time(nullptr));
                const std::string headers =
                    "Content-Type: application/json\r\nX-Bank-Id: BENCH\r\nX-Bank-Timestamp: " + ts +
                    "\r\nX-Bank-Signature: " + crypto::HmacSha256Hex(key, ts + "." + body) + "\r\n";
                const auto s0 = Steady::now();
                const int status = conn.Post("/api/v1/regions/36.04/payments/callback", headers, body).status;
                latencies_ms[static_cast<size_t>(i)] = Seconds(s0) * 1000;
                (status == 200 ? ok : bad)++;
            }
        });
    }
    for (auto& th : threads) th.join();
    const double pay = Seconds(t0);
    std::sort(latencies_ms.begin(), latencies_ms.end());
    std::printf(
        "payments: %d signed callbacks from %d keep-alive clients in %.2f s = %.0f/s (target >= 2,000/s), "
        "p50 %.1f ms, p99 %.1f ms; %d ok, %d refused\n",
        payments, clients, pay, payments / pay, latencies_ms[latencies_ms.size() / 2],
        latencies_ms[latencies_ms.size() * 99 / 100], ok.load(), bad.load());

    // Reconciliation: the bank's statement of the day against the recorded payments.
    std::string csv = "bank_txn_id,kode_bayar,amount\n";
    for (int i = 0; i < payments; ++i) {
        const auto& b = bills[static_cast<size_t>(i)];
        csv += "B-" + std::to_string(i) + "," + b.kode_bayar + "," + std::to_string(b.amount) + "\n";
    }
    t0 = Steady::now();
    auto lines = billing::ParseStatement(csv);
    std::optional<billing::Reconciliation> rec;
    (void)store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(rec, billing::Reconcile(tx, t, "BENCH", "2026-11-25", 420, *lines));
        return Status::Ok();
    });
    const double recon = Seconds(t0);
    std::printf(
        "reconciliation: %d payments vs a %zu-line statement in %.3f s (target < 2 s for 100,000); "
        "%lld matched, %zu mismatches\n",
        payments, lines->size(), recon, static_cast<long long>(rec->matched), rec->mismatches.size());
    return 0;
}
