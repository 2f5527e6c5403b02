// A whole-server fixture: one real server (on the store under test) per test suite, with the
// helpers most suites need. Derive `class MySuite : public ApiTest {};` for a suite of your own.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <string>

#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace satupintu::testing {

namespace json = boost::json;

inline constexpr const char* kPassword = "SatuPintu-Demo-2026";

// A tiny PNG to upload (the type is decided by content).
inline std::string TinyPng() {
    auto chunk = [](const std::string& type, const std::string& data) {
        std::string c(4, '\0');
        c[3] = static_cast<char>(data.size());
        return c + type + data + std::string(4, '\0');
    };
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", std::string(13, '\1')) + chunk("IDAT", "xx") +
           chunk("IEND", "");
}

class ApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = new TestServer(TestConfig()); }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    static uint16_t port() { return server_->port(); }
    static store::Store& store() { return server_->app().store(); }

    // The tenant's event chain length: "nothing written" means it did not move.
    static int64_t HeadSeq(const std::string& tenant) {
        int64_t seq = -1;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kHead{"SELECT seq FROM event_heads WHERE tenant = $1"};
            SP_ASSIGN(auto row, tx.QueryOne(kHead, store::TenantId(tenant)));
            seq = row ? row->Int(0) : 0;
            return Status::Ok();
        }));
        return seq;
    }

    // The value of `param` in the newest link emailed to `email` in `region` ("" if none), read
    // from the outbox the way the mail would carry it.
    static std::string EmailedToken(const std::string& region, const std::string& email, const std::string& param) {
        std::string token;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kMail{
                "SELECT body FROM outbox WHERE tenant = $1 AND target = $2 AND body LIKE $3"
                " ORDER BY created_at DESC, id DESC LIMIT 1"};
            SP_ASSIGN(auto row, tx.QueryOne(kMail, store::TenantId(region), email, "%" + param + "=%"));
            if (row) {
                const std::string body = row->Text(0);
                const size_t at = body.find(param + "=") + param.size() + 1;
                token = body.substr(at, body.find_first_of(" \n&", at) - at);
            }
            return Status::Ok();
        }));
        return token;
    }
    // The token of the newest registration link.
    static std::string ConfirmationToken(const std::string& region, const std::string& email) {
        return EmailedToken(region, email, "konfirmasi");
    }
    // A citizen registers as a person does: the registration, then the emailed link. The
    // confirmation's answer (201 with the user).
    // The version of the region's privacy notice in force (a registration accepts it).
    static int64_t NoticeVersion(const std::string& region = "36.04") {
        auto r = Get(port(), "/api/v1/regions/" + region + "/privacy-notice");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.status == 200 ? json::parse(r.body).at("version").as_int64() : 0;
    }
    // The body of a registration that accepted the notice in force (unless it names a version).
    static json::object Accepting(json::object body) {
        if (!body.contains("notice_version"))
            body["notice_version"] = NoticeVersion(std::string(body.at("region").as_string()));
        return body;
    }
    static HttpResult RegisterAndConfirm(const json::object& body) {
        auto r = PostJson(port(), "/api/v1/auth/register", json::serialize(Accepting(body)));
        EXPECT_EQ(r.status, 202) << r.body;
        const std::string region(body.at("region").as_string());
        std::string email(body.at("email").as_string());
        for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        json::object confirm{{"region", region}, {"token", ConfirmationToken(region, email)}};
        return PostJson(port(), "/api/v1/auth/register/confirm", json::serialize(confirm));
    }

    // The answers of a research letter application (REKOM-PENELITIAN, free, DPMPTSP verifies and
    // Kesbangpol decides) by a researcher named `name`.
    static json::object ResearchLetterAnswers(const std::string& name, const std::string& title) {
        return {{"nama", name},
                {"nik", "3604055501909001"},
                {"lembaga", "Universitas Uji"},
                {"judul", title},
                {"lokasi", {{"kecamatan", "36.04.05"}}},
                {"mulai", "2026-12-01"},
                {"selesai", "2027-02-01"},
                {"anggota", json::array{{{"nama", "Anggota Satu"}}}}};
    }

    static json::value Body(const HttpResult& r) { return json::parse(r.body); }
    static std::string Code(const HttpResult& r) { return std::string(Body(r).at("code").as_string()); }

    static Session Admin(const std::string& region = "36.04", const std::string& slug = "serang") {
        return Login(port(), region, "admin@" + slug + ".satupintu.test", kPassword);
    }
    // A demo account of Kabupaten Serang by its email local part (warga, verifikator, ...).
    static Session As(const std::string& local) {
        return Login(port(), "36.04", local + "@serang.satupintu.test", kPassword);
    }

    static std::string FirstOpdId(const Session& s) {
        auto r = Get(port(), "/api/v1/opds", s.AuthHeaders());
        EXPECT_EQ(r.status, 200);
        return std::string(Body(r).at("opds").as_array().at(0).at("id").as_string());
    }

    static inline TestServer* server_ = nullptr;
};

}  // namespace satupintu::testing
