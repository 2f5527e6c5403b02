// A person's copy of their data (UU 27/2022; GET /api/v1/me/export) holds every complaint,
// application, document, upload, survey answer and session of theirs and nothing of anybody
// else's: a property test over people who do random things through the API. The seed is printed;
// SATUPINTU_PROPERTY_SEED replays one.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

struct Person {
    std::string email, name, password;
    Session session;
    std::set<std::string> cases, uploads, documents;
    int rated = 0;
};

class PrivacyExportTest : public ApiTest {
  protected:
    static std::string Upload(const Person& p, int n) {
        auto h = p.session.AuthHeaders();
        h.Add("Content-Type", "application/octet-stream");
        auto chunk = [](const std::string& type, const std::string& data) {
            std::string c(4, '\0');
            c[3] = static_cast<char>(data.size());
            return c + type + data + std::string(4, '\0');
        };
        const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", std::string(13, '\1')) +
                                chunk("IDAT", p.email + std::to_string(n)) + chunk("IEND", "");
        auto r = Request(port(), "POST", "/api/v1/attachments", png, h);
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(Body(r).at("id").as_string());
    }
    static HttpResult Act(const Session& s, const std::string& number, const json::object& body) {
        return PostJson(port(), "/api/v1/cases/" + number + "/actions", json::serialize(body), s.AuthHeaders());
    }
};

TEST_F(PrivacyExportTest, APersonsExportHoldsAllOfTheirsAndNothingOfAnyoneElse) {
    const char* env = std::getenv("SATUPINTU_PROPERTY_SEED");
    const unsigned seed = env ? static_cast<unsigned>(std::strtoul(env, nullptr, 10)) : std::random_device{}();
    std::cout << "SATUPINTU_PROPERTY_SEED=" << seed << "\n";
    std::mt19937 rng(seed);
    const auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
    const char* const categories[] = {"KETERTIBAN", "SAMPAH", "DRAINASE", "PENCEMARAN"};
    Session verifier = As("verifikator");

    std::vector<Person> people;
    for (int i = 0; i < 4; ++i) {
        Person p;
        p.email = "pribadi" + std::to_string(i) + "." + std::to_string(seed % 100000) + "@example.test";
        p.name = "Orang Pribadi " + std::to_string(i) + "-" + std::to_string(seed % 997);
        p.password = "kata-sandi-pribadi-" + std::to_string(i);
        json::object reg{{"region", "36.04"}, {"email", p.email}, {"password", p.password}, {"name", p.name}};
        ASSERT_EQ(RegisterAndConfirm(reg).status, 201);
        p.session = Login(port(), "36.04", p.email, p.password);
        people.push_back(std::move(p));
    }
    for (auto& p : people) {
        const int complaints = static_cast<int>(rng() % 4);
        for (int k = 0; k < complaints; ++k) {
            json::object c{{"service_code", categories[rng() % 4]},
                           {"description", "Laporan " + p.name + " nomor " + std::to_string(k)},
                           {"lat", -6.0401},
                           {"long", 106.112759},
                           {"rahasia", chance(30)},
                           {"anonymous", chance(20)}};
            if (chance(50)) {
                const std::string photo = Upload(p, k);
                p.uploads.insert(photo);
                c["attachments"] = json::array{json::value(photo)};
            }
            auto r = PostJson(port(), "/api/v1/complaints", json::serialize(c), p.session.AuthHeaders());
            ASSERT_EQ(r.status, 201) << r.body;
            const std::string number(Body(r).at("number").as_string());
            p.cases.insert(number);
            // Some are worked to the end and rated, with the survey.
            if (c.at("service_code") == "KETERTIBAN" && chance(70)) {
                for (const char* step : {R"({"action":"forward"})", R"({"action":"follow_up","note":"Ditertibkan"})",
                                         R"({"action":"resolve","note":"Selesai"})"}) {
                    ASSERT_EQ(
                        PostJson(port(), "/api/v1/cases/" + number + "/actions", step, verifier.AuthHeaders()).status,
                        200);
                }
                auto rated =
                    Act(p.session, number, {{"action", "rate"}, {"rating", 4}, {"ikm", {{"U1", 3}, {"U9", 4}}}});
                ASSERT_EQ(rated.status, 200) << rated.body;
                ++p.rated;
            }
        }
        if (chance(40)) p.uploads.insert(Upload(p, 99));  // never attached
        // Some apply for a research letter, which is signed for them.
        if (chance(50)) {
            json::object answers = ResearchLetterAnswers(p.name, "Penelitian " + p.name);
            json::object docs;
            for (const char* d : {"ktp", "pengantar", "proposal"}) {
                const std::string id = Upload(p, 100 + static_cast<int>(docs.size()));
                p.uploads.insert(id);
                docs[d] = id;
            }
            json::object body{{"service_code", "REKOM-PENELITIAN"}, {"answers", answers}, {"documents", docs}};
            auto r = PostJson(port(), "/api/v1/applications", json::serialize(body), p.session.AuthHeaders());
            ASSERT_EQ(r.status, 201) << r.body;
            const std::string number(Body(r).at("number").as_string());
            p.cases.insert(number);
            for (const char* head : {"verifikator", "kepala.kesbangpol"}) {
                auto d = PostJson(port(), "/api/v1/applications/" + number + "/decision",
                                  R"({"action":"approve","note":""})", As(head).AuthHeaders());
                ASSERT_EQ(d.status, 200) << d.body;
                const json::value answer = Body(d);
                for (const auto& doc : answer.at("issued_documents").as_array())
                    p.documents.insert(std::string(doc.at("id").as_string()));
            }
        }
    }

    for (size_t i = 0; i < people.size(); ++i) {
        const Person& p = people[i];
        auto r = Get(port(), "/api/v1/me/export", p.session.AuthHeaders());
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_NE(r.Header("content-disposition").find("attachment; filename=\"satupintu-data-36.04-"),
                  std::string::npos);
        const json::value e = Body(r);
        EXPECT_EQ(e.at("account").at("email").as_string(), p.email);
        EXPECT_EQ(e.at("account").at("name").as_string(), p.name);
        std::set<std::string> cases, uploads, documents;
        int surveys = 0;
        for (const auto& c : e.at("cases").as_array()) {
            cases.insert(std::string(c.at("number").as_string()));
            if (!c.at("rating").is_null()) {
                ++surveys;
                EXPECT_EQ(c.at("survey").at("U1"), 3);
            }
        }
        for (const auto& u : e.at("uploads").as_array()) uploads.insert(std::string(u.at("id").as_string()));
        for (const auto& d : e.at("documents").as_array()) documents.insert(std::string(d.at("id").as_string()));
        EXPECT_EQ(cases, p.cases) << "person " << i;
        EXPECT_EQ(uploads, p.uploads) << "person " << i;
        EXPECT_EQ(documents, p.documents) << "person " << i;
        EXPECT_EQ(surveys, p.rated) << "person " << i;
        EXPECT_GE(e.at("sessions").as_array().size(), 1u);
        EXPECT_FALSE(e.at("emails").as_array().empty()) << "the registration email, at least";
        EXPECT_FALSE(e.at("audit_log").as_array().empty());
        // Nothing of anybody else's.
        for (size_t j = 0; j < people.size(); ++j) {
            if (j == i) continue;
            const Person& other = people[j];
            for (const std::string& secret : {other.email, other.name}) {
                EXPECT_EQ(r.body.find(secret), std::string::npos) << "person " << i << "'s export holds " << secret;
            }
            for (const auto& set : {other.cases, other.uploads, other.documents}) {
                for (const auto& id : set) EXPECT_EQ(r.body.find(id), std::string::npos) << id;
            }
        }
    }
    // Taking a copy is recorded; an integration's key has no person to export.
    EXPECT_EQ(Get(port(), "/api/v1/me/export").status, 401);
}

}  // namespace
}  // namespace satupintu::testing
