// Open311 GeoReport v2 conformance: every item of shared/docs/open311.md, in XML and in JSON,
// against a real server on loopback.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "identity/api_keys.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

const char* const kFormats[] = {"xml", "json"};

class Open311Test : public ApiTest {
  protected:
    static void SetUpTestSuite() {
        ApiTest::SetUpTestSuite();
        key_ = MakeKey("36.04");
        other_key_ = MakeKey("32.16");
        // A category with a multi-value question, added the way a region admin adds one.
        Session admin = Admin();
        json::object category{
            {"code", "O311-MULTI"},
            {"name", "Uji Open311"},
            {"opd_code", "DLH"},
            {"description", "Kategori uji"},
            {"group", "Uji"},
            {"keywords", json::array{"uji"}},
            {"attributes",
             json::array{json::object{{"code", "jenis"},
                                      {"datatype", "multivaluelist"},
                                      {"required", true},
                                      {"order", 1},
                                      {"description", "Jenis masalah"},
                                      {"values", json::array{json::object{{"key", "a"}, {"name", "Satu"}},
                                                             json::object{{"key", "b"}, {"name", "Dua"}}}}},
                         json::object{{"code", "catatan"},
                                      {"datatype", "text"},
                                      {"required", false},
                                      {"order", 2},
                                      {"description", "Catatan"}}}}};
        auto r = Request(port(), "PUT", "/api/v1/complaint-categories", json::serialize(category),
                         admin.AuthHeaders().Add("Content-Type", "application/json"));
        ASSERT_EQ(r.status, 200) << r.body;
    }
    static std::string MakeKey(const std::string& tenant) {
        identity::NewApiKey key;
        EXPECT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(key, identity::CreateApiKey(tx, store::TenantId(tenant), "open311", "integration", 1, "test"));
            return Status::Ok();
        }));
        return key.key;
    }
    static std::string Enc(const std::string& s) {
        static const char* hex = "0123456789ABCDEF";
        std::string out;
        for (unsigned char c : s) {
            if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
        return out;
    }
    static std::string Form(const std::vector<std::pair<std::string, std::string>>& fields) {
        std::string out;
        for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + Enc(k) + "=" + Enc(v);
        return out;
    }
    static HttpResult Post(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields) {
        return Request(port(), "POST", "/open311/v2/" + path, Form(fields),
                       Headers().Add("Content-Type", "application/x-www-form-urlencoded"));
    }
    static void ExpectFormat(const HttpResult& r, const std::string& fmt) {
        if (fmt == "xml") {
            EXPECT_EQ(r.Header("content-type"), "text/xml; charset=utf-8");
            EXPECT_EQ(r.body.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>", 0), 0u) << r.body.substr(0, 80);
            EXPECT_EQ(r.body.find("xmlns"), std::string::npos);
        } else {
            EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
            EXPECT_NO_THROW(json::parse(r.body)) << r.body.substr(0, 200);
        }
    }
    static void ExpectError(const HttpResult& r, const std::string& fmt, int code) {
        EXPECT_EQ(r.status, code) << r.body;
        ExpectFormat(r, fmt);
        if (fmt == "xml") {
            EXPECT_NE(r.body.find("<errors><error><code>" + std::to_string(code) + "</code><description>"),
                      std::string::npos)
                << r.body;
        } else {
            const auto v = json::parse(r.body);
            ASSERT_TRUE(v.is_array()) << r.body;
            EXPECT_EQ(v.as_array().at(0).at("code"), code);
            EXPECT_TRUE(v.as_array().at(0).at("description").is_string());
        }
    }
    // Files a request and returns its id.
    static std::string FileRequest(const std::string& fmt,
                                   std::vector<std::pair<std::string, std::string>> extra = {}) {
        std::vector<std::pair<std::string, std::string>> f = {
            {"jurisdiction_id", "36.04"}, {"api_key", key_},      {"service_code", "SAMPAH"},
            {"lat", "-6.0401"},           {"long", "106.112759"}, {"description", "Sampah di bahu jalan"}};
        for (const auto& [k, v] : extra) {
            auto it = std::find_if(f.begin(), f.end(), [&](const auto& kv) { return kv.first == k; });
            if (it != f.end()) {
                it->second = v;
            } else {
                f.emplace_back(k, v);
            }
        }
        auto r = Post("requests." + fmt, f);
        EXPECT_EQ(r.status, 201) << r.body;
        if (fmt == "json")
            return std::string(json::parse(r.body).as_array().at(0).at("service_request_id").as_string());
        std::smatch m;
        std::regex_search(r.body, m, std::regex("<service_request_id>([^<]+)</service_request_id>"));
        return m[1];
    }
    static inline std::string key_, other_key_;
};

TEST_F(Open311Test, JurisdictionIsRequiredAndMustExist) {
    for (const std::string fmt : kFormats) {
        ExpectError(Get(port(), "/open311/v2/services." + fmt), fmt, 400);
        ExpectError(Get(port(), "/open311/v2/services." + fmt + "?jurisdiction_id="), fmt, 400);
        ExpectError(Get(port(), "/open311/v2/services." + fmt + "?jurisdiction_id=99.99"), fmt, 404);
    }
}

TEST_F(Open311Test, Discovery) {
    for (const std::string fmt : kFormats) {
        auto r = Get(port(), "/open311/v2/discovery." + fmt);
        ASSERT_EQ(r.status, 200);
        ExpectFormat(r, fmt);
        for (const char* field : {"changeset", "contact", "key_service", "specification", "url", "type", "formats"})
            EXPECT_NE(r.body.find(field), std::string::npos) << field;
        EXPECT_NE(r.body.find("http://wiki.open311.org/GeoReport_v2"), std::string::npos);
        EXPECT_NE(r.body.find("production"), std::string::npos);
        if (fmt == "json") {
            const auto v = json::parse(r.body);
            EXPECT_TRUE(v.at("endpoints").is_array());
            EXPECT_TRUE(v.at("endpoints").at(0).at("formats").is_array());
        }
    }
}

TEST_F(Open311Test, ServicesAreTheCategoriesOfTheRegion) {
    auto x = Get(port(), "/open311/v2/services.xml?jurisdiction_id=36.04");
    ASSERT_EQ(x.status, 200);
    ExpectFormat(x, "xml");
    EXPECT_NE(x.body.find("<services><service><service_code>"), std::string::npos);
    EXPECT_NE(x.body.find("<service_code>JALAN-RUSAK</service_code><service_name>Jalan rusak</service_name>"),
              std::string::npos);
    EXPECT_NE(x.body.find("<metadata>true</metadata><type>realtime</type>"), std::string::npos);
    auto j = Get(port(), "/open311/v2/services.json?jurisdiction_id=36.04");
    ASSERT_EQ(j.status, 200);
    const auto list = json::parse(j.body);
    ASSERT_TRUE(list.is_array());
    bool drainase = false;
    for (const auto& s : list.as_array()) {
        for (const char* f : {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"})
            EXPECT_TRUE(s.at(f).is_string()) << f;
        if (s.at("service_code") == "DRAINASE") {
            drainase = true;
            EXPECT_EQ(s.at("metadata"), "false");
        }
    }
    EXPECT_TRUE(drainase);
    // Another jurisdiction has its own list; a category added in Serang is not in Bekasi's.
    auto other = Get(port(), "/open311/v2/services.json?jurisdiction_id=32.16");
    EXPECT_EQ(other.body.find("O311-MULTI"), std::string::npos);
    EXPECT_NE(j.body.find("O311-MULTI"), std::string::npos);
}

TEST_F(Open311Test, ServiceDefinitionsListTheAttributes) {
    for (const std::string fmt : kFormats) {
        auto r = Get(port(), "/open311/v2/services/O311-MULTI." + fmt + "?jurisdiction_id=36.04");
        ASSERT_EQ(r.status, 200) << r.body;
        ExpectFormat(r, fmt);
        if (fmt == "xml") {
            EXPECT_NE(r.body.find("<service_definition><service_code>O311-MULTI</service_code><attributes><attribute>"
                                  "<variable>true</variable><code>jenis</code><datatype>multivaluelist</datatype>"
                                  "<required>true</required>"),
                      std::string::npos)
                << r.body;
            EXPECT_NE(r.body.find("<values><value><key>a</key><name>Satu</name></value>"), std::string::npos);
        } else {
            const auto v = json::parse(r.body);
            const auto& attrs = v.at("attributes").as_array();
            ASSERT_EQ(attrs.size(), 2u);
            EXPECT_EQ(attrs.at(0).at("order"), "1");
            EXPECT_EQ(attrs.at(1).at("order"), "2");
            EXPECT_EQ(attrs.at(1).at("datatype"), "text");
            EXPECT_EQ(attrs.at(0).at("values").at(1).at("key"), "b");
            for (const char* f :
                 {"variable", "code", "datatype", "required", "datatype_description", "order", "description"})
                EXPECT_TRUE(attrs.at(0).as_object().contains(f)) << f;
        }
        ExpectError(Get(port(), "/open311/v2/services/NOPE." + fmt + "?jurisdiction_id=36.04"), fmt, 404);
    }
}

TEST_F(Open311Test, PostingNeedsAValidKeyOfTheJurisdiction) {
    for (const std::string fmt : kFormats) {
        std::vector<std::pair<std::string, std::string>> base = {
            {"jurisdiction_id", "36.04"}, {"service_code", "SAMPAH"}, {"lat", "-6.0401"}, {"long", "106.112759"}};
        const int64_t before = HeadSeq("36.04");
        ExpectError(Post("requests." + fmt, base), fmt, 403);
        auto bad = base;
        bad.push_back({"api_key", "sp_nope_nope"});
        ExpectError(Post("requests." + fmt, bad), fmt, 403);
        auto other = base;
        other.push_back({"api_key", other_key_});
        ExpectError(Post("requests." + fmt, other), fmt, 403);
        EXPECT_EQ(HeadSeq("36.04"), before);
    }
}

TEST_F(Open311Test, PostingValidatesCodeLocationAttributesAndDescription) {
    for (const std::string fmt : kFormats) {
        const int64_t before = HeadSeq("36.04");
        std::vector<std::pair<std::string, std::string>> base = {{"jurisdiction_id", "36.04"}, {"api_key", key_}};
        auto no_code = base;
        no_code.push_back({"lat", "-6.0401"});
        no_code.push_back({"long", "106.112759"});
        ExpectError(Post("requests." + fmt, no_code), fmt, 400);
        auto unknown = no_code;
        unknown.push_back({"service_code", "NOPE"});
        ExpectError(Post("requests." + fmt, unknown), fmt, 404);
        auto nowhere = base;
        nowhere.push_back({"service_code", "SAMPAH"});
        ExpectError(Post("requests." + fmt, nowhere), fmt, 400);
        auto missing_attr = no_code;
        missing_attr.push_back({"service_code", "O311-MULTI"});
        ExpectError(Post("requests." + fmt, missing_attr), fmt, 400);
        auto unknown_value = missing_attr;
        unknown_value.push_back({"attribute[jenis][]", "zzz"});
        ExpectError(Post("requests." + fmt, unknown_value), fmt, 400);
        auto too_long = no_code;
        too_long.push_back({"service_code", "SAMPAH"});
        too_long.push_back({"description", std::string(4001, 'x')});
        ExpectError(Post("requests." + fmt, too_long), fmt, 400);
        auto outside = base;
        outside.push_back({"service_code", "SAMPAH"});
        outside.push_back({"lat", "-6.1754"});
        outside.push_back({"long", "106.8272"});
        ExpectError(Post("requests." + fmt, outside), fmt, 400);
        // Coordinates are plain decimal degrees: no NaN, infinity, hex or padding (strtod took them).
        for (const auto& [lat, lng] : std::vector<std::pair<std::string, std::string>>{
                 {"nan", "106.1"}, {"-6.1", "inf"}, {"0x1p-2", "106.1"}, {" -6.1", "106.1"}, {"-6.1", "200"}}) {
            auto odd = base;
            odd.push_back({"service_code", "SAMPAH"});
            odd.push_back({"lat", lat});
            odd.push_back({"long", lng});
            ExpectError(Post("requests." + fmt, odd), fmt, 400);
        }
        auto unnamed = no_code;
        unnamed.push_back({"service_code", "SAMPAH"});
        unnamed.push_back({"attribute[]", "x"});
        ExpectError(Post("requests." + fmt, unnamed), fmt, 400);
        EXPECT_EQ(HeadSeq("36.04"), before) << "nothing written";
    }
}

TEST_F(Open311Test, ARequestIsCreatedAtOnceAndReadBackExactly) {
    const std::string text = "Jalan rusak — café ☕ \"kutip\" <b>&</b> 😀";
    for (const std::string fmt : kFormats) {
        auto r = Post("requests." + fmt, {{"jurisdiction_id", "36.04"},
                                          {"api_key", key_},
                                          {"service_code", "O311-MULTI"},
                                          {"address_string", "Jl. Raya Serang KM 5"},
                                          {"address_id", "36.04.05.2001"},
                                          {"attribute[jenis][]", "a"},
                                          {"attribute[jenis][]", "b"},
                                          {"attribute[catatan]", "dua jenis"},
                                          {"email", "pelapor.rahasia@contoh.test"},
                                          {"first_name", "Pelapor"},
                                          {"last_name", "Tersembunyi"},
                                          {"phone", "081299990000"},
                                          {"device_id", "dev-1"},
                                          {"account_id", "acc-1"},
                                          {"media_url", "https://contoh.test/foto.jpg"},
                                          {"description", text}});
        ASSERT_EQ(r.status, 201) << r.body;
        ExpectFormat(r, fmt);
        std::string id;
        if (fmt == "json") {
            const auto v = json::parse(r.body);
            ASSERT_TRUE(v.is_array());
            const auto& first = v.as_array().at(0).as_object();
            id = std::string(first.at("service_request_id").as_string());
            EXPECT_FALSE(first.contains("token")) << "an id or a token, never both";
            EXPECT_TRUE(first.at("service_notice").is_string());
        } else {
            EXPECT_NE(r.body.find("<service_requests><request><service_request_id>"), std::string::npos);
            EXPECT_EQ(r.body.find("<token>"), std::string::npos);
            std::smatch m;
            std::regex_search(r.body, m, std::regex("<service_request_id>([^<]+)</service_request_id>"));
            id = m[1];
        }
        auto one = Get(port(), "/open311/v2/requests/" + id + "." + fmt + "?jurisdiction_id=36.04");
        ASSERT_EQ(one.status, 200) << one.body;
        ExpectFormat(one, fmt);
        for (const char* personal : {"pelapor.rahasia", "Tersembunyi", "081299990000", "dev-1", "acc-1"})
            EXPECT_EQ(one.body.find(personal), std::string::npos) << personal;
        if (fmt == "json") {
            const auto v = json::parse(one.body);
            ASSERT_EQ(v.as_array().size(), 1u);
            const auto& req = v.as_array().at(0);
            EXPECT_EQ(req.at("description").as_string(), text) << "UTF-8 round-trips byte for byte";
            EXPECT_EQ(req.at("status"), "open");
            EXPECT_EQ(req.at("service_code"), "O311-MULTI");
            EXPECT_EQ(req.at("agency_responsible"), "Dinas Lingkungan Hidup");
            EXPECT_EQ(req.at("address"), "Jl. Raya Serang KM 5");
            EXPECT_EQ(req.at("address_id"), "36.04.05.2001");
            EXPECT_EQ(req.at("media_url"), "https://contoh.test/foto.jpg");
            const std::regex w3c(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)");
            for (const char* f : {"requested_datetime", "updated_datetime", "expected_datetime"})
                EXPECT_TRUE(std::regex_match(std::string(req.at(f).as_string()), w3c)) << f;
            for (const char* f :
                 {"service_request_id", "status_notes", "service_name", "service_notice", "zipcode", "lat", "long"})
                EXPECT_TRUE(req.as_object().contains(f)) << f;
        } else {
            std::string escaped = one.body;
            EXPECT_NE(one.body.find("Jalan rusak — café ☕ &quot;kutip&quot; &lt;b&gt;&amp;&lt;/b&gt; 😀"),
                      std::string::npos)
                << one.body;
        }
        ExpectError(Get(port(), "/open311/v2/requests/ADU-1999-999999." + fmt + "?jurisdiction_id=36.04"), fmt, 404);
    }
}

TEST_F(Open311Test, MultipartPostsCarryAPhoto) {
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("\0\0\0\x0dIHDR", 8) +
                            std::string(13, '\1') + std::string(4, '\0') + std::string("\0\0\0\0IEND", 8) +
                            std::string(4, '\0');
    std::string body;
    auto field = [&](const std::string& name, const std::string& value) {
        body += "--B0undary\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    field("jurisdiction_id", "36.04");
    field("api_key", key_);
    field("service_code", "SAMPAH");
    field("lat", "-6.0401");
    field("long", "106.112759");
    field("description", "Foto terlampir");
    body +=
        "--B0undary\r\nContent-Disposition: form-data; name=\"media\"; filename=\"f.png\"\r\n"
        "Content-Type: image/png\r\n\r\n" +
        png + "\r\n--B0undary--\r\n";
    auto r = Request(port(), "POST", "/open311/v2/requests.json", body,
                     Headers().Add("Content-Type", "multipart/form-data; boundary=B0undary"));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string id(json::parse(r.body).as_array().at(0).at("service_request_id").as_string());
    auto one = Get(port(), "/open311/v2/requests/" + id + ".json?jurisdiction_id=36.04");
    const std::string media(json::parse(one.body).as_array().at(0).at("media_url").as_string());
    ASSERT_NE(media.find("/attachments/"), std::string::npos) << one.body;
    auto photo = Get(port(), media);
    EXPECT_EQ(photo.status, 200);
    EXPECT_EQ(photo.Header("content-type"), "image/png");
}

TEST_F(Open311Test, TokensResolveToRequestIds) {
    const std::string id = FileRequest("json");
    std::string token;
    ASSERT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kId{"SELECT id FROM cases WHERE tenant = $1 AND number = $2"};
        SP_ASSIGN(auto row, tx.QueryOne(kId, store::TenantId("36.04"), id));
        token = row->Text(0);
        return Status::Ok();
    }));
    for (const std::string fmt : kFormats) {
        auto r = Get(port(), "/open311/v2/tokens/" + token + "." + fmt + "?jurisdiction_id=36.04");
        ASSERT_EQ(r.status, 200) << r.body;
        ExpectFormat(r, fmt);
        EXPECT_NE(r.body.find(id), std::string::npos);
        EXPECT_NE(r.body.find(token), std::string::npos);
        ExpectError(Get(port(), "/open311/v2/tokens/nope." + fmt + "?jurisdiction_id=36.04"), fmt, 404);
    }
}

TEST_F(Open311Test, ListingFiltersPagesAndNeverShowsRahasia) {
    const std::string a = FileRequest("json");
    const std::string b = FileRequest("xml", {{"service_code", "DRAINASE"}});
    // A rahasia complaint filed by a citizen through the JSON API.
    Session citizen = As("warga");
    auto secret = PostJson(port(), "/api/v1/complaints",
                           R"({"service_code":"SAMPAH","description":"Laporan rahasia soal pungutan",)"
                           R"("lat":-6.0401,"long":106.112759,"rahasia":true})",
                           citizen.AuthHeaders());
    ASSERT_EQ(secret.status, 201);
    const std::string r(json::parse(secret.body).at("number").as_string());
    for (const std::string fmt : kFormats) {
        const std::string q = "/open311/v2/requests." + fmt + "?jurisdiction_id=36.04";
        auto all = Get(port(), q);
        ASSERT_EQ(all.status, 200) << all.body;
        ExpectFormat(all, fmt);
        EXPECT_NE(all.body.find(a), std::string::npos);
        EXPECT_NE(all.body.find(b), std::string::npos);
        EXPECT_EQ(all.body.find(r), std::string::npos) << "rahasia never appears";
        EXPECT_EQ(all.body.find("pungutan"), std::string::npos);
        ExpectError(Get(port(), "/open311/v2/requests/" + r + "." + fmt + "?jurisdiction_id=36.04"), fmt, 404);
        auto by_id = Get(port(), q + "&service_request_id=" + a + "," + r + "&status=closed");
        EXPECT_NE(by_id.body.find(a), std::string::npos) << "the id list overrides the other filters";
        EXPECT_EQ(by_id.body.find(r), std::string::npos);
        auto by_code = Get(port(), q + "&service_code=DRAINASE");
        EXPECT_NE(by_code.body.find(b), std::string::npos);
        EXPECT_EQ(by_code.body.find(a), std::string::npos);
        auto closed = Get(port(), q + "&status=closed");
        EXPECT_EQ(closed.body.find(a), std::string::npos);
        auto span = Get(port(), q + "&start_date=2026-01-01T00:00:00%2B07:00&end_date=2026-06-01T00:00:00%2B07:00");
        ExpectError(span, fmt, 400);
        ExpectError(Get(port(), q + "&start_date=yesterday"), fmt, 400);
        auto p1 = Get(port(), q + "&page_size=1&page=1");
        auto p2 = Get(port(), q + "&page_size=1&page=2");
        ASSERT_EQ(p1.status, 200);
        ASSERT_EQ(p2.status, 200);
        EXPECT_NE(p1.body, p2.body);
        if (fmt == "json") {
            EXPECT_EQ(json::parse(p1.body).as_array().size(), 1u);
        }
    }
}

// Public answers are kept per region version (api::ServePublic): a repeat is the same answer, a
// client holding it gets 304, and any change in the region (a case acted on, a new complaint)
// gives the new answer at once, never the kept one.
TEST_F(Open311Test, KeptAnswersFollowEveryChangeOfTheRegion) {
    const std::string id = FileRequest("json", {{"service_code", "KETERTIBAN"}});
    const std::string one = "/open311/v2/requests/" + id + ".json?jurisdiction_id=36.04";
    const std::string list = "/open311/v2/requests.json?jurisdiction_id=36.04&page_size=5";
    const std::string track = "/api/v1/regions/36.04/complaints/" + id;
    auto first = Get(port(), one);
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string etag = first.Header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(first.Header("cache-control"), "public, max-age=5");
    auto again = Get(port(), one);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.Header("etag"), etag);
    auto unchanged = Get(port(), one, Headers().Add("If-None-Match", etag));
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_TRUE(unchanged.body.empty());
    auto tracked = Get(port(), track);
    ASSERT_EQ(tracked.status, 200);
    EXPECT_EQ(json::parse(tracked.body).at("status"), "received");

    Session verifier = As("verifikator");
    auto r = PostJson(port(), "/api/v1/cases/" + id + "/actions", R"({"action":"forward"})", verifier.AuthHeaders());
    ASSERT_EQ(r.status, 200) << r.body;
    auto moved = Get(port(), one, Headers().Add("If-None-Match", etag));
    ASSERT_EQ(moved.status, 200) << "the region changed: the kept answer is not current";
    EXPECT_NE(moved.Header("etag"), etag);
    EXPECT_EQ(json::parse(Get(port(), track).body).at("status"), "forwarded");

    auto before = Get(port(), list);
    ASSERT_EQ(before.status, 200);
    const std::string newer = FileRequest("json");
    EXPECT_EQ(before.body.find(newer), std::string::npos);
    EXPECT_NE(Get(port(), list).body.find(newer), std::string::npos);
}

TEST_F(Open311Test, UpdatesFeedAndCitizenUpdates) {
    const std::string id = FileRequest("json");
    Session verifier = As("verifikator");
    ASSERT_EQ(
        PostJson(port(), "/api/v1/cases/" + id + "/actions", R"({"action":"verify"})", verifier.AuthHeaders()).status,
        200);
    for (const std::string fmt : kFormats) {
        const std::string q = "/open311/v2/servicerequestupdates." + fmt + "?jurisdiction_id=36.04";
        ExpectError(Get(port(), q), fmt, 403);
        auto feed = Get(port(), q + "&api_key=" + Enc(key_));
        ASSERT_EQ(feed.status, 200) << feed.body;
        ExpectFormat(feed, fmt);
        EXPECT_NE(feed.body.find(id), std::string::npos);
        EXPECT_NE(feed.body.find("INVESTIGATING"), std::string::npos);
        if (fmt == "json") {
            const auto v = json::parse(feed.body);
            ASSERT_FALSE(v.as_array().empty());
            for (const char* f : {"update_id", "service_request_id", "status", "updated_datetime", "description",
                                  "media_url", "external_status_code"})
                EXPECT_TRUE(v.as_array().at(0).as_object().contains(f)) << f;
        } else {
            EXPECT_NE(feed.body.find("<service_request_updates><request_update><update_id>"), std::string::npos);
        }
    }
    // A citizen's comment through the client, then a duplicate update_id.
    for (const std::string fmt : kFormats) {
        const std::string uid = "fms-" + fmt + "-1";
        std::vector<std::pair<std::string, std::string>> f = {{"jurisdiction_id", "36.04"},
                                                              {"api_key", key_},
                                                              {"service_request_id", id},
                                                              {"update_id", uid},
                                                              {"updated_datetime", "2026-11-25T10:00:00+07:00"},
                                                              {"status", "OPEN"},
                                                              {"description", "Masih menumpuk"},
                                                              {"email", "x@contoh.test"}};
        auto r = Post("servicerequestupdates." + fmt, f);
        ASSERT_EQ(r.status, 200) << r.body;
        ExpectFormat(r, fmt);
        EXPECT_NE(r.body.find(uid), std::string::npos);
        ExpectError(Post("servicerequestupdates." + fmt, f), fmt, 400);
        auto missing = f;
        missing.erase(missing.begin() + 3);
        ExpectError(Post("servicerequestupdates." + fmt, missing), fmt, 400);
        auto unknown = f;
        unknown[2].second = "ADU-1999-000001";
        unknown[3].second = uid + "-x";
        ExpectError(Post("servicerequestupdates." + fmt, unknown), fmt, 404);
    }
}

TEST_F(Open311Test, AClientReopensAResolvedRequest) {
    const std::string id = FileRequest("json", {{"service_code", "KETERTIBAN"}});
    Session verifier = As("verifikator");
    for (const char* step : {R"({"action":"forward"})", R"({"action":"follow_up","note":"Sudah ditertibkan"})",
                             R"({"action":"resolve","note":"Selesai"})"}) {
        auto r = PostJson(port(), "/api/v1/cases/" + id + "/actions", step, verifier.AuthHeaders());
        ASSERT_EQ(r.status, 200) << step << r.body;
    }
    auto closed = Get(port(), "/open311/v2/requests/" + id + ".json?jurisdiction_id=36.04");
    EXPECT_EQ(json::parse(closed.body).as_array().at(0).at("status"), "closed");
    EXPECT_EQ(json::parse(closed.body).as_array().at(0).at("status_notes"), "Selesai");
    auto r = Post("servicerequestupdates.xml", {{"jurisdiction_id", "36.04"},
                                                {"api_key", key_},
                                                {"service_request_id", id},
                                                {"update_id", "fms-reopen-1"},
                                                {"updated_datetime", "2026-11-25T11:00:00+07:00"},
                                                {"status", "REOPEN"},
                                                {"description", "Belum beres"}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto open = Get(port(), "/open311/v2/requests/" + id + ".json?jurisdiction_id=36.04");
    EXPECT_EQ(json::parse(open.body).as_array().at(0).at("status"), "open");
    auto feed = Get(port(), "/open311/v2/servicerequestupdates.json?jurisdiction_id=36.04&api_key=" + Enc(key_));
    EXPECT_NE(feed.body.find("REOPEN"), std::string::npos);
    EXPECT_NE(feed.body.find("FIXED"), std::string::npos);
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

// Regression: the notice said "(3 hari kerja)" whatever the category's verification clock, and
// its link went nowhere without the region.
TEST_F(Open311Test, TheNoticeGivesTheCategorysOwnVerificationClock) {
    auto r = Post("requests.json", {{"jurisdiction_id", "36.04"},
                                    {"api_key", key_},
                                    {"service_code", "BENCANA"},
                                    {"address_string", "Jl. Raya Anyer KM 3"},
                                    {"description", "Pohon tumbang menutup jalan"}});
    ASSERT_EQ(r.status, 201) << r.body;
    const auto v = json::parse(r.body);
    const auto& first = v.as_array().at(0).as_object();
    const std::string notice(first.at("service_notice").as_string());
    const std::string number(first.at("service_request_id").as_string());
    EXPECT_NE(notice.find("(1 hari kerja)"), std::string::npos) << notice;
    EXPECT_NE(notice.find("/lacak/36.04/" + number), std::string::npos) << notice;
}

}  // namespace
}  // namespace satupintu::testing
