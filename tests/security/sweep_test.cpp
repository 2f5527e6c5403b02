// The cross-tenant, cross-user and cross-OPD sweep, generated from the route table (issue 13).
//
// One citizen's private objects are made: a rahasia complaint with its photo, a permit
// application with its identity card scan and its signed document, and the citizen's account.
// Then every registered route with a path parameter is called with those ids, in every
// combination, by callers who may not see them: nobody, another citizen of the same region, an
// officer of an OPD the objects never reached, and the admin of another region. None may get a
// 2xx. As a control, someone entitled (the owner, or the staff who handled them) must get a 2xx
// from every GET route with an object parameter, so the sweep cannot pass on ids that exist
// nowhere.
//
// A route registered tomorrow is swept at once; it fails here until its parameters have objects
// (ObjectsFor) or it is listed in kPublic with the reason anyone may read it.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cases/cases.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

// Routes anyone may call with these ids, and why.
const std::map<std::string, std::string> kPublic = {
    {"GET /api/v1/regions/{code}/documents/{id}", "the QR code's verification record of a signed document"},
    {"GET /verifikasi/{code}/{id}", "the verification page (a static shell that reads the record above)"},
    {"GET /lacak/{code}/{number}", "the tracking page's static shell (its data comes from the API)"},
    {"GET /izin/{number}", "the application page's static shell (its data comes from the API)"},
    {"GET /open311/v2/services/{file}", "the Open311 catalog of the region's complaint categories"},
    {"GET /open-data/{code}/{file}", "the region's open data files"},
};

// Routes open to the staff of the object's own region (not to its citizens or other regions).
const std::map<std::string, std::string> kRegionStaff = {
    {"GET /api/v1/opds/{id}", "the OPD directory: officers forward cases to other OPDs"},
};

// Swept routes where nobody entitled gets the object either, and why.
const std::map<std::string, std::string> kNoControl = {
    {"GET /open311/v2/requests/{file}", "Open311 never shows a rahasia complaint, not even to its reporter"},
    {"GET /open311/v2/tokens/{file}", "Open311 never shows a rahasia complaint, not even to its reporter"},
};

struct Caller {
    std::string who;
    Headers headers;
    bool same_region_staff = false;
};

class SecuritySweep : public ApiTest {
  protected:
    static void SetUpTestSuite() {
        ApiTest::SetUpTestSuite();
        Session warga = As("warga");
        auto h = warga.AuthHeaders();
        h.Add("Content-Type", "application/octet-stream");
        auto upload = [&] {
            auto r = Request(port(), "POST", "/api/v1/attachments", Png(), h);
            EXPECT_EQ(r.status, 201) << r.body;
            return std::string(Body(r).at("id").as_string());
        };
        // A rahasia complaint with a photo (routed to DLH).
        photo_ = upload();
        json::object complaint{{"service_code", "SAMPAH"}, {"description", "Sampah liar di belakang rumah"},
                               {"lat", -6.0401},           {"long", 106.112759},
                               {"rahasia", true},          {"attachments", json::array{json::value(photo_)}}};
        auto filed = PostJson(port(), "/api/v1/complaints", json::serialize(complaint), warga.AuthHeaders());
        EXPECT_EQ(filed.status, 201) << filed.body;
        complaint_ = std::string(Body(filed).at("number").as_string());
        opd_ = std::string(Body(filed).at("opd_id").as_string());    // DLH's
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {  // its internal id is an Open311 token
            SP_ASSIGN(auto c, cases::FindCase(tx, store::TenantId("36.04"), complaint_));
            case_id_ = c ? c->id : "";
            return Status::Ok();
        }));
        // A research letter, approved and signed (DPMPTSP verifies, Kesbangpol decides).
        json::object answers = ResearchLetterAnswers("Rahmawati", "Layanan publik desa");
        ktp_ = upload();  // an identity card scan: the applicant's and the deciding staff's alone
        json::object docs{{"ktp", ktp_}, {"pengantar", upload()}, {"proposal", upload()}};
        json::object application{{"service_code", "REKOM-PENELITIAN"}, {"answers", answers}, {"documents", docs}};
        auto applied = PostJson(port(), "/api/v1/applications", json::serialize(application), warga.AuthHeaders());
        EXPECT_EQ(applied.status, 201) << applied.body;
        application_ = std::string(Body(applied).at("number").as_string());
        for (const char* head : {"verifikator", "kepala.kesbangpol"}) {
            auto r = PostJson(port(), "/api/v1/applications/" + application_ + "/decision",
                              R"({"action":"approve","note":""})", As(head).AuthHeaders());
            EXPECT_EQ(r.status, 200) << r.body;
            const json::value answer = r.status == 200 ? Body(r) : json::value();
            if (answer.is_object() && answer.as_object().contains("issued_documents")) {
                const auto& issued = answer.at("issued_documents").as_array();
                if (!issued.empty()) document_ = std::string(issued.at(0).at("id").as_string());
            }
        }
        EXPECT_FALSE(document_.empty());
        auto me = Get(port(), "/api/v1/me", warga.AuthHeaders());
        user_ = std::string(Body(me).at("user").at("id").as_string());
        // Another citizen of the same region.
        json::object other{{"region", "36.04"},
                           {"email", "tetangga@example.test"},
                           {"password", "kata-sandi-tetangga"},
                           {"name", "Tetangga"}};
        EXPECT_EQ(RegisterAndConfirm(other).status, 201);
    }

    static std::string Png() {
        auto chunk = [](const std::string& type, const std::string& data) {
            std::string c(4, '\0');
            c[3] = static_cast<char>(data.size());
            return c + type + data + std::string(4, '\0');
        };
        return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", std::string(13, '\1')) +
               chunk("IDAT", "sweep" + std::to_string(counter_++)) + chunk("IEND", "");
    }

    // The values a path parameter takes in the sweep: the private objects' ids.
    static std::vector<std::string> ObjectsFor(const std::string& param) {
        if (param == "code") return {"36.04"};
        if (param == "number") return {complaint_, application_};
        if (param == "id") return {document_, photo_, ktp_, user_, case_id_, opd_};
        if (param == "file") return {case_id_ + ".json", complaint_ + ".json"};
        if (param == "service") return {"REKOM-PENELITIAN"};
        if (param == "date") return {"2026-12-31"};
        return {};
    }

    // Every concrete path of `pattern` over the objects (empty if a parameter has none).
    static std::vector<std::string> Paths(const std::string& pattern) {
        std::vector<std::string> out{""};
        size_t at = 0;
        while (at < pattern.size()) {
            const size_t open = pattern.find('{', at);
            const std::string literal = pattern.substr(at, open == std::string::npos ? std::string::npos : open - at);
            for (auto& p : out) p += literal;
            if (open == std::string::npos) break;
            const size_t close = pattern.find('}', open);
            std::string name = pattern.substr(open + 1, close - open - 1);
            if (!name.empty() && name[0] == '*') name.erase(0, 1);
            const auto values = ObjectsFor(name);
            if (values.empty()) return {};
            std::vector<std::string> next;
            for (const auto& p : out) {
                for (const auto& v : values) next.push_back(p + v);
            }
            out = std::move(next);
            at = close + 1;
        }
        return out;
    }

    static HttpResult Call(const std::string& method, const std::string& path, Headers h) {
        const std::string target = path + (path.find('?') == std::string::npos ? "?" : "&") + "jurisdiction_id=36.04";
        if (method == "GET" || method == "HEAD") return Request(port(), method, target, "", h);
        h.Add("Content-Type", "application/json");
        // A plausible body, so that a route reaches its object; the sweep also requires the
        // refusal to be a stranger's (401, 403, 404), so no authorization hides behind validation.
        std::string body = R"({"action":"approve","note":"sapu","reason":"sapu","name":"Unit Sapu",)"
                           R"("status":"closed","working":true})";
        return Request(port(), method, target, body, h);
    }

    static inline int counter_ = 0;
    static inline std::string complaint_, case_id_, photo_, ktp_, application_, document_, user_, opd_;
};

TEST_F(SecuritySweep, NoObjectRouteGivesOnePersonsObjectsToAnyoneElse) {
    std::vector<Caller> attackers{
        {"nobody", Headers()},
        {"another citizen of 36.04",
         Login(port(), "36.04", "tetangga@example.test", "kata-sandi-tetangga").AuthHeaders()},
        {"an officer of an OPD never involved (PUPR)", As("petugas.pupr").AuthHeaders(), true},
        {"the admin of another region (32.16)", Admin("32.16", "bekasi").AuthHeaders()}};
    std::vector<Caller> entitled{{"the owner", As("warga").AuthHeaders()},
                                 {"the verifier", As("verifikator").AuthHeaders()},
                                 {"Kesbangpol's head", As("kepala.kesbangpol").AuthHeaders()},
                                 {"the admin", Admin().AuthHeaders()}};
    int swept = 0, calls = 0;
    for (const auto& [method, pattern] : server_->app().router().Routes()) {
        // Object routes only: a route whose one parameter is the region ({code}) serves the region's
        // public pages and data, or staff routes of the caller's own region.
        // Catalog and calendar keys ({service}, {date}) name the caller's own region's entries,
        // which another region has too.
        if (pattern.find("{number}") == std::string::npos && pattern.find("{id}") == std::string::npos &&
            pattern.find("{file}") == std::string::npos)
            continue;
        if (pattern.rfind("/static/", 0) == 0 || pattern.find("{*") != std::string::npos) continue;  // files
        const std::string route = method + " " + pattern;
        const auto paths = Paths(pattern);
        ASSERT_FALSE(paths.empty()) << route << ": a parameter has no objects in the sweep (add it to ObjectsFor)";
        ++swept;
        if (kPublic.count(route)) continue;
        for (const auto& path : paths) {
            for (const auto& a : attackers) {
                if (a.same_region_staff && kRegionStaff.count(route)) continue;
                auto r = Call(method, path, a.headers);
                ++calls;
                // Refused as a stranger (401, 403, 404), never by a validation or state check
                // (400, 409) that would tell the stranger something of the object.
                EXPECT_TRUE(r.status == 401 || r.status == 403 || r.status == 404)
                    << route << " gave " << a.who << " " << r.status << " for " << path << ": "
                    << r.body.substr(0, 200);
            }
        }
        // The control: someone entitled reads the object through every GET route of an object.
        if (method != "GET" || kNoControl.count(route)) continue;
        bool someone = false;
        for (const auto& path : paths) {
            for (const auto& e : entitled) someone = someone || Call(method, path, e.headers).status == 200;
        }
        EXPECT_TRUE(someone) << route << ": nobody entitled could read any of the sweep's objects through it";
    }
    EXPECT_GE(swept, 20) << "the route table was not swept";
    std::cout << "swept " << swept << " routes with " << calls << " calls\n";
}

// What a person reads when a request is refused is Indonesian (issue 14): every route of the
// table, called by each kind of account with an empty body, a body of wrong types and bad query
// parameters, answers problems whose title, detail and per-field messages name no internal code
// and say no English sentence. The developer's English may only travel in `hint`.
TEST_F(SecuritySweep, EveryRefusalReadsInIndonesian) {
    static const std::regex english(
        R"(\b(the|is|are|must|required|not|should|invalid|only|unknown|cannot|missing|characters|allowed|already|such|this|at most|at least|expected)\b)",
        std::regex::icase);
    static const std::regex code(R"(\b[a-z0-9]+(_[a-z0-9]+)+\b)");
    const auto indonesian = [&](const std::string& text) {
        return !std::regex_search(text, english) && !std::regex_search(text, code);
    };
    std::vector<Caller> callers{{"a citizen", As("warga").AuthHeaders()},
                                {"an officer", As("petugas.pupr").AuthHeaders()},
                                {"the verifier", As("verifikator").AuthHeaders()},
                                {"an OPD head", As("kepala.kesbangpol").AuthHeaders()},
                                {"the admin", Admin().AuthHeaders()}};
    const std::string wrong_types =
        R"({"name":7,"email":7,"phone":7,"nik":7,"password":7,"description":7,"service_code":7,"kecamatan_code":7,)"
        R"("lat":"x","long":"x","action":7,"note":7,"reason":7,"status":7,"kind":7,"answers":7,"documents":7,)"
        R"("attributes":7,"amount":"x","code":7,"date":7,"opd_id":7,"role":7,"rating":"x","ikm":7,"numbers":7,)"
        R"("region":"36.04","token":7,"version":"x","text":7,"url":7,"secret":7,"target_number":7,"login":7})";
    const std::string bad_query = "page=x&status=zzz&q=" + std::string(300, 'q') +
                                  "&month=2026-13&lat=x&long=x&year=abc&nomor=bukan-nomor&limit=-1&from=x&to=x";
    int checked = 0;
    std::set<std::string> failing;
    for (const auto& [method, pattern] : server_->app().router().Routes()) {
        if (pattern.rfind("/static/", 0) == 0 || pattern.find("{*") != std::string::npos) continue;
        if (pattern.ends_with("/stream")) continue;  // server-sent events: an answer that never ends
        const bool has_params = pattern.find('{') != std::string::npos;
        const auto paths = has_params ? Paths(pattern) : std::vector<std::string>{pattern};
        for (const auto& path : paths) {
            for (auto c : callers) {
                c.headers.Add("Accept-Language", "id");
                std::vector<HttpResult> answers;
                if (method == "GET" || method == "HEAD") {
                    answers.push_back(Request(port(), method, path + "?" + bad_query, "", c.headers));
                } else {
                    auto h = c.headers;
                    h.Add("Content-Type", "application/json");
                    answers.push_back(Request(port(), method, path, "{}", h));
                    answers.push_back(Request(port(), method, path, wrong_types, h));
                }
                for (const auto& r : answers) {
                    if (r.status < 400 || r.body.empty() || r.body[0] != '{') continue;
                    const auto parsed = json::parse(r.body);
                    if (!parsed.is_object() || !parsed.as_object().contains("code")) continue;
                    const auto& o = parsed.as_object();
                    ++checked;
                    std::vector<std::string> texts{std::string(o.at("title").as_string())};
                    if (o.contains("detail")) texts.emplace_back(o.at("detail").as_string());
                    if (o.contains("errors")) {
                        for (const auto& e : o.at("errors").as_array()) texts.emplace_back(e.at("message").as_string());
                    }
                    for (const auto& text : texts) {
                        if (indonesian(text)) continue;
                        const std::string where = method + " " + pattern;
                        if (failing.insert(where + " | " + text).second)
                            ADD_FAILURE() << where << " (" << c.who << ", " << r.status << ") says: " << text;
                    }
                }
            }
        }
    }
    EXPECT_GE(checked, 200) << "too few refusals were read";
    std::cout << "read " << checked << " refusals\n";
}

}  // namespace
}  // namespace satupintu::testing
