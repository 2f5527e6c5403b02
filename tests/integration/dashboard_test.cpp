// The command center's summary equals a recomputation from the cases themselves, before and
// after complaints and applications move (the projections are written in the same transactions).
#include <cmath>
#include <cstdlib>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include "billing/billing.hpp"
#include "cases/projections.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"

#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

class DashboardTest : public ApiTest {
  protected:
    using Counts = std::map<std::string, std::map<std::string, int64_t>>;

    static Counts Recount() {
        Counts out;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kRecount{
                "SELECT CASE WHEN class = 'permohonan' THEN 'permit' ELSE 'complaint' END, status, COUNT(*) "
                "FROM cases WHERE tenant = $1 GROUP BY 1, 2"};
            SP_ASSIGN(auto rows, tx.Query(kRecount, store::TenantId("36.04")));
            for (const auto& r : rows) out[r.Text(0)][r.Text(1)] = r.Int(2);
            return Status::Ok();
        }));
        return out;
    }
    static Counts FromSummary(const json::object& summary) {
        Counts out;
        for (const auto& [kind, statuses] : summary.at("by_status").as_object()) {
            for (const auto& [status, n] : statuses.as_object())
                out[std::string(kind)][std::string(status)] = n.as_int64();
        }
        return out;
    }
    static json::object Summary() {
        auto r = Get(port(), "/api/v1/regions/36.04/dashboard/summary");
        EXPECT_EQ(r.status, 200) << r.body;
        // Plain decimals only (Boost.JSON alone writes 5E-1 and 1E0).
        EXPECT_FALSE(std::regex_search(r.body, std::regex(R"([:\[,]-?[0-9.]+[eE][-+]?[0-9]+[,}\]])")))
            << r.body.substr(0, 600);
        return Body(r).as_object();
    }
    // IKM recomputed from the raw answers (PermenPAN-RB 14/2017).
    static std::optional<double> RecomputedIkm() {
        std::optional<double> out;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kAnswers{
                "SELECT element, SUM(answer), COUNT(*) FROM ikm_answers WHERE tenant = $1 GROUP BY element"};
            SP_ASSIGN(auto rows, tx.Query(kAnswers, store::TenantId("36.04")));
            if (rows.size() < 9) return Status::Ok();
            double index = 0;
            for (const auto& r : rows) index += static_cast<double>(r.Int(1)) / static_cast<double>(r.Int(2)) / 9.0;
            out = std::floor(index * 25 * 100 + 0.5) / 100;
            return Status::Ok();
        }));
        return out;
    }
};

TEST_F(DashboardTest, NumbersEqualARecomputationAsCasesMove) {
    auto summary = Summary();
    EXPECT_EQ(FromSummary(summary), Recount());
    EXPECT_EQ(summary.at("trend_30d").as_array().size(), 30u);

    // A complaint filed and moved; an application submitted.
    const auto warga = As("warga");
    auto r = PostJson(
        port(), "/api/v1/complaints",
        R"({"service_code":"SAMPAH","description":"Sampah menumpuk di pasar","lat":-6.0401,"long":106.112759})",
        warga.AuthHeaders());
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string number(Body(r).at("number").as_string());
    const int64_t in_before = summary.at("today").at("complaint").at("in").as_int64();
    summary = Summary();
    EXPECT_EQ(summary.at("today").at("complaint").at("in").as_int64(), in_before + 1);
    EXPECT_EQ(FromSummary(summary), Recount());
    r = PostJson(port(), "/api/v1/cases/" + number + "/actions", R"({"action":"verify"})",
                 As("verifikator").AuthHeaders());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(FromSummary(Summary()), Recount());

    auto h = warga.AuthHeaders();
    h.Add("Content-Type", "application/json");
    r = Request(port(), "POST", "/api/v1/applications",
                R"({"service_code":"REKOM-PENELITIAN","submit":false,"answers":{"nama":"Uji"}})", h);
    ASSERT_EQ(r.status, 201) << r.body;
    summary = Summary();
    EXPECT_EQ(summary.at("by_status").at("permit").at("draft").as_int64(), Recount()["permit"]["draft"]);
    EXPECT_EQ(FromSummary(summary), Recount());

    // A resolved complaint of the demo citizen, not yet rated, is rated with all nine elements.
    auto mine = Body(Get(port(), "/api/v1/me/complaints", warga.AuthHeaders())).at("complaints").as_array();
    for (const auto& c : mine) {
        if (c.at("status").as_string() != "resolved") continue;
        json::object ikm;
        for (int i = 1; i <= 9; ++i) ikm["U" + std::to_string(i)] = 2 + i % 3;
        r = PostJson(port(), "/api/v1/cases/" + std::string(c.at("number").as_string()) + "/actions",
                     json::serialize(json::object{{"action", "rate"}, {"rating", 4}, {"ikm", ikm}}),
                     warga.AuthHeaders());
        if (r.status == 200) break;
        // On a PostgreSQL database shared by earlier suites, a complaint may be rated already.
        ASSERT_EQ(r.status, 409) << r.body;
    }
    summary = Summary();
    // IKM from the projection equals IKM from the raw answers.
    const auto ikm = RecomputedIkm();
    if (ikm) {
        ASSERT_TRUE(summary.at("ikm").at("value").is_number()) << json::serialize(summary.at("ikm"));
        EXPECT_DOUBLE_EQ(summary.at("ikm").at("value").to_number<double>(), *ikm);
    } else {
        EXPECT_TRUE(summary.at("ikm").at("value").is_null());
    }
    // The same numbers for everyone: no personal data in it.
    EXPECT_EQ(json::serialize(summary).find("warga"), std::string::npos);
    EXPECT_EQ(Get(port(), "/api/v1/regions/99.99/dashboard/summary").status, 404);
}

// The stream sends the summary at once, then the new numbers after a filing, well within the
// second the wall screen promises (the benchmark measures it under load).
TEST_F(DashboardTest, StreamPushesEachChange) {
    EventReader events(port(), "/api/v1/regions/36.04/dashboard/stream");
    const auto first = events.Next(5000);
    ASSERT_TRUE(first);
    EXPECT_EQ(events.Status(), 200);
    EXPECT_NE(events.head().find("text/event-stream"), std::string::npos) << events.head();
    const int64_t before = json::parse(*first).at("today").at("complaint").at("in").as_int64();

    auto r =
        PostJson(port(), "/api/v1/complaints",
                 R"({"service_code":"LAMPU-JALAN","description":"Lampu jalan padam","lat":-6.0401,"long":106.112759})",
                 As("warga").AuthHeaders());
    ASSERT_EQ(r.status, 201) << r.body;
    const auto filed = std::chrono::steady_clock::now();
    // A frame rendered just before the commit may still be on its way: skip it.
    json::value summary;
    int64_t seen = before;
    while (seen == before) {
        const auto next = events.Next(3000);
        ASSERT_TRUE(next) << "no update within 3 s of the filing";
        summary = json::parse(*next);
        seen = summary.at("today").at("complaint").at("in").as_int64();
    }
    EXPECT_EQ(seen, before + 1);
    EXPECT_EQ(FromSummary(summary.as_object()), Recount());
    std::printf(
        "  update arrived %lld ms after the filing\n",
        static_cast<long long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - filed).count()));

    // An unknown region is a problem, not an empty stream.
    EventReader unknown(port(), "/api/v1/regions/99.99/dashboard/stream");
    EXPECT_EQ(unknown.Status(), 404);
}

// The roll-up over every region equals the sum of each region's own summary, ranked best first.
TEST_F(DashboardTest, RollupSumsEachRegionAndRanksThem) {
    auto r = Get(port(), "/api/v1/rollup");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto rollup = Body(r);
    EXPECT_EQ(rollup.at("scope").as_string(), "national");
    std::map<std::string, json::object> regions;
    double last_rate = 2;
    for (const auto& v : rollup.at("regions").as_array()) {
        const auto& o = v.as_object();
        regions[std::string(o.at("region").as_string())] = o;
        const double rate = o.at("on_time_rate").is_null() ? -1 : o.at("on_time_rate").to_number<double>();
        EXPECT_LE(rate, last_rate) << "ranked best first";
        last_rate = rate;
    }
    ASSERT_TRUE(regions.contains("36.04") && regions.contains("32.16")) << r.body;
    for (const auto& [code, o] : regions) {
        const auto s = Body(Get(port(), "/api/v1/regions/" + code + "/dashboard/summary")).as_object();
        int64_t received = 0, closed = 0, on_time = 0, overdue = 0;
        for (const auto& opd : s.at("opds").as_array()) {
            received += opd.at("received").as_int64();
            closed += opd.at("closed").as_int64();
            on_time += opd.at("closed_on_time").as_int64();
            overdue += opd.at("open_overdue").as_int64();
        }
        EXPECT_EQ(o.at("received").as_int64(), received) << code;
        EXPECT_EQ(o.at("closed").as_int64(), closed) << code;
        EXPECT_EQ(o.at("closed_on_time").as_int64(), on_time) << code;
        EXPECT_EQ(o.at("open_overdue").as_int64(), overdue) << code;
        EXPECT_EQ(json::serialize(o.at("ikm").at("value")), json::serialize(s.at("ikm").at("value"))) << code;
    }
    // OPDs across regions, best and worst, each with its region.
    const auto& best = rollup.at("opds_best").as_array();
    ASSERT_FALSE(best.empty());
    EXPECT_EQ(best.at(0).at("rank").as_int64(), 1);
    EXPECT_FALSE(best.at(0).at("region_name").as_string().empty());
    // One province only; bad input is refused.
    const auto banten = Body(Get(port(), "/api/v1/rollup?province=36"));
    for (const auto& o : banten.at("regions").as_array()) EXPECT_TRUE(o.at("region").as_string().starts_with("36."));
    EXPECT_EQ(Get(port(), "/api/v1/rollup?province=3").status, 400);
    EXPECT_EQ(Get(port(), "/api/v1/rollup?limit=0").status, 400);

    // A new complaint shows in the roll-up within its promised two seconds (plus the background
    // recomputation), while every request meanwhile is answered at once from the previous one.
    const int64_t open_before = regions["36.04"].at("open").as_int64();
    r = PostJson(port(), "/api/v1/complaints",
                 R"({"service_code":"BANSOS","description":"Bantuan belum diterima","lat":-6.0401,"long":106.112759})",
                 As("warga").AuthHeaders());
    ASSERT_EQ(r.status, 201) << r.body;
    int64_t open_now = open_before;
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
         open_now == open_before && std::chrono::steady_clock::now() < deadline;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const auto again = Body(Get(port(), "/api/v1/rollup"));
        for (const auto& o : again.at("regions").as_array()) {
            if (o.at("region") == "36.04") open_now = o.at("open").as_int64();
        }
    }
    EXPECT_EQ(open_now, open_before + 1);
}

// The portal and open data: a rahasia complaint is in no public view or download (only in the
// counts), while an ordinary one filed alongside it is; the catalog names every dataset and its
// licence; bad input is refused.
TEST_F(DashboardTest, OpenDataHasNoRahasiaAndNoPersonalData) {
    const auto warga = As("warga");
    json::object open{{"service_code", "KESEHATAN"},
                      {"description", "Antrean puskesmas sangat lama bagi warga"},
                      {"lat", -6.0401},
                      {"long", 106.112759}};
    auto r = PostJson(port(), "/api/v1/complaints", json::serialize(open), warga.AuthHeaders());
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string public_number(Body(r).at("number").as_string());
    json::object secret = open;
    secret["service_code"] = "PUNGLI";
    secret["description"] = "RAHASIA-PENANDA-7731 pungutan di loket";
    secret["rahasia"] = true;
    r = PostJson(port(), "/api/v1/complaints", json::serialize(secret), warga.AuthHeaders());
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string secret_number(Body(r).at("number").as_string());

    const std::string month = json::serialize(Summary().at("date")).substr(1, 7);
    std::vector<std::string> outputs;
    for (const char* dataset : {"complaints", "complaints-daily", "opd-performance", "revenue-daily"}) {
        for (const char* format : {".csv", ".json"}) {
            auto d = Get(port(), "/open-data/36.04/" + std::string(dataset) + format + "?month=" + month);
            ASSERT_EQ(d.status, 200) << dataset << format << " " << d.body;
            EXPECT_EQ(d.Header("access-control-allow-origin"), "*");
            outputs.push_back(d.body);
        }
    }
    // The ordinary complaint is listed, with its point rounded; the rahasia one is not.
    EXPECT_NE(outputs[0].find(public_number), std::string::npos);
    EXPECT_NE(outputs[0].find("-6.04,106.113"), std::string::npos) << outputs[0].substr(0, 400);
    EXPECT_EQ(outputs[0].rfind("number,category_code,", 0), 0u);
    for (const char* path : {"/open-data/catalog.json", "/api/v1/regions/36.04/portal",
                             "/api/v1/regions/36.04/complaints", "/api/v1/regions/36.04/dashboard/summary",
                             "/api/v1/rollup", "/open311/v2/requests.json?jurisdiction_id=36.04"}) {
        auto d = Get(port(), path);
        ASSERT_EQ(d.status, 200) << path << " " << d.body;
        outputs.push_back(d.body);
    }
    EventReader stream(port(), "/api/v1/regions/36.04/dashboard/stream");
    outputs.push_back(stream.Next(5000).value_or(""));
    for (size_t i = 0; i < outputs.size(); ++i) {
        const auto& out = outputs[i];
        EXPECT_EQ(out.find(secret_number), std::string::npos) << out.substr(0, 300);
        EXPECT_EQ(out.find("RAHASIA-PENANDA"), std::string::npos);
        EXPECT_EQ(out.find("warga@"), std::string::npos);  // no reporter anywhere
        // The downloads carry no free text at all (the public list shows descriptions by design).
        if (i < 8) {
            EXPECT_EQ(out.find("Antrean puskesmas"), std::string::npos) << "no free text in open data";
        }
    }

    // The catalog: every region's datasets with a licence and both formats.
    const auto catalog = Body(Get(port(), "/open-data/catalog.json"));
    int for_serang = 0;
    for (const auto& d : catalog.at("datasets").as_array()) {
        EXPECT_FALSE(d.at("license").at("id").as_string().empty());
        EXPECT_FALSE(d.at("distributions").as_array().empty());
        if (d.at("region") == "36.04") ++for_serang;
    }
    EXPECT_EQ(for_serang, 5);
    for (const char* schema : {"opd-performance", "complaints-daily", "complaints", "revenue-daily"})
        EXPECT_FALSE(catalog.at("schemas").at(schema).at("fields").as_array().empty()) << schema;
    const auto one = Body(Get(port(), "/open-data/catalog.json?region=32.16"));
    for (const auto& d : one.at("datasets").as_array()) EXPECT_EQ(d.at("region"), "32.16");
    EXPECT_EQ(Get(port(), "/open-data/catalog.json?region=99.99").status, 404);
    EXPECT_EQ(Get(port(), "/open-data/36.04/complaints.csv?month=2026-13").status, 400);
    EXPECT_EQ(Get(port(), "/open-data/36.04/complaints.xml").status, 404);
    EXPECT_EQ(Get(port(), "/open-data/36.04/secrets.csv").status, 404);
    EXPECT_EQ(Get(port(), "/open-data/99.99/complaints.csv").status, 404);
}

// Property: after any sequence of steps (filings, every case action by staff and by the reporter,
// refused ones included, days passing and SLA sweeps), the dashboard's numbers equal what the
// event log and the cases say, and rebuilding the projections from scratch changes nothing.
// The seed is printed; SATUPINTU_PROPERTY_SEED=N replays a run.
class DashboardProperty : public ::testing::Test {
  protected:
    using Counts = std::map<std::string, std::map<std::string, int64_t>>;
    static int64_t At(const char* date) { return *StartOfDayMs(date, 420) + 9 * 3'600'000; }
    uint16_t port() { return server_.port(); }
    store::Store& store() { return server_.app().store(); }
    Session As(const std::string& who) { return Login(port(), "36.04", who + "@serang.satupintu.test", kPassword); }

    json::object Summary(const std::string& region = "36.04") {
        auto r = Get(port(), "/api/v1/regions/" + region + "/dashboard/summary");
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body).as_object();
    }
    // The last status of every case, replayed from the event log alone.
    Counts Replayed() {
        Counts out;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kEvents{
                "SELECT type, subject, payload FROM events WHERE tenant = $1 AND subject LIKE 'case:%' ORDER BY seq"};
            SP_ASSIGN(auto rows, tx.Query(kEvents, store::TenantId("36.04")));
            std::map<std::string, std::pair<std::string, std::string>> last;  // subject -> kind, status
            for (const auto& r : rows) {
                const auto payload = json::parse(r.Text(2)).as_object();
                const auto* status = payload.if_contains("status");
                if (!status) continue;
                last[r.Text(1)] = {r.Text(0).rfind("application.", 0) == 0 ? "permit" : "complaint",
                                   std::string(status->as_string())};
            }
            for (const auto& [_, ks] : last) ++out[ks.first][ks.second];
            return Status::Ok();
        }));
        return out;
    }
    // Open overdue per OPD, counted from the cases.
    std::map<std::string, int64_t> OverdueRecount() {
        std::map<std::string, int64_t> out;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kOverdue{
                "SELECT opd_id, COUNT(*) FROM cases WHERE tenant = $1 AND is_open = 1 AND stage = 'follow_up' "
                "AND escalation > 0 AND class <> 'permohonan' GROUP BY opd_id"};
            SP_ASSIGN(auto rows, tx.Query(kOverdue, store::TenantId("36.04")));
            for (const auto& r : rows) out[r.Text(0)] = r.Int(1);
            return Status::Ok();
        }));
        return out;
    }
    // The projections' rows (zeros left out: a count that went up and down again stays as 0).
    std::vector<std::string> ProjectionRows() {
        std::vector<std::string> out;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kRows[] = {
                {"SELECT 's', kind, status, n FROM case_status_counts WHERE tenant = $1 AND n <> 0"},
                {"SELECT 'o', opd_id, '', n FROM opd_overdue WHERE tenant = $1 AND n <> 0"},
                {"SELECT 'i', service_id, element, total * 1000000 + answers FROM ikm_totals WHERE tenant = $1"},
                {"SELECT 'd', opd_id, CAST(days AS TEXT), n FROM opd_resolution_days WHERE tenant = $1 AND n <> 0"}};
            for (const auto& sql : kRows) {
                SP_ASSIGN(auto rows, tx.Query(sql, store::TenantId("36.04")));
                for (const auto& r : rows)
                    out.push_back(r.Text(0) + "|" + r.Text(1) + "|" + r.Text(2) + "|" + std::to_string(r.Int(3)));
            }
            return Status::Ok();
        }));
        std::sort(out.begin(), out.end());
        return out;
    }
    void CheckInvariants(const std::string& after) {
        const auto summary = Summary();
        Counts shown;
        for (const auto& [kind, statuses] : summary.at("by_status").as_object()) {
            for (const auto& [status, n] : statuses.as_object())
                shown[std::string(kind)][std::string(status)] = n.as_int64();
        }
        ASSERT_EQ(shown, Replayed()) << "after " << after;
        std::map<std::string, int64_t> overdue;
        for (const auto& o : summary.at("opds").as_array()) {
            if (const int64_t n = o.at("open_overdue").as_int64()) overdue[std::string(o.at("opd_id").as_string())] = n;
        }
        ASSERT_EQ(overdue, OverdueRecount()) << "after " << after;
    }

    FakeClock clock_{At("2026-11-25")};
    TestServer server_{TestConfig(), true, &clock_};
};

TEST_F(DashboardProperty, NumbersEqualTheEventLogAfterRandomSteps) {
    const char* env_seed = std::getenv("SATUPINTU_PROPERTY_SEED");
    const unsigned seed =
        env_seed ? static_cast<unsigned>(std::strtoul(env_seed, nullptr, 10)) : std::random_device{}();
    std::printf("  SATUPINTU_PROPERTY_SEED=%u\n", seed);
    std::mt19937 rng(seed);
    const auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
    Session warga = As("warga"), staff = As("verifikator");
    const std::vector<std::string> categories = {"KESEHATAN", "PENDIDIKAN", "BANSOS", "PUNGLI", "BENCANA", "SAMPAH"};
    const std::vector<std::string> staff_actions = {"verify",    "reject",  "forward", "start", "request_info",
                                                    "follow_up", "resolve", "pass_on", "close"};
    const std::vector<std::string> reporter_actions = {"reply", "reopen", "close", "rate"};
    std::vector<std::string> opds;
    const auto opd_list = Get(port(), "/api/v1/opds", staff.AuthHeaders());
    ASSERT_EQ(opd_list.status, 200) << opd_list.body;
    const auto opd_json = json::parse(opd_list.body);
    for (const auto& o : opd_json.at("opds").as_array()) opds.emplace_back(o.at("id").as_string());
    std::vector<std::string> numbers;
    CheckInvariants("start");
    for (int step = 0; step < 160; ++step) {
        const size_t what = pick(10);
        std::string label;
        if (what < 3 || numbers.empty()) {
            json::object body{{"service_code", categories[pick(categories.size())]},
                              {"description", "Uji sifat dasbor langkah " + std::to_string(step)},
                              {"lat", -6.0401},
                              {"long", 106.112759}};
            auto r = PostJson(port(), "/api/v1/complaints", json::serialize(body), warga.AuthHeaders());
            ASSERT_EQ(r.status, 201) << r.body;
            numbers.emplace_back(json::parse(r.body).at("number").as_string());
            label = "filing " + numbers.back();
        } else if (what < 9) {
            const bool by_reporter = what == 8;
            const auto& actions = by_reporter ? reporter_actions : staff_actions;
            json::object body{{"action", actions[pick(actions.size())]}, {"note", "langkah " + std::to_string(step)}};
            if (body["action"] == "reject") body["reason"] = "duplikat";
            if (body["action"] == "pass_on") body["opd_id"] = opds[pick(opds.size())];
            if (body["action"] == "rate") {
                body["rating"] = 1 + static_cast<int>(pick(5));
                json::object ikm;
                for (int i = 1; i <= 9; ++i) ikm["U" + std::to_string(i)] = 1 + static_cast<int>(pick(4));
                body["ikm"] = std::move(ikm);
            }
            const std::string& number = numbers[pick(numbers.size())];
            auto r = PostJson(port(), "/api/v1/cases/" + number + "/actions", json::serialize(body),
                              (by_reporter ? warga : staff).AuthHeaders());
            ASSERT_TRUE(r.status == 200 || r.status == 400 || r.status == 403 || r.status == 409)
                << r.status << " " << r.body;
            label = std::string(body["action"].as_string()) + " " + number + " -> " + std::to_string(r.status);
        } else {
            clock_.Advance(static_cast<int64_t>(pick(3)) * 86'400'000);
            ASSERT_TRUE(server_.app().SweepAll());
            warga = As("warga");  // sessions idle out while the days pass
            staff = As("verifikator");
            label = "a sweep";
        }
        CheckInvariants(label);
        if (HasFatalFailure()) return;
    }
    const auto live = ProjectionRows();
    const auto before = Summary();
    ASSERT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
        return cases::RebuildDashboardProjections(tx, store::TenantId("36.04"));
    }));
    EXPECT_EQ(ProjectionRows(), live);
    EXPECT_EQ(Summary(), before);
}

// Alerts with a fake clock: a spike of complaints in one kecamatan, then a wave of breaches at
// one OPD, each raised once (stored, on the summary, an event, an email through the outbox).
class DashboardAlerts : public DashboardProperty {
  protected:
    std::vector<std::string> Alerts(const std::string& kind, const std::string& region = "36.04") {
        std::vector<std::string> out;
        const auto summary = Summary(region);
        for (const auto& a : summary.at("alerts").as_array()) {
            if (a.at("kind").as_string() == kind) out.emplace_back(a.at("subject").as_string());
        }
        return out;
    }
    int64_t AlertEmails() {
        int64_t n = 0;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kMails{
                "SELECT COUNT(*) FROM outbox WHERE tenant = $1 AND subject LIKE 'Peringatan pusat komando%'"};
            SP_ASSIGN(auto row, tx.QueryOne(kMails, store::TenantId("36.04")));
            n = row ? row->Int(0) : 0;
            return Status::Ok();
        }));
        return n;
    }
    // Files in Kopo (36.04.25), where no other suite files (the PostgreSQL database is shared).
    std::string File(const Session& s, const std::string& category) {
        json::object body{{"service_code", category},
                          {"description", "Uji peringatan pusat komando"},
                          {"lat", -6.285697},
                          {"long", 106.376698}};
        auto r = PostJson(port(), "/api/v1/complaints", json::serialize(body), s.AuthHeaders());
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(json::parse(r.body).at("number").as_string());
    }
};

TEST_F(DashboardAlerts, ASpikeAndABreachWaveAreRaisedOnce) {
    auto warga = As("warga");
    ASSERT_TRUE(server_.app().SweepAll());
    const auto quiet = Alerts("complaint_spike");
    EXPECT_EQ(std::find(quiet.begin(), quiet.end(), "36.04.25"), quiet.end());
    const int64_t mails_before = AlertEmails();

    // Five complaints in Kopo today, against a quiet four weeks.
    for (int i = 0; i < 5; ++i) File(warga, "BANSOS");
    ASSERT_TRUE(server_.app().SweepAll());
    const auto spikes = Alerts("complaint_spike");
    EXPECT_NE(std::find(spikes.begin(), spikes.end(), "36.04.25"), spikes.end());
    EXPECT_GT(AlertEmails(), mails_before) << "sent to the executive and the Inspektorat";
    const int64_t mails_after_spike = AlertEmails();
    ASSERT_TRUE(server_.app().SweepAll());
    EXPECT_EQ(Alerts("complaint_spike"), spikes) << "raised once a day";
    EXPECT_EQ(AlertEmails(), mails_after_spike);

    // Five complaints forwarded to Dinas Kesehatan, left unworked past their deadline.
    auto staff = As("verifikator");
    for (int i = 0; i < 5; ++i) {
        const std::string number = File(warga, "KESEHATAN");
        auto r =
            PostJson(port(), "/api/v1/cases/" + number + "/actions", R"({"action":"forward"})", staff.AuthHeaders());
        ASSERT_EQ(r.status, 200) << r.body;
    }
    ASSERT_TRUE(server_.app().SweepAll());
    std::string dinkes;
    const auto summary = Summary();
    for (const auto& o : summary.at("opds").as_array()) {
        if (o.at("name") == "Dinas Kesehatan") dinkes = std::string(o.at("opd_id").as_string());
    }
    ASSERT_FALSE(dinkes.empty());
    EXPECT_TRUE(Alerts("breach_wave").empty());
    clock_.Advance(10 * 86'400'000);
    ASSERT_TRUE(server_.app().SweepAll());
    const auto waves = Alerts("breach_wave");
    EXPECT_NE(std::find(waves.begin(), waves.end(), dinkes), waves.end()) << json::serialize(Summary().at("alerts"));
    EXPECT_GT(AlertEmails(), mails_after_spike);
}

// Payments that stop: a region that took payments this week gets none for three office hours.
TEST_F(DashboardAlerts, PaymentsThatStopAreRaised) {
    const store::TenantId t("32.16");  // no other suite pays bills here (PostgreSQL is shared)
    // Three bills paid at 08:00 today (a Wednesday), through the payment path a bank callback takes.
    ASSERT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
        for (int i = 0; i < 3; ++i) {
            SP_ASSIGN(auto bill, billing::CreateBill(tx, t, std::nullopt, 10'000, "uji", "tetap",
                                                     clock_.NowMs() + 86'400'000, clock_.NowMs(), 420));
            SP_TRY(billing::RecordPayment(
                       tx, t,
                       {"BANKSIM", bill.kode_bayar, 10'000, "T-" + std::to_string(i), clock_.NowMs() - 3'600'000},
                       clock_.NowMs(), 420)
                       .status());
        }
        return Status::Ok();
    }));
    auto cal = server_.app().api().calendars.Get(store(), "32.16", clock_.NowMs());
    ASSERT_TRUE(cal);
    performance::AlertRules rules;
    rules.payment_min_week = 3;
    ASSERT_TRUE(api::EvaluateAlerts(server_.app().api(), **cal, rules));  // 10:00: last payment an hour ago
    EXPECT_TRUE(Alerts("payments_stopped", "32.16").empty());
    clock_.Advance(3 * 3'600'000);  // 13:00: three hours of office time without a payment
    auto raised = api::EvaluateAlerts(server_.app().api(), **cal, rules);
    ASSERT_TRUE(raised);
    EXPECT_EQ(Alerts("payments_stopped", "32.16"), std::vector<std::string>{""});
    rules.payment_min_week = 4;  // a region that takes fewer payments is not alarmed (checked on a new day)
    clock_.Advance(86'400'000);
    ASSERT_TRUE(api::EvaluateAlerts(server_.app().api(), **cal, rules));
    EXPECT_TRUE(Alerts("payments_stopped", "32.16").empty());
}

}  // namespace
}  // namespace satupintu::testing
