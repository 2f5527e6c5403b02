#include "core/json.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "events/canonical.hpp"

namespace satupintu {
namespace {

TEST(Utf8, AcceptsUtf8AndRefusesEverythingElse) {
    EXPECT_TRUE(IsValidUtf8("Kecamatan Cikande, Desa Jayanti — ✓ 𝄞"));
    EXPECT_FALSE(IsValidUtf8("\xff"));
    EXPECT_FALSE(IsValidUtf8("\xc0\xaf")) << "overlong";
    EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80")) << "surrogate";
    EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80")) << "past U+10FFFF";
    EXPECT_FALSE(IsValidUtf8("abc\xe2\x82")) << "truncated";
}

TEST(JsonBody, ReportsWhatIsWrong) {
    EXPECT_EQ(ParseJsonObject("{").error().code, Errc::kMalformedJson);
    EXPECT_EQ(ParseJsonObject("[]").error().code, Errc::kMalformedJson);
    EXPECT_EQ(ParseJsonObject("{\"a\":\"\xff\"}").error().code, Errc::kInvalidUtf8);
    std::string deep = "{\"a\":" + std::string(10000, '[') + std::string(10000, ']') + "}";
    EXPECT_EQ(ParseJsonObject(deep).error().code, Errc::kTooDeep);
    EXPECT_TRUE(ParseJsonObject("{\"a\":[[1]]}"));
    EXPECT_EQ(ParseJsonObject("{} {}").error().code, Errc::kMalformedJson);
    EXPECT_EQ(ParseJsonObject("{\"a\":1,}").error().code, Errc::kMalformedJson);
}

// Boost.JSON 1.81 reads some decimals one unit in the last place off; the body parser reads them
// exactly, so a number written back reads as the same number (libFuzzer's json_body finding).
TEST(JsonBody, DecimalsAreReadExactly) {
    for (const char* text : {"0.11234567898901234556789090", "0.1", "-106.1234567", "1e-300", "12345678989012345"}) {
        auto once = ParseJsonObject(std::string("{\"n\":") + text + "}");
        ASSERT_TRUE(once) << text;
        const double expected = std::strtod(text, nullptr);
        EXPECT_EQ(once->at("n").to_number<double>(), expected) << text;
        auto again = ParseJsonObject(ToJson(*once));
        ASSERT_TRUE(again);
        EXPECT_EQ(ToJson(*again), ToJson(*once)) << text;
    }
    auto nested = ParseJsonObject(R"({"a":{"b":[0.11234567898901234556789090,"x",true,null,-3]}})");
    ASSERT_TRUE(nested);
    EXPECT_EQ(nested->at("a").at("b").as_array()[0].as_double(), std::strtod("0.11234567898901234556789090", nullptr));
    EXPECT_EQ(nested->at("a").at("b").as_array()[4].as_int64(), -3);
}

TEST(JsonBody, RequiredStringNamesTheField) {
    auto o = ParseJsonObject(R"({"a":"x","n":1})").value();
    EXPECT_EQ(RequiredString(o, "a").value(), "x");
    EXPECT_EQ(RequiredString(o, "n").error().field, "n");
    EXPECT_EQ(RequiredString(o, "missing").error().field, "missing");
    EXPECT_EQ(RequiredString(o, "a", 0).error().code, Errc::kInvalidInput);
}

TEST(Canonical, SortsKeysRecursivelyWithoutWhitespace) {
    json::value v = json::parse(R"({"b": 1, "a": {"z": [3, {"y": 1, "x": 2}], "c": "é\n"}})");
    EXPECT_EQ(events::Canonical(v), R"({"a":{"c":"é\n","z":[3,{"x":2,"y":1}]},"b":1})");
    // Same content, other order: same bytes.
    EXPECT_EQ(events::Canonical(json::parse(R"({"a":{"z":[3,{"x":2,"y":1}],"c":"é\n"},"b":1})")), events::Canonical(v));
}

}  // namespace
}  // namespace satupintu

namespace satupintu {
namespace {

// Regression: API numbers came out as 5E-1 and 1E0 (Boost.JSON's double form).
// Found by tests/fuzz/json_body.cpp: -0.0 was written "-0", which reads back as the integer 0.
TEST(JsonText, NegativeZeroIsWrittenAsZeroAndInfinityAsNull) {
    EXPECT_EQ(ToJson(json::value(-0.0)), "0");
    EXPECT_EQ(ToJson(json::value(0.0)), "0");
    EXPECT_EQ(ToJson(*ParseJsonObject(R"({"a":1e400,"b":-0.0})")), R"({"a":null,"b":0})");
}

TEST(JsonText, NumbersArePlainDecimalsAndStringsAreEscaped) {
    const json::value v = {{"half", 0.5},
                           {"one", 1.0},
                           {"ikm", 83.33},
                           {"rate", 0.8333333333333334},
                           {"big", 1.5e16},
                           {"neg", -0.001},
                           {"n", int64_t{-7}},
                           {"u", uint64_t{18446744073709551615u}},
                           {"nan", NAN},
                           {"t", "a\"b\\c\n\x01/é"},
                           {"list", {1, 2.5, nullptr, true}}};
    const std::string text = ToJson(v);
    EXPECT_EQ(text, R"({"half":0.5,"one":1,"ikm":83.33,"rate":0.8333333333333334,"big":15000000000000000,"neg":-0.001,)"
                    R"("n":-7,"u":18446744073709551615,"nan":null,"t":"a\"b\\c\n\u0001/é","list":[1,2.5,null,true]})");
    // What it writes reads back as the same values.
    const auto back = json::parse(text);
    EXPECT_EQ(back.at("rate").as_double(), 0.8333333333333334);
    EXPECT_EQ(back.at("t").as_string(), "a\"b\\c\n\x01/é");
}

}  // namespace
}  // namespace satupintu
