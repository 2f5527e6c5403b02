// Signed documents through the whole server: issue (as a permit step does), download, the public
// verification by id and of an uploaded file, one changed byte, revocation, and the offline
// `satupintu verify-document` command.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "documents/documents.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

class DocumentTest : public ApiTest {
  protected:
    static std::string UserId(const Session& s) {
        auto r = Get(port(), "/api/v1/me", s.AuthHeaders());
        EXPECT_EQ(r.status, 200);
        return std::string(Body(r).at("user").at("id").as_string());
    }

    // Issues a document to `holder`, as the approval step of a permit does.
    static documents::Document IssueTo(const std::string& holder_id, const std::string& holder_name) {
        documents::Content c;
        c.title = "SURAT KETERANGAN PENELITIAN";
        c.government = "PEMERINTAH KABUPATEN SERANG";
        c.office = "BADAN KESATUAN BANGSA DAN POLITIK";
        c.address = "Jl. Veteran No. 1, Serang";
        c.service_code = "REKOM-PENELITIAN";
        c.case_number = "IZN-2026-000001";
        c.holder_name = holder_name;
        c.body = "Menerangkan bahwa yang bersangkutan dapat melaksanakan penelitian.";
        c.fields = {{"Nama", holder_name}, {"Lokasi", "Kecamatan Ciruas"}};
        c.place = "Serang";
        c.issued_on = "2026-11-25";
        c.valid_until = "2099-12-31";
        c.signer_title = "Kepala Badan Kesatuan Bangsa dan Politik";
        std::optional<documents::Document> doc;
        EXPECT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(doc, documents::Issue(tx, store::TenantId("36.04"), c, {"000.9.2", "KESBANGPOL", 2026},
                                            std::nullopt, std::nullopt, holder_id, server_->app().api().public_url,
                                            1'790'000'000'000, "user:test"));
            return Status::Ok();
        }));
        return *doc;
    }

    static HttpResult VerifyBytes(const std::string& bytes) {
        Headers h;
        h.Add("Content-Type", "application/pdf");
        return Request(port(), "POST", "/api/v1/documents/verify", bytes, h);
    }

    // Runs `satupintu verify-document` and returns its exit code.
    static int Cli(const std::string& file_bytes, const std::string& extra) {
        const std::string path = TempDir("sp-doc") + "/doc.pdf";
        std::ofstream(path, std::ios::binary) << file_bytes;
        std::string store_flag = server_->config().db_url.empty() ? "--data '" + server_->config().data_dir + "'"
                                                                  : "--db '" + server_->config().db_url + "'";
        const std::string cmd = std::string(SATUPINTU_BIN) + " verify-document '" + path + "' " +
                                (extra.empty() ? store_flag : extra) + " > /dev/null 2>&1";
        const int st = std::system(cmd.c_str());
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
};

TEST_F(DocumentTest, TheHolderDownloadsASignedPdfThatVerifies) {
    const auto warga = As("warga");
    const auto doc = IssueTo(UserId(warga), "Rahmawati <b>Ayu</b>");
    EXPECT_EQ(doc.number.rfind("000.9.2/", 0), 0u);
    EXPECT_NE(doc.number.find("/KESBANGPOL/2026"), std::string::npos);

    // Before rendering, the record is numbered and pending.
    auto v = Get(port(), "/api/v1/regions/36.04/documents/" + doc.id);
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_EQ(Body(v).at("status").as_string(), "pending");

    auto pdf = Get(port(), "/api/v1/documents/" + doc.id + "/pdf", warga.AuthHeaders());
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    // A second download is the same file.
    EXPECT_EQ(Get(port(), "/api/v1/documents/" + doc.id + "/pdf", warga.AuthHeaders()).body, pdf.body);
    // Nobody else's: anonymous 401, the verifier (staff) may, no other citizen exists in the demo.
    EXPECT_EQ(Get(port(), "/api/v1/documents/" + doc.id + "/pdf").status, 401);
    EXPECT_EQ(Get(port(), "/api/v1/documents/" + doc.id + "/pdf", As("verifikator").AuthHeaders()).status, 200);

    // The QR page's record: authentic and valid, with the region's published key.
    v = Get(port(), "/api/v1/regions/36.04/documents/" + doc.id);
    ASSERT_EQ(v.status, 200);
    auto b = Body(v).as_object();
    EXPECT_EQ(b.at("status").as_string(), "valid");
    EXPECT_TRUE(b.at("authentic").as_bool());
    EXPECT_EQ(b.at("holder_name").as_string(), "Rahmawati <b>Ayu</b>");
    auto keys = Body(Get(port(), "/api/v1/regions/36.04/signing-keys")).at("keys").as_array();
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0].at("id").as_string(), b.at("key_id").as_string());
    const std::string public_key(keys[0].at("public_key").as_string());
    // The QR code's address is on the page and in the signed statement.
    const auto parts = documents::Split(pdf.body);
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->content.at("verify_url").as_string(),
              server_->app().api().public_url + "/verifikasi/36.04/" + doc.id);
    EXPECT_EQ(Get(port(), "/verifikasi/36.04/" + doc.id).status, 200);

    // The file itself: authentic; with one byte changed (in the page content, or in the
    // signature line): not.
    auto r = VerifyBytes(pdf.body);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("result").as_string(), "authentic");
    EXPECT_EQ(Body(r).at("document").at("status").as_string(), "valid");
    for (size_t at : {size_t{400}, pdf.body.size() / 2, pdf.body.size() - 10}) {
        std::string bad = pdf.body;
        bad[at] = static_cast<char>(bad[at] ^ 0x20);
        r = VerifyBytes(bad);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_NE(Body(r).at("result").as_string(), "authentic") << "byte " << at;
        EXPECT_FALSE(Body(r).as_object().contains("document"));
    }
    EXPECT_EQ(Body(VerifyBytes("%PDF-1.4 plain")).at("result").as_string(), "unsigned");

    // Offline, with the published key only; and against this installation's records.
    EXPECT_EQ(Cli(pdf.body, "--public-key " + public_key), 0);
    std::string bad = pdf.body;
    bad[pdf.body.size() / 2] = static_cast<char>(bad[pdf.body.size() / 2] ^ 0x20);
    EXPECT_EQ(Cli(bad, "--public-key " + public_key), 1);
    EXPECT_EQ(Cli(pdf.body, ""), 0);
}

TEST_F(DocumentTest, RevocationShowsWithItsReasonAndChangesNothingElse) {
    const auto warga = As("warga");
    const auto doc = IssueTo(UserId(warga), "Warga Uji");
    const auto pdf = Get(port(), "/api/v1/documents/" + doc.id + "/pdf", warga.AuthHeaders());
    ASSERT_EQ(pdf.status, 200);

    const auto admin = Admin();
    Headers h = admin.AuthHeaders();
    h.Add("Content-Type", "application/json");
    // A citizen cannot revoke; a reason is required.
    Headers hw = warga.AuthHeaders();
    hw.Add("Content-Type", "application/json");
    EXPECT_EQ(Request(port(), "POST", "/api/v1/documents/" + doc.id + "/revoke", R"({"reason":"x"})", hw).status, 403);
    const int64_t before = HeadSeq("36.04");
    EXPECT_EQ(Request(port(), "POST", "/api/v1/documents/" + doc.id + "/revoke", "{}", h).status, 400);
    EXPECT_EQ(HeadSeq("36.04"), before);
    auto r = Request(port(), "POST", "/api/v1/documents/" + doc.id + "/revoke",
                     R"({"reason":"Data pemohon tidak benar"})", h);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(HeadSeq("36.04"), before + 1);
    EXPECT_EQ(Request(port(), "POST", "/api/v1/documents/" + doc.id + "/revoke", R"({"reason":"again"})", h).status,
              409);

    auto v = Body(Get(port(), "/api/v1/regions/36.04/documents/" + doc.id)).as_object();
    EXPECT_EQ(v.at("status").as_string(), "revoked");
    EXPECT_EQ(v.at("revoke_reason").as_string(), "Data pemohon tidak benar");
    EXPECT_TRUE(v.at("authentic").as_bool());
    // The file is still authentic bytes, but the installation says revoked (exit 3).
    EXPECT_EQ(Body(VerifyBytes(pdf.body)).at("document").at("status").as_string(), "revoked");
    EXPECT_EQ(Cli(pdf.body, ""), 3);
    // Another region cannot see or revoke it.
    EXPECT_EQ(Get(port(), "/api/v1/regions/32.16/documents/" + doc.id).status, 404);
}

TEST_F(DocumentTest, LetterNumbersRestartPerUnitAndYear) {
    std::vector<std::string> numbers;
    ASSERT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
        const store::TenantId t("36.04");
        for (const documents::Numbering& n : std::vector<documents::Numbering>{{"500.16", "DPMPTSP", 2030},
                                                                               {"500.16", "DPMPTSP", 2030},
                                                                               {"600.1", "DPUPR", 2030},
                                                                               {"500.16", "DPMPTSP", 2031}}) {
            SP_ASSIGN(auto number, documents::NextNumber(tx, t, n));
            numbers.push_back(number);
        }
        return Status::Ok();
    }));
    EXPECT_EQ(numbers, (std::vector<std::string>{"500.16/1/DPMPTSP/2030", "500.16/2/DPMPTSP/2030", "600.1/1/DPUPR/2030",
                                                 "500.16/1/DPMPTSP/2031"}));
}

}  // namespace
}  // namespace satupintu::testing
