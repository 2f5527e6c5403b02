// Permits end to end through the whole server on the store under test: apply -> return for
// correction -> resubmit -> verify -> technical review -> bill -> pay through the simulated bank
// (the real signed callback) -> approve -> download the signed PDF -> its QR record is authentic.
// Forged, replayed and wrong-amount callbacks change nothing; nobody can type a fee.
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <set>

#include "billing/billing.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "documents/documents.hpp"
#include "documents/signature.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

class PermitTest : public ApiTest {
  protected:
    static HttpResult Send(const Session& s, const std::string& method, const std::string& target,
                           const std::string& body) {
        Headers h = s.AuthHeaders();
        h.Add("Content-Type", "application/json");
        return Request(port(), method, target, body, h);
    }
    static std::string Upload(const Session& s) {
        auto h = s.AuthHeaders();
        h.Add("Content-Type", "application/octet-stream");
        auto r = Request(port(), "POST", "/api/v1/attachments", TinyPng(), h);
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(Body(r).at("id").as_string());
    }
    static json::object Show(const Session& s, const std::string& number) {
        auto r = Get(port(), "/api/v1/applications/" + number, s.AuthHeaders());
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r).as_object();
    }
    static HttpResult Decide(const Session& s, const std::string& number, const std::string& action,
                             const std::string& note = "") {
        json::object body{{"action", action}, {"note", note}};
        return Send(s, "POST", "/api/v1/applications/" + number + "/decision", json::serialize(body));
    }
    static std::string BankSecret() {
        std::string hex;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(auto key,
                      billing::ChannelSecret(tx, store::TenantId("36.04"), "BANKSIM", server_->app().api().vault));
            if (key) hex = crypto::HexEncode(std::string(key->begin(), key->end()));
            return Status::Ok();
        }));
        return hex;
    }
    // A bank's signed callback, as `satupintu bank pay` sends it.
    static HttpResult Callback(const std::string& secret_hex, const std::string& body, int64_t ts_offset_s = 0) {
        crypto::Key32 key{};
        const auto bytes = crypto::HexDecode(secret_hex).value_or(std::string(32, '\0'));
        std::copy(bytes.begin(), bytes.end(), key.begin());
        const std::string ts = std::to_string(ServerNowS() + ts_offset_s);
        Headers h;
        h.Add("Content-Type", "application/json")
            .Add("X-Bank-Id", "BANKSIM")
            .Add("X-Bank-Timestamp", ts)
            .Add("X-Bank-Signature", crypto::HmacSha256Hex(key, ts + "." + body));
        return Request(port(), "POST", "/api/v1/regions/36.04/payments/callback", body, h);
    }
    // A bank's signed bill inquiry (the signature covers the query string).
    static HttpResult SignedInquiry(const std::string& secret_hex, const std::string& query) {
        crypto::Key32 key{};
        const auto bytes = crypto::HexDecode(secret_hex).value_or(std::string(32, '\0'));
        std::copy(bytes.begin(), bytes.end(), key.begin());
        const std::string ts = std::to_string(ServerNowS());
        Headers h;
        h.Add("X-Bank-Id", "BANKSIM")
            .Add("X-Bank-Timestamp", ts)
            .Add("X-Bank-Signature", crypto::HmacSha256Hex(key, ts + "." + query));
        return Get(port(), "/api/v1/regions/36.04/payments/inquiry?" + query, h);
    }
    // Whether `number` is in the caller's decision queue, and theirs to decide.
    static bool InQueue(const Session& s, const std::string& number) {
        auto r = Get(port(), "/api/v1/applications", s.AuthHeaders());
        EXPECT_EQ(r.status, 200) << r.body;
        const auto list = Body(r);
        for (const auto& a : list.at("applications").as_array())
            if (a.at("number").as_string() == number && a.at("can_decide").as_bool()) return true;
        return false;
    }
    // The server runs on a pinned clock; the bank signs with the time the server reads.
    static int64_t ServerNowS() { return server_->app().api().clock.NowMs() / 1000; }
    // The simulated bank in its own process, its clock moved to the server's (libfaketime).
    // It finds the server as the installation configures it (SATUPINTU_LISTEN here), not by --url.
    static int BankCli(const std::string& args, uint16_t at = 0, std::string* output = nullptr) {
        const auto& c = server_->config();
        const int64_t skew_s = ServerNowS() - time(nullptr);
        std::string cmd = "SATUPINTU_LISTEN=127.0.0.1:" + std::to_string(at ? at : port()) +
                          " ASAN_OPTIONS=$ASAN_OPTIONS:verify_asan_link_order=0 faketime -f '" +
                          std::string(skew_s >= 0 ? "+" : "") + std::to_string(skew_s) + "' " +
                          std::string(SATUPINTU_BIN) + " bank pay " + args + " --region 36.04 " +
                          (c.db_url.empty() ? "--data '" + c.data_dir + "'" : "--db '" + c.db_url + "'");
        if (!c.secret_key.empty()) cmd = "SATUPINTU_SECRET_KEY=" + c.secret_key + " " + cmd;
        FILE* pipe = popen((cmd + " 2>&1").c_str(), "r");
        if (!pipe) return -1;
        std::string out;
        char buf[512];
        while (size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
        const int st = pclose(pipe);
        if (output) *output = out;
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    static json::object ReklameAnswers(int luas) {
        return {{"nama", "CV Maju Bersama"},
                {"nik", "3604055501909001"},
                {"jenis", "baliho"},
                {"naskah", "Promo <script>alert(1)</script> akhir tahun"},
                {"luas_m2", std::to_string(luas)},
                {"hari", "30"},
                {"lokasi", {{"kecamatan", "36.04.05"}, {"desa", "36.04.05.2001"}}}};
    }
};

TEST_F(PermitTest, TheCatalogPublishesStandardTariffAndTimes) {
    auto r = Get(port(), "/api/v1/regions/36.04/services");
    ASSERT_EQ(r.status, 200) << r.body;
    std::set<std::string> codes;
    const auto list = Body(r);
    for (const auto& s : list.at("services").as_array()) codes.insert(std::string(s.at("code").as_string()));
    for (const char* c : {"REKOM-PENELITIAN", "SIP-NAKES", "IZIN-REKLAME", "PBG", "BPHTB"})
        EXPECT_TRUE(codes.count(c)) << c;
    r = Get(port(), "/api/v1/regions/36.04/services/PBG");
    ASSERT_EQ(r.status, 200);
    const auto b = Body(r).as_object();
    EXPECT_EQ(b.at("standard").as_array().size(), 14u);
    EXPECT_EQ(b.at("standard").at(0).at("component").as_string(), "persyaratan");
    EXPECT_EQ(b.at("fee").at("type").as_string(), "tariff");
    EXPECT_EQ(b.at("fee").at("table").as_array().size(), 3u);
    EXPECT_TRUE(b.at("completion").as_object().contains("median_working_days"));
    EXPECT_EQ(Get(port(), "/api/v1/regions/36.04/services/NOPE").status, 404);
    // A service without all 14 components is refused.
    auto admin = Admin();
    auto put = Send(admin, "PUT", "/api/v1/services/BROKEN",
                    R"({"name":"Broken","opd_code":"DPMPTSP","spec":{"standard":{"persyaratan":"x"},)"
                    R"("form":[{"code":"nama","label":"Nama","type":"text"}],)"
                    R"("steps":[{"code":"a","label":"A","role":"verifier","decisions":["approve"]}]}})");
    EXPECT_EQ(put.status, 400) << put.body;
    EXPECT_EQ(Body(put).at("field").as_string(), "spec.standard.prosedur");
    // The admin reads a service's whole definition to edit it; no one else does.
    auto def = Get(port(), "/api/v1/services/IZIN-REKLAME/definition", admin.AuthHeaders());
    ASSERT_EQ(def.status, 200) << def.body;
    EXPECT_EQ(Body(def).at("opd_code").as_string(), "DPMPTSP");
    EXPECT_FALSE(Body(def).at("spec").at("steps").as_array().empty());
    EXPECT_EQ(Get(port(), "/api/v1/services/IZIN-REKLAME/definition", As("verifikator").AuthHeaders()).status, 403);
    EXPECT_EQ(Get(port(), "/api/v1/services/NOPE/definition", admin.AuthHeaders()).status, 404);
}

TEST_F(PermitTest, ReklameFromApplicationToAVerifiedDocument) {
    const auto warga = As("warga");
    const auto verifier = As("verifikator");
    const auto officer = As("petugas.dpmptsp");
    const auto head = As("kepala.dpmptsp");
    const auto pupr = As("petugas.pupr");

    // Bad input changes nothing: unknown field, wrong NIK, a kecamatan of another region.
    const int64_t before = HeadSeq("36.04");
    json::object bad{{"service_code", "IZIN-REKLAME"}, {"answers", ReklameAnswers(8)}, {"submit", false}};
    bad["answers"].as_object()["nik"] = "1234";
    auto r = Send(warga, "POST", "/api/v1/applications", json::serialize(bad));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Body(r).at("field").as_string(), "answers.nik");
    bad["answers"] = ReklameAnswers(8);
    bad["answers"].as_object()["lokasi"] = {{"kecamatan", "32.16.01"}};
    EXPECT_EQ(Send(warga, "POST", "/api/v1/applications", json::serialize(bad)).status, 400);
    EXPECT_EQ(HeadSeq("36.04"), before);

    // A draft, then the full application without the photo of the site: refused until complete.
    json::object draft{{"service_code", "IZIN-REKLAME"}, {"answers", ReklameAnswers(8)}, {"submit", false}};
    r = Send(warga, "POST", "/api/v1/applications", json::serialize(draft));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string number(Body(r).at("number").as_string());
    EXPECT_EQ(Body(r).at("status").as_string(), "draft");
    EXPECT_EQ(Body(r).at("answers").at("nik").as_string(), "3604********9001");
    json::object docs{{"identitas", Upload(warga)}, {"desain", Upload(warga)}};
    r = Send(warga, "PUT", "/api/v1/applications/" + number,
             json::serialize(json::object{{"documents", docs}, {"submit", true}}));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Body(r).at("field").as_string(), "documents.foto_lokasi");
    docs["foto_lokasi"] = Upload(warga);
    r = Send(warga, "PUT", "/api/v1/applications/" + number,
             json::serialize(json::object{{"documents", docs}, {"submit", true}}));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status").as_string(), "in_review");
    EXPECT_EQ(Body(r).at("stage").as_string(), "verifikasi");
    // It waits in the verifier's queue, marked as theirs to decide; not in another OPD's.
    EXPECT_TRUE(InQueue(verifier, number));
    EXPECT_FALSE(InQueue(pupr, number));

    // The officer of another OPD cannot decide (nor learn that it awaits a decision: 404, as for
    // reading it), and the applicant cannot either; the verifier returns it.
    EXPECT_EQ(Decide(pupr, number, "approve").status, 404);
    EXPECT_EQ(Decide(warga, number, "approve").status, 403);
    EXPECT_EQ(Decide(verifier, number, "return").status, 400);  // a reason is required
    r = Decide(verifier, number, "return", "Foto lokasi buram, mohon unggah ulang.");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status").as_string(), "returned");
    EXPECT_TRUE(Body(r).at("paused").as_bool());
    EXPECT_EQ(Decide(verifier, number, "approve").status, 409);  // waiting on the applicant

    // The applicant corrects and resubmits (the clock resumes at the same step).
    r = Send(warga, "PUT", "/api/v1/applications/" + number,
             json::serialize(json::object{{"documents", {{"foto_lokasi", Upload(warga)}}}, {"submit", true}}));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status").as_string(), "in_review");
    EXPECT_EQ(Body(r).at("stage").as_string(), "verifikasi");

    ASSERT_EQ(Decide(verifier, number, "approve").status, 200);
    EXPECT_EQ(Show(officer, number).at("stage").as_string(), "tinjau_lokasi");
    r = Decide(officer, number, "approve", "Lokasi sesuai.");
    ASSERT_EQ(r.status, 200) << r.body;

    // The bill: computed by the rule (25% x 8 m2 x 30 days x Rp2.500 = Rp150.000), never typed.
    auto app = Body(r).as_object();
    EXPECT_EQ(app.at("status").as_string(), "awaiting_payment");
    ASSERT_EQ(app.at("bills").as_array().size(), 1u);
    const auto bill = app.at("bills").at(0).as_object();
    EXPECT_EQ(bill.at("amount").as_int64(), 150'000);
    const std::string kode(bill.at("kode_bayar").as_string());
    EXPECT_TRUE(billing::ValidKodeBayar(kode)) << kode;
    EXPECT_EQ(kode.substr(0, 4), "3604");
    // The bank looks the code up before taking the money (a signed inquiry).
    auto inquiry = SignedInquiry(BankSecret(), "kode_bayar=" + kode);
    ASSERT_EQ(inquiry.status, 200) << inquiry.body;
    EXPECT_EQ(Body(inquiry).at("amount").as_int64(), 150'000);
    EXPECT_FALSE(Body(inquiry).at("expired").as_bool());
    EXPECT_EQ(SignedInquiry(std::string(64, 'a'), "kode_bayar=" + kode).status, 401);

    // Nobody can change the fee: not the officer (no decision at a payment step, no edits), not
    // the applicant (no edits while billed), not a service edit by anyone but the admin.
    EXPECT_EQ(
        Send(officer, "POST", "/api/v1/applications/" + number + "/decision", R"({"action":"approve","amount":1000})")
            .status,
        409);
    EXPECT_EQ(Send(officer, "PUT", "/api/v1/applications/" + number, R"({"answers":{"luas_m2":"1"}})").status, 403);
    EXPECT_EQ(Send(warga, "PUT", "/api/v1/applications/" + number, R"({"answers":{"luas_m2":"1"}})").status, 409);
    EXPECT_EQ(
        Send(officer, "PUT", "/api/v1/services/IZIN-REKLAME", R"({"name":"x","opd_code":"DPMPTSP","spec":{}})").status,
        403);
    EXPECT_EQ(Show(warga, number).at("bills").at(0).at("amount").as_int64(), 150'000);

    // Forged, stale, wrong-amount callbacks change nothing.
    const std::string secret = BankSecret();
    ASSERT_EQ(secret.size(), 64u);
    const std::string notice = R"({"kode_bayar":")" + kode +
                               R"(","amount":150000,"bank_txn_id":"TXN-1","paid_at":"2026-11-25T10:00:00+07:00"})";
    const int64_t seq = HeadSeq("36.04");
    EXPECT_EQ(Callback(std::string(64, 'a'), notice).status, 401);
    EXPECT_EQ(Callback(secret, notice, -3600).status, 401);
    auto wrong =
        Callback(secret, R"({"kode_bayar":")" + kode +
                             R"(","amount":1000,"bank_txn_id":"TXN-0","paid_at":"2026-11-25T10:00:00+07:00"})");
    EXPECT_EQ(wrong.status, 400) << wrong.body;
    EXPECT_EQ(Body(wrong).at("field").as_string(), "amount");
    EXPECT_EQ(HeadSeq("36.04"), seq);
    EXPECT_EQ(Show(warga, number).at("status").as_string(), "awaiting_payment");

    // Pointed at an address where no server listens, the simulated bank says how to point it.
    std::string said;
    EXPECT_NE(BankCli(kode + " --txn TXN-1", 1, &said), 0);
    EXPECT_NE(said.find("--url"), std::string::npos) << said;
    EXPECT_NE(said.find("127.0.0.1:1"), std::string::npos) << said;
    // The simulated bank pays through the real callback.
    ASSERT_EQ(BankCli(kode + " --txn TXN-1"), 0);
    app = Show(warga, number);
    EXPECT_EQ(app.at("status").as_string(), "in_review");
    EXPECT_EQ(app.at("stage").as_string(), "persetujuan");
    EXPECT_EQ(app.at("bills").at(0).at("status").as_string(), "paid");
    const std::string ntpd(app.at("bills").at(0).at("ntpd").as_string());
    EXPECT_EQ(ntpd.rfind("NTPD", 0), 0u);
    // The receipt is a signed document too, with the NTPD on it.
    ASSERT_EQ(app.at("issued_documents").as_array().size(), 1u);
    const auto receipt = app.at("issued_documents").at(0).as_object();
    EXPECT_EQ(receipt.at("title").as_string(), "TANDA BUKTI PEMBAYARAN");
    auto receipt_pdf = Get(port(), std::string(receipt.at("download").as_string()), warga.AuthHeaders());
    ASSERT_EQ(receipt_pdf.status, 200);
    auto receipt_parts = documents::Split(receipt_pdf.body);
    ASSERT_TRUE(receipt_parts);
    EXPECT_NE(ToJson(receipt_parts->content.at("fields")).find(ntpd), std::string::npos);
    EXPECT_NE(receipt.at("number").as_string().find("/BAPENDA/"), std::string::npos);
    // The bank retries the same notice: the same receipt, nothing changes.
    const int64_t paid_seq = HeadSeq("36.04");
    auto replay = Callback(secret, notice);
    ASSERT_EQ(replay.status, 200) << replay.body;
    EXPECT_TRUE(Body(replay).at("replay").as_bool());
    EXPECT_EQ(Body(replay).at("ntpd").as_string(), ntpd);
    // Another transaction for the paid bill is refused.
    EXPECT_EQ(Callback(secret, R"({"kode_bayar":")" + kode +
                                   R"(","amount":150000,"bank_txn_id":"TXN-2","paid_at":"2026-11-25T10:00:00+07:00"})")
                  .status,
              409);
    EXPECT_EQ(HeadSeq("36.04"), paid_seq);

    // The head approves: the document is issued, signed and downloadable by the applicant.
    r = Decide(head, number, "approve", "Disetujui.");
    ASSERT_EQ(r.status, 200) << r.body;
    app = Body(r).as_object();
    EXPECT_EQ(app.at("status").as_string(), "approved");
    ASSERT_EQ(app.at("issued_documents").as_array().size(), 2u);  // the receipt, then the permit
    const auto doc = app.at("issued_documents").at(1).as_object();
    EXPECT_EQ(doc.at("title").as_string(), "IZIN PENYELENGGARAAN REKLAME");
    EXPECT_EQ(doc.at("status").as_string(), "valid");
    EXPECT_NE(doc.at("number").as_string().find("/DPMPTSP/"), std::string::npos);
    auto pdf = Get(port(), std::string(doc.at("download").as_string()), warga.AuthHeaders());
    ASSERT_EQ(pdf.status, 200);
    auto parts = documents::Split(pdf.body);
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->content.at("holder_name").as_string(), "CV Maju Bersama");
    EXPECT_EQ(parts->content.at("case_number").as_string(), number);
    const std::string id(doc.at("id").as_string());
    auto v = Body(Get(port(), "/api/v1/regions/36.04/documents/" + id)).as_object();
    EXPECT_TRUE(v.at("authentic").as_bool());
    EXPECT_EQ(v.at("status").as_string(), "valid");
    Headers pdf_type;
    pdf_type.Add("Content-Type", "application/pdf");
    EXPECT_EQ(Body(Request(port(), "POST", "/api/v1/documents/verify", pdf.body, pdf_type)).at("result").as_string(),
              "authentic");
    std::string altered = pdf.body;
    altered[altered.size() / 3] = static_cast<char>(altered[altered.size() / 3] ^ 1);
    EXPECT_NE(Body(Request(port(), "POST", "/api/v1/documents/verify", altered, pdf_type)).at("result").as_string(),
              "authentic");

    // The application never reaches a complaint path or a public list.
    EXPECT_EQ(Get(port(), "/api/v1/regions/36.04/complaints/" + number).status, 404);
    EXPECT_EQ(Get(port(), "/open311/v2/requests/" + number + ".json?jurisdiction_id=36.04").status, 404);
    // Staff of an OPD the service does not involve do not see it.
    EXPECT_EQ(Get(port(), "/api/v1/applications/" + number, As("petugas.dinkes").AuthHeaders()).status, 404);
    EXPECT_EQ(Get(port(), "/api/v1/applications/" + number, pupr.AuthHeaders()).status, 404);
    // The applicant's list, and the service's measured time now counts it.
    auto mine = Body(Get(port(), "/api/v1/me/applications", warga.AuthHeaders())).at("applications").as_array();
    EXPECT_TRUE(std::any_of(mine.begin(), mine.end(),
                            [&](const json::value& a) { return a.at("number").as_string() == number; }));
    auto svc = Body(Get(port(), "/api/v1/regions/36.04/services/IZIN-REKLAME")).as_object();
    EXPECT_GE(svc.at("completion").at("count").as_int64(), 1);

    // A reversal after the document was issued is refused (revoke the document first).
    crypto::Key32 key{};
    const auto bytes = *crypto::HexDecode(secret);
    std::copy(bytes.begin(), bytes.end(), key.begin());
    const std::string ts = std::to_string(ServerNowS());
    const std::string rev = R"({"bank_txn_id":"TXN-1","reason":"salah transfer"})";
    Headers h;
    h.Add("Content-Type", "application/json")
        .Add("X-Bank-Id", "BANKSIM")
        .Add("X-Bank-Timestamp", ts)
        .Add("X-Bank-Signature", crypto::HmacSha256Hex(key, ts + "." + rev));
    EXPECT_EQ(Request(port(), "POST", "/api/v1/regions/36.04/payments/reversal", rev, h).status, 409);
}

// Issue 14: a region's admin uploads its emblem (lambang daerah) and the letters issued from then
// on carry it on the letterhead; anything but a whole PNG is refused and changes nothing. In
// Kabupaten Bekasi, so that Serang's letters in the other tests stay as they were.
TEST_F(PermitTest, TheRegionsEmblemIsOnTheLettersIssuedAfterItsUpload) {
    // A 2x2 grey PNG (written with Python's zlib: CRCs and image data whole).
    static const std::string kGreyPng(
        "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08"
        "\x00\x00\x00\x00\x57\xdd\x52\xf8\x00\x00\x00\x0e\x49\x44\x41\x54\x78\xda\x63\x68\x68\x60\x68\x68\x00"
        "\x00\x06\x06\x02\x01\x31\xa9\x1e\xa1\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
        71);
    const auto as = [](const std::string& who) {
        return Login(port(), "32.16", who + "@bekasi.satupintu.test", kPassword);
    };
    const Session admin = as("admin");
    const auto put = [&](const Session& s, const std::string& bytes) {
        Headers h = s.AuthHeaders();
        h.Add("Content-Type", "image/png");
        return Request(port(), "PUT", "/api/v1/region/emblem", bytes, h);
    };
    EXPECT_EQ(Get(port(), "/api/v1/regions/32.16/emblem").status, 404);
    EXPECT_EQ(put(as("verifikator"), kGreyPng).status, 403);
    auto broken = put(admin, TinyPng());  // PNG's signature, chunks that do not decode
    ASSERT_EQ(broken.status, 400) << broken.body;
    EXPECT_EQ(Body(broken).at("field"), "emblem");
    EXPECT_EQ(put(admin, std::string(300 * 1024, 'x')).status, 413);
    EXPECT_EQ(Get(port(), "/api/v1/regions/32.16/emblem").status, 404) << "nothing changed";
    auto set = put(admin, kGreyPng);
    ASSERT_EQ(set.status, 200) << set.body;
    auto shown = Get(port(), "/api/v1/regions/32.16/emblem");
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(shown.body, kGreyPng);
    EXPECT_EQ(shown.Header("content-type"), "image/png");

    // A research letter issued now has the emblem drawn on it (one image; the QR code is vector).
    const Session warga = as("warga");
    const auto upload = [&] {
        auto h = warga.AuthHeaders();
        h.Add("Content-Type", "application/octet-stream");
        return Body(Request(port(), "POST", "/api/v1/attachments", TinyPng(), h)).at("id");
    };
    json::object answers = ResearchLetterAnswers("Peneliti Bekasi", "Lambang pada surat");
    answers["lokasi"] = {{"kecamatan", "32.16.01"}};
    json::object body{{"service_code", "REKOM-PENELITIAN"},
                      {"answers", answers},
                      {"documents", {{"ktp", upload()}, {"pengantar", upload()}, {"proposal", upload()}}}};
    auto r = Send(warga, "POST", "/api/v1/applications", json::serialize(body));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string number(Body(r).at("number").as_string());
    ASSERT_EQ(Decide(as("verifikator"), number, "approve").status, 200);
    r = Decide(as("kepala.kesbangpol"), number, "approve");
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string id(Body(r).at("issued_documents").as_array().at(0).at("id").as_string());
    auto pdf = Get(port(), "/api/v1/documents/" + id + "/pdf", warga.AuthHeaders());
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    const std::string path = TempDir("emblem") + "/surat.pdf";
    std::ofstream(path, std::ios::binary) << pdf.body;
    std::array<char, 4096> buffer{};
    std::string listed;
    FILE* p = ::popen(("pdfimages -list " + path).c_str(), "r");
    ASSERT_NE(p, nullptr);
    while (size_t n = std::fread(buffer.data(), 1, buffer.size(), p)) listed.append(buffer.data(), n);
    ::pclose(p);
    EXPECT_NE(listed.find(" image "), std::string::npos) << listed;
    EXPECT_EQ(std::count(listed.begin(), listed.end(), '\n'), 3) << "a header of two lines and one image\n" << listed;
}

TEST_F(PermitTest, AFreeLetterNeedsNoBillAndARejectionCloses) {
    const auto warga = As("warga");
    json::object answers = ResearchLetterAnswers("Rahmawati", "Layanan publik desa");
    json::object docs{{"ktp", Upload(warga)}, {"pengantar", Upload(warga)}, {"proposal", Upload(warga)}};
    json::object body{{"service_code", "REKOM-PENELITIAN"}, {"answers", answers}, {"documents", docs}};
    auto r = Send(warga, "POST", "/api/v1/applications", json::serialize(body));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string number(Body(r).at("number").as_string());
    ASSERT_EQ(Decide(As("verifikator"), number, "approve").status, 200);
    // Kesbangpol's head approves; no payment step for a free service.
    EXPECT_EQ(Decide(As("kepala.dpmptsp"), number, "approve").status, 404);  // not DPMPTSP's to see
    r = Decide(As("kepala.kesbangpol"), number, "approve");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status").as_string(), "approved");
    EXPECT_TRUE(Body(r).at("bills").as_array().empty());
    EXPECT_EQ(Body(r).at("issued_documents").as_array().size(), 1u);

    // Issue 14: the letter states every fact it rests on (the place and the period, as a letter
    // writes dates) and names the official who approved it.
    {
        const std::string id(Body(r).at("issued_documents").as_array().at(0).at("id").as_string());
        std::string text;
        ASSERT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(auto doc, documents::FindDocument(tx, store::TenantId("36.04"), id));
            if (doc) text = json::serialize(doc->content);
            return Status::Ok();
        }));
        EXPECT_NE(text.find("Lokasi penelitian"), std::string::npos) << text;
        EXPECT_NE(text.find("Kecamatan "), std::string::npos) << text;
        EXPECT_NE(text.find("1 Desember 2026"), std::string::npos) << text;
        auto shown = Get(port(), "/api/v1/regions/36.04/documents/" + id);
        ASSERT_EQ(shown.status, 200) << shown.body;
        EXPECT_EQ(Body(shown).at("signer_name").as_string(), "Kepala Badan Kesbangpol (Demo)") << shown.body;
    }
    // An end before the start is refused beside its field, in Indonesian.
    {
        json::object wrong = ResearchLetterAnswers("Rahmawati", "Periode terbalik");
        wrong["selesai"] = "2026-11-01";
        json::object late{{"service_code", "REKOM-PENELITIAN"}, {"answers", wrong}};
        auto refused = Send(warga, "POST", "/api/v1/applications", json::serialize(late));
        EXPECT_EQ(refused.status, 400) << refused.body;
        EXPECT_EQ(Body(refused).at("field").as_string(), "answers.selesai");
    }
    // A problem in a row of a group names its row, so the form puts it beside that row's field.
    {
        json::object rows = ResearchLetterAnswers("Rahmawati", "Tim peneliti");
        rows["anggota"] = json::array{{{"nama", "Anggota Satu"}}, {{"nama", std::string(201, 'x')}}};
        json::object body{{"service_code", "REKOM-PENELITIAN"}, {"answers", rows}};
        auto refused = Send(warga, "POST", "/api/v1/applications", json::serialize(body));
        EXPECT_EQ(refused.status, 400) << refused.body;
        EXPECT_EQ(Body(refused).at("field").as_string(), "answers.anggota.1.nama") << refused.body;
    }

    // Regression (issue 13, finding 1): the document is checked on itself. Staff of an OPD the
    // application never reached cannot download it; the head of another OPD cannot revoke it.
    const std::string doc(Body(r).at("issued_documents").as_array().at(0).at("id").as_string());
    const std::string pdf = "/api/v1/documents/" + doc + "/pdf";
    EXPECT_EQ(Get(port(), pdf, warga.AuthHeaders()).status, 200) << "the holder";
    EXPECT_EQ(Get(port(), pdf, As("kepala.kesbangpol").AuthHeaders()).status, 200) << "the issuing OPD";
    EXPECT_EQ(Get(port(), pdf, As("auditor").AuthHeaders()).status, 200) << "region-wide oversight";
    EXPECT_EQ(Get(port(), pdf, As("petugas.pupr").AuthHeaders()).status, 404) << "an OPD it never reached";
    const int64_t before_revoke = HeadSeq("36.04");
    const auto pupr_head = As("kepala.pupr");
    EXPECT_EQ(
        Send(pupr_head, "POST", "/api/v1/documents/" + doc + "/revoke", R"({"reason":"bukan urusan PUPR"})").status,
        403);
    EXPECT_EQ(HeadSeq("36.04"), before_revoke + 1) << "only the login was written";
    EXPECT_EQ(Send(As("kepala.kesbangpol"), "POST", "/api/v1/documents/" + doc + "/revoke",
                   R"({"reason":"Lokasi penelitian keliru"})")
                  .status,
              200);

    // Another one rejected with its reason: closed, no document.
    docs = {{"ktp", Upload(warga)}, {"pengantar", Upload(warga)}, {"proposal", Upload(warga)}};
    body["documents"] = docs;
    r = Send(warga, "POST", "/api/v1/applications", json::serialize(body));
    ASSERT_EQ(r.status, 201);
    const std::string second(Body(r).at("number").as_string());
    r = Decide(As("verifikator"), second, "reject", "Bukan kewenangan kabupaten.");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status").as_string(), "rejected");
    EXPECT_TRUE(Body(r).at("issued_documents").as_array().empty());
    // Attachments are the applicant's own: another application cannot reuse them.
    body["documents"] = docs;
    EXPECT_EQ(Send(warga, "POST", "/api/v1/applications", json::serialize(body)).status, 400);
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

class ReconciliationTest : public ApiTest {};

TEST_F(ReconciliationTest, EveryMismatchIsNamed) {
    const store::TenantId t("36.04");
    const int64_t paid_at = 1'795'600'800'000;  // 2026-11-25 14:00 WIB
    std::vector<std::string> kodes;
    ASSERT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
        for (int i = 0; i < 4; ++i) {
            SP_ASSIGN(auto b, billing::CreateBill(tx, t, std::nullopt, 10'000 * (i + 1), "uji", "tetap",
                                                  paid_at + 86'400'000, paid_at - 1000, 420));
            kodes.push_back(b.kode_bayar);
            SP_TRY(billing::RecordPayment(tx, t, {"RECON", b.kode_bayar, b.amount, "R-" + std::to_string(i), paid_at},
                                          paid_at, 420)
                       .status());
        }
        // R-3 is reversed by the bank later.
        SP_TRY(billing::Reverse(tx, t, "RECON", "R-3", "salah", paid_at + 1000, 420).status());
        return Status::Ok();
    }));
    // The bank's statement: R-0 matches; R-1 with another amount; R-2 missing; R-3 (reversed here)
    // still settled there; R-9 unknown to us.
    const std::string csv = "kode_bayar,bank_txn_id,amount\n" + kodes[0] + ",R-0,10000\n" + kodes[1] + ",R-1,25000\n" +
                            kodes[3] + ",R-3,40000\n" + "360426999999999,R-9,5000\n";
    auto admin = Admin();
    Headers h = admin.AuthHeaders();
    h.Add("Content-Type", "text/csv");
    auto r = Request(port(), "POST", "/api/v1/reconciliation?bank=RECON&day=2026-11-25", csv, h);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto b = Body(r).as_object();
    EXPECT_EQ(b.at("matched").as_int64(), 1);
    EXPECT_EQ(b.at("matched_amount").as_int64(), 10'000);
    std::map<std::string, std::string> kinds;
    for (const auto& m : b.at("mismatch_list").as_array()) {
        kinds[std::string(m.at("bank_txn_id").as_string())] = std::string(m.at("kind").as_string());
    }
    EXPECT_EQ(kinds, (std::map<std::string, std::string>{{"R-1", "amount_differs"},
                                                         {"R-2", "not_in_statement"},
                                                         {"R-3", "reversed_but_settled"},
                                                         {"R-9", "not_recorded"}}));
    // A broken statement is refused with the line.
    r = Request(port(), "POST", "/api/v1/reconciliation?bank=RECON&day=2026-11-25", "kode_bayar,amount\n1,2\n", h);
    EXPECT_EQ(r.status, 400);
    r = Request(port(), "POST", "/api/v1/reconciliation?bank=RECON&day=2026-11-25",
                "bank_txn_id,kode_bayar,amount\nX,1,12.5\n", h);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Request(port(), "POST", "/api/v1/reconciliation?bank=RECON&day=2026-11-25", csv,
                      [&] {
                          Headers w = As("warga").AuthHeaders();
                          w.Add("Content-Type", "text/csv");
                          return w;
                      }())
                  .status,
              403);
}

TEST(KodeBayar, LuhnCatchesOneWrongDigit) {
    const std::string payload = "36042600000042";
    const std::string kode = payload + billing::LuhnDigit(payload);
    EXPECT_TRUE(billing::ValidKodeBayar(kode));
    for (size_t i = 0; i < kode.size(); ++i) {
        std::string bad = kode;
        bad[i] = static_cast<char>('0' + (bad[i] - '0' + 1) % 10);
        EXPECT_FALSE(billing::ValidKodeBayar(bad)) << i;
    }
    EXPECT_FALSE(billing::ValidKodeBayar("36042600000042"));
    EXPECT_EQ(billing::LuhnDigit("7992739871"), '3');  // the textbook example
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

// A whole server on a fake clock that starts at 09:00 WIB on Wednesday 2026-11-25.
class PermitTimeout : public ::testing::Test {
  protected:
    static int64_t At(const char* date) { return *StartOfDayMs(date, 420) + 9 * 3'600'000; }
    uint16_t port() { return server_.port(); }
    Session As(const std::string& who) { return Login(port(), "36.04", who + "@serang.satupintu.test", kPassword); }
    HttpResult Send(const Session& s, const std::string& method, const std::string& target, const std::string& body) {
        Headers h = s.AuthHeaders();
        h.Add("Content-Type", "application/json");
        return Request(port(), method, target, body, h);
    }
    std::string Upload(const Session& s) {
        auto h = s.AuthHeaders();
        h.Add("Content-Type", "application/octet-stream");
        return std::string(
            json::parse(Request(port(), "POST", "/api/v1/attachments", TinyPng(), h).body).at("id").as_string());
    }
    FakeClock clock_{At("2026-11-25")};
    TestServer server_{TestConfig(), true, &clock_};
};

// Fiktif positif with a fake clock: SIP-NAKES's last step approves itself once its one working
// day passes without a decision, and the document is issued.
TEST_F(PermitTimeout, AnUndecidedApprovalStepApprovesItselfAfterItsDeadline) {
    const auto warga = As("warga");
    json::object body{{"service_code", "SIP-NAKES"},
                      {"answers",
                       {{"nama", "dr. Uji Coba"},
                        {"nik", "3604055501909001"},
                        {"profesi", "dokter"},
                        {"nomor_str", "STR-0001"},
                        {"fasyankes", "Klinik Uji"},
                        {"lokasi", {{"kecamatan", "36.04.05"}}}}},
                      {"documents",
                       {{"ktp", Upload(warga)},
                        {"str", Upload(warga)},
                        {"keterangan_fasyankes", Upload(warga)},
                        {"foto", Upload(warga)}}}};
    auto r = Send(warga, "POST", "/api/v1/applications", json::serialize(body));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string number(json::parse(r.body).at("number").as_string());
    const std::string decide = "/api/v1/applications/" + number + "/decision";
    ASSERT_EQ(Send(As("verifikator"), "POST", decide, R"({"action":"approve"})").status, 200);
    r = Send(As("petugas.dinkes"), "POST", decide, R"({"action":"approve"})");
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_TRUE(json::parse(r.body).at("stage").is_string()) << r.body;
    EXPECT_EQ(json::parse(r.body).at("stage").as_string(), "persetujuan");
    EXPECT_EQ(json::parse(r.body).at("stage_due").as_string(), "2026-11-26");

    auto sweep = [&] {
        auto s = Send(As("admin"), "POST", "/api/v1/sla/sweep", "{}");
        EXPECT_EQ(s.status, 200) << s.body;
        return json::parse(s.body).at("permits_approved").as_int64();
    };
    EXPECT_EQ(sweep(), 0);  // not yet due
    clock_.Set(At("2026-11-27"));
    EXPECT_EQ(sweep(), 1);
    // (Two days on, the morning's session has expired: log in again.)
    auto app = json::parse(Get(port(), "/api/v1/applications/" + number, As("warga").AuthHeaders()).body).as_object();
    EXPECT_EQ(app.at("status").as_string(), "approved");
    ASSERT_EQ(app.at("issued_documents").as_array().size(), 1u);
    EXPECT_EQ(app.at("issued_documents").at(0).at("status").as_string(), "valid");
    const auto& timeline = app.at("timeline").as_array();
    EXPECT_EQ(timeline.back().at("action").as_string(), "approved_on_timeout");
    EXPECT_EQ(sweep(), 0);  // idempotent
}

// An unpaid bill that expires is replaced by a new one at the next sweep; the old code can no
// longer be paid.
TEST_F(PermitTimeout, AnExpiredBillIsRenewedAndTheOldCodeRefused) {
    const auto warga = As("warga");
    json::object body{
        {"service_code", "IZIN-REKLAME"},
        {"answers",
         {{"nama", "CV Uji"},
          {"nik", "3604055501909001"},
          {"jenis", "spanduk"},
          {"naskah", "Uji"},
          {"luas_m2", "2"},
          {"hari", "10"},
          {"lokasi", {{"kecamatan", "36.04.05"}}}}},
        {"documents", {{"identitas", Upload(warga)}, {"desain", Upload(warga)}, {"foto_lokasi", Upload(warga)}}}};
    auto r = Send(warga, "POST", "/api/v1/applications", json::serialize(body));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string number(json::parse(r.body).at("number").as_string());
    const std::string decide = "/api/v1/applications/" + number + "/decision";
    ASSERT_EQ(Send(As("verifikator"), "POST", decide, R"({"action":"approve"})").status, 200);
    r = Send(As("petugas.dpmptsp"), "POST", decide, R"({"action":"approve"})");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto first = json::parse(r.body).at("bills").at(0).as_object();
    EXPECT_EQ(first.at("amount").as_int64(), 12'500);  // 25% x 2 m2 x 10 days x Rp2.500
    const std::string old_kode(first.at("kode_bayar").as_string());

    clock_.Set(At("2026-12-04"));  // the bill (7 days) has expired
    ASSERT_EQ(Send(As("admin"), "POST", "/api/v1/sla/sweep", "{}").status, 200);
    auto app = json::parse(Get(port(), "/api/v1/applications/" + number, As("warga").AuthHeaders()).body).as_object();
    EXPECT_EQ(app.at("status").as_string(), "awaiting_payment");
    ASSERT_EQ(app.at("bills").as_array().size(), 2u);
    const std::string new_kode(app.at("bills").at(1).at("kode_bayar").as_string());
    EXPECT_NE(new_kode, old_kode);
    EXPECT_EQ(app.at("bills").at(1).at("amount").as_int64(), 12'500);
    EXPECT_GT(app.at("stage_due").as_string(), "2026-12-04");

    // The old code is refused (expired); the new one is paid through the simulated bank's channel.
    std::string secret;
    ASSERT_TRUE(server_.app().store().Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto key, billing::ChannelSecret(tx, store::TenantId("36.04"), "BANKSIM", server_.app().api().vault));
        secret = std::string(key->begin(), key->end());
        return Status::Ok();
    }));
    crypto::Key32 key{};
    std::copy(secret.begin(), secret.end(), key.begin());
    auto pay = [&](const std::string& kode, const std::string& txn) {
        const std::string notice = R"({"kode_bayar":")" + kode + R"(","amount":12500,"bank_txn_id":")" + txn +
                                   R"(","paid_at":"2026-12-04T10:00:00+07:00"})";
        const std::string ts = std::to_string(clock_.NowMs() / 1000);
        Headers h;
        h.Add("Content-Type", "application/json")
            .Add("X-Bank-Id", "BANKSIM")
            .Add("X-Bank-Timestamp", ts)
            .Add("X-Bank-Signature", crypto::HmacSha256Hex(key, ts + "." + notice));
        return Request(port(), "POST", "/api/v1/regions/36.04/payments/callback", notice, h);
    };
    EXPECT_EQ(pay(old_kode, "OLD-1").status, 409);
    auto paid = pay(new_kode, "NEW-1");
    ASSERT_EQ(paid.status, 200) << paid.body;
    app = json::parse(Get(port(), "/api/v1/applications/" + number, As("warga").AuthHeaders()).body).as_object();
    EXPECT_EQ(app.at("stage").as_string(), "persetujuan");
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

class PermitPrivacyTest : public ApiTest {};

// A NIK inside a repeatable group is sealed like any other: never stored or shown in clear.
TEST_F(PermitPrivacyTest, NiksInGroupsAreSealedAndMasked) {
    json::object standard;
    for (const char* c :
         {"persyaratan", "prosedur", "jangka_waktu", "biaya", "produk", "pengaduan", "dasar_hukum", "sarana",
          "kompetensi", "pengawasan", "jumlah_pelaksana", "jaminan_pelayanan", "jaminan_keamanan", "evaluasi"}) {
        standard[c] = "ada";
    }
    json::object def{
        {"name", "Surat keterangan keluarga (uji)"},
        {"opd_code", "DISDUKCAPIL"},
        {"spec",
         {{"standard", standard},
          {"form", json::parse(R"([{"code":"nama","label":"Nama","type":"text","required":true},
              {"code":"anggota","label":"Anggota","type":"group","fields":[
                 {"code":"nama","label":"Nama","type":"text"},{"code":"nik","label":"NIK","type":"nik"}]}])")},
          {"steps", json::parse(R"([{"code":"cek","label":"Cek","role":"verifier","decisions":["approve"]}])")},
          {"fee", {{"type", "free"}}}}}};
    Headers h = Admin().AuthHeaders();
    h.Add("Content-Type", "application/json");
    ASSERT_EQ(Request(port(), "PUT", "/api/v1/services/UJI-KELUARGA", json::serialize(def), h).status, 200);
    const auto warga = As("warga");
    Headers w = warga.AuthHeaders();
    w.Add("Content-Type", "application/json");
    auto r = Request(port(), "POST", "/api/v1/applications",
                     R"({"service_code":"UJI-KELUARGA","submit":false,"answers":{"nama":"Kepala",)"
                     R"("anggota":[{"nama":"Anak","nik":"3604055501909001"}]}})",
                     w);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.body.find("3604055501909001"), std::string::npos);
    EXPECT_NE(r.body.find("3604********9001"), std::string::npos);
    const std::string number(Body(r).at("number").as_string());
    bool clear = true;
    ASSERT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kAttrs{"SELECT attributes FROM cases WHERE tenant = $1 AND number = $2"};
        SP_ASSIGN(auto row, tx.QueryOne(kAttrs, store::TenantId("36.04"), number));
        clear = row->Text(0).find("3604055501909001") != std::string::npos;
        return Status::Ok();
    }));
    EXPECT_FALSE(clear);
    // Submitting the draft re-validates the opened NIK and keeps it sealed.
    r = Request(port(), "PUT", "/api/v1/applications/" + number, R"({"submit":true})", w);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status").as_string(), "in_review");
    EXPECT_EQ(Body(r).at("answers").at("anggota").at(0).at("nik").as_string(), "3604********9001");
}

}  // namespace
}  // namespace satupintu::testing
