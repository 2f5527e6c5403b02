#include "http/router.hpp"

#include <gtest/gtest.h>

namespace satupintu::http {
namespace {

Response Named(std::string n) {
    return Response::Text(200, std::move(n));
}

TEST(Router, MatchesLiteralsParamsAndTails) {
    Router r;
    r.Add("GET", "/api/v1/opds", [](Request&) { return Named("list"); });
    r.Add("GET", "/api/v1/opds/{id}", [](Request&) { return Named("one"); });
    r.Add("POST", "/api/v1/opds/{id}/units", [](Request&) { return Named("unit"); });
    r.Add("GET", "/static/{*path}", [](Request&) { return Named("static"); });

    auto m = r.Find("GET", "/api/v1/opds/abc");
    ASSERT_TRUE(m.handler);
    EXPECT_EQ(m.pattern, "/api/v1/opds/{id}");
    ASSERT_EQ(m.params.size(), 1u);
    EXPECT_EQ(m.params[0].second, "abc");

    auto t = r.Find("GET", "/static/js/app.js");
    ASSERT_TRUE(t.handler);
    EXPECT_EQ(t.params[0].second, "js/app.js");

    EXPECT_TRUE(r.Find("GET", "/api/v1/opds/").handler) << "a trailing slash is the same path";
    EXPECT_FALSE(r.Find("GET", "/api/v1/opds/abc/extra").handler);
    EXPECT_TRUE(r.Find("GET", "/api/v1/opds/abc/extra").allowed.empty()) << "404, not 405";
}

TEST(Router, ReportsAllowedMethodsFor405) {
    Router r;
    r.Add("GET", "/x", [](Request&) { return Named("get"); });
    r.Add("POST", "/x", [](Request&) { return Named("post"); });
    auto m = r.Find("DELETE", "/x");
    EXPECT_FALSE(m.handler);
    EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "HEAD", "POST"})) << "HEAD with GET";
    EXPECT_TRUE(r.Find("HEAD", "/x").handler) << "HEAD is served by GET";
}

TEST(Request, QueryCookieAndPercentDecoding) {
    Request q;
    q.query = "a=1&name=Desa+Jaya%20Makmur&empty&bad=%zz";
    q.headers = {{"cookie", "x=1; __Host-sp_session=tok; y=2"}};
    EXPECT_EQ(q.Query("name").value(), "Desa Jaya Makmur");
    EXPECT_EQ(q.Query("empty").value(), "");
    EXPECT_FALSE(q.Query("bad").has_value());
    EXPECT_FALSE(q.Query("missing").has_value());
    EXPECT_EQ(q.Cookie("__Host-sp_session").value(), "tok");
    EXPECT_FALSE(PercentDecode("%ff", false).has_value()) << "not UTF-8";
    EXPECT_FALSE(PercentDecode("%4", false).has_value());
}

}  // namespace
}  // namespace satupintu::http
