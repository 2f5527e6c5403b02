// Every problem of a form at once, one per field, each in the catalog's words.
#include "core/problems.hpp"

#include <gtest/gtest.h>

#include "core/messages.hpp"
#include "core/nik.hpp"

namespace satupintu {
namespace {

std::vector<std::string> Said(const Status& st, Lang lang) {
    std::vector<std::string> out;
    for (const auto& p : st.error().problems) out.push_back(p.field + ": " + Format(p.key, lang, p.params));
    return out;
}

TEST(Problems, AFormGetsEveryProblemAtOnceAndOnePerField) {
    Problems problems;
    EXPECT_TRUE(problems.empty());
    problems.Add("name", "input.required");
    problems.Add("name", "input.too_long", {{"max", "200"}});  // the first one stands
    EXPECT_FALSE(problems.Check(ParseNik("3604", "2026-12-07").status()));
    problems.Add("description", "input.too_long", {{"max", "4000"}});
    const Status st = problems.status();
    ASSERT_FALSE(st);
    EXPECT_EQ(st.code(), Errc::kInvalidInput);
    EXPECT_EQ(st.error().field, "name");
    EXPECT_EQ(Said(st, Lang::kId), (std::vector<std::string>{"name: Wajib diisi.",
                                                             "nik: NIK terdiri dari 16 angka, seperti tertulis di KTP.",
                                                             "description: Paling banyak 4000 karakter."}));
    EXPECT_EQ(Said(st, Lang::kEn)[2], "description: At most 4000 characters.");
    // The developer's detail names each field, in English.
    EXPECT_EQ(st.error().detail,
              "name: Required.; nik: A NIK has 16 digits, as printed on the identity card.; description: At most 4000 "
              "characters.");
}

TEST(Problems, AFailureThatIsNotAboutTheInputWins) {
    Problems problems;
    problems.Add("name", "input.required");
    EXPECT_FALSE(problems.Check(Err(Errc::kConflict, "already there")));
    EXPECT_EQ(problems.status().code(), Errc::kConflict);
}

TEST(Problems, ACheckNotYetWordedKeepsItsFieldAndItsDetail) {
    Problems problems;
    EXPECT_TRUE(problems.Check(Status::Ok()));
    EXPECT_FALSE(problems.Check(Err(Errc::kInvalidInput, "q: 200 characters", "q")));
    const Status st = problems.status();
    EXPECT_EQ(Said(st, Lang::kId), std::vector<std::string>{"q: Isian ini tidak valid."});
    EXPECT_EQ(st.error().detail, "q: q: 200 characters");
}

}  // namespace
}  // namespace satupintu
