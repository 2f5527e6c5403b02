#include "core/messages.hpp"

#include <gtest/gtest.h>

#include <string>

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
