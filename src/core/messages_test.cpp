#include "core/messages.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/errc.hpp"

namespace satupintu {
namespace {

TEST(Messages, EveryErrorHasATitleInBothLanguages) {
    for (int i = 0; i <= static_cast<int>(Errc::kInternal); ++i) {
        const std::string key = "error." + std::string(CodeName(static_cast<Errc>(i)));
        EXPECT_NE(Message(key, Lang::kId), key) << key;
        EXPECT_NE(Message(key, Lang::kEn), key) << key;
        EXPECT_NE(Message(key, Lang::kId), Message(key, Lang::kEn)) << key;
    }
}

TEST(Messages, IndonesianFirstEnglishWhenPreferred) {
    EXPECT_EQ(LangFromAcceptLanguage(""), Lang::kId);
    EXPECT_EQ(LangFromAcceptLanguage("id-ID,id;q=0.9,en;q=0.8"), Lang::kId);
    EXPECT_EQ(LangFromAcceptLanguage("en-US,en;q=0.9"), Lang::kEn);
    EXPECT_EQ(LangFromAcceptLanguage("fr"), Lang::kId);
}

TEST(Errc, StatusMapping) {
    EXPECT_EQ(HttpStatus(Errc::kNotFound), 404);
    EXPECT_EQ(HttpStatus(Errc::kCsrf), 403);
    EXPECT_EQ(HttpStatus(Errc::kPayloadTooLarge), 413);
    EXPECT_EQ(HttpStatus(Errc::kRateLimited), 429);
    EXPECT_EQ(CodeName(Errc::kTooDeep), "too_deep");
}

}  // namespace
}  // namespace satupintu

namespace satupintu {
namespace {

TEST(Messages, SortedAndCompleteInBothLanguages) {
    const auto keys = MessageKeys();
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
    for (const auto key : keys) {
        EXPECT_FALSE(Message(key, Lang::kId).empty()) << key;
        EXPECT_FALSE(Message(key, Lang::kEn).empty()) << key;
        // The same named parameters in both languages.
        const auto names = [](std::string_view text) {
            std::vector<std::string_view> out;
            for (size_t i = text.find('{'); i != std::string_view::npos; i = text.find('{', i + 1))
                out.push_back(text.substr(i, text.find('}', i) - i));
            std::sort(out.begin(), out.end());
            return out;
        };
        EXPECT_EQ(names(Message(key, Lang::kId)), names(Message(key, Lang::kEn))) << key;
    }
}

TEST(Messages, NamedParametersAreFilledIn) {
    EXPECT_EQ(Format("mail.case_status.subject", Lang::kId,
                     {{"noun", "Pengaduan"}, {"number", "ADU-2026-000001"}, {"status", "selesai"}}),
              "Pengaduan ADU-2026-000001: selesai");
    EXPECT_EQ(Format("mail.escalation.subject", Lang::kEn, {{"number", "ADU-1"}, {"unused", "x"}}),
              "SLA escalation ADU-1");
    // A parameter without a value stays visible.
    EXPECT_EQ(Format("mail.escalation.subject", Lang::kId, {}), "Eskalasi SLA {number}");
}

}  // namespace
}  // namespace satupintu
