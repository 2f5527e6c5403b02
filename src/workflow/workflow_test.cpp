#include "workflow/workflow.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace satupintu::workflow {
namespace {

constexpr std::string_view kCaseOpd = "opd-pupr";
constexpr std::string_view kOtherOpd = "opd-dlh";
constexpr std::string_view kReporter = "user-warga";

// Who asks, in the golden tables.
ActorFacts Who(std::string_view who) {
    if (who == "admin" || who == "verifier" || who == "auditor" || who == "executive") return {who, "u1", {}, false};
    if (who == "officer") return {"officer", "u2", kCaseOpd, false};
    if (who == "opd_head") return {"opd_head", "u3", kCaseOpd, false};
    if (who == "officer_other_opd") return {"officer", "u4", kOtherOpd, false};
    if (who == "reporter") return {"citizen", kReporter, {}, false};
    if (who == "other_citizen") return {"citizen", "user-lain", {}, false};
    if (who == "system") return {"system", "", {}, false};
    ADD_FAILURE() << "unknown actor " << who;
    return {};
}

char Code(Verdict v) {
    switch (v) {
        case Verdict::kAllowed:
            return 'A';
        case Verdict::kForbidden:
            return 'F';
        case Verdict::kWrongState:
            return 'S';
        case Verdict::kUnknownAction:
            return 'U';
    }
    return '?';
}

struct Row {
    std::string_view status, stage, action, who;
    char expected;  // A allowed, F forbidden, S wrong state, U unknown action
    std::string_view to = "";
};

void Check(const Workflow& w, const std::vector<Row>& rows) {
    for (const auto& r : rows) {
        const CaseFacts c{r.status, r.stage, kCaseOpd, kReporter};
        const auto d = Transition(w, c, r.action, Who(r.who));
        EXPECT_EQ(Code(d.verdict), r.expected)
            << w.code << ": " << r.who << " " << r.action << " from " << r.status << "/" << r.stage;
        if (r.expected == 'A' && !r.to.empty()) {
            EXPECT_EQ(d.to, r.to) << r.action << " from " << r.status;
        }
    }
}

TEST(Workflow, EveryShippedDefinitionParses) {
    ASSERT_FALSE(EmbeddedDefinitions().empty());
    for (const auto& [name, text] : EmbeddedDefinitions()) {
        auto doc = ParseJsonObject(text);
        ASSERT_TRUE(doc) << name;
        auto w = Parse(*doc);
        ASSERT_TRUE(w) << name << ": " << w.error().detail;
        EXPECT_EQ(w->code, name);
        EXPECT_NE(Shipped(name), nullptr);
        // The parsed form reads back as the same workflow.
        auto again = Parse(ToJson(*w));
        ASSERT_TRUE(again) << again.error().detail;
        EXPECT_EQ(json::serialize(ToJson(*again)), json::serialize(ToJson(*w)));
    }
}

// The complaint workflow (SP4N-LAPOR!), step by step, by role: what the old hand-written engine
// allowed, and nothing more.
TEST(Workflow, ComplaintGoldenTable) {
    const Workflow& w = *Shipped("pengaduan");
    Check(w, {
                 // The front office verifies, rejects and forwards; nobody else does.
                 {"received", "verification", "verify", "verifier", 'A', "verified"},
                 {"received", "verification", "verify", "admin", 'A'},
                 {"received", "verification", "verify", "officer", 'F'},
                 {"received", "verification", "verify", "reporter", 'F'},
                 {"received", "verification", "verify", "auditor", 'F'},
                 {"verified", "verification", "verify", "verifier", 'S'},
                 {"received", "verification", "reject", "verifier", 'A', "rejected"},
                 {"verified", "verification", "reject", "verifier", 'A'},
                 {"forwarded", "follow_up", "reject", "verifier", 'S'},
                 {"received", "verification", "forward", "verifier", 'A', "forwarded"},
                 {"received", "verification", "forward", "opd_head", 'F'},
                 {"in_progress", "follow_up", "forward", "admin", 'S'},
                 // An OPD works a case once it reached it, and only its own.
                 {"forwarded", "follow_up", "start", "officer", 'A', "in_progress"},
                 {"forwarded", "follow_up", "start", "officer_other_opd", 'F'},
                 {"received", "verification", "start", "officer", 'F'},
                 {"in_progress", "follow_up", "start", "officer", 'S'},
                 {"forwarded", "follow_up", "pass_on", "officer", 'A', "forwarded"},
                 {"in_progress", "follow_up", "pass_on", "verifier", 'A'},
                 {"followed_up", "done", "pass_on", "officer", 'S'},
                 {"forwarded", "follow_up", "assign", "opd_head", 'A', "forwarded"},
                 {"forwarded", "follow_up", "assign", "officer", 'F'},
                 {"received", "verification", "assign", "verifier", 'S'},
                 {"in_progress", "follow_up", "request_info", "officer", 'A', "awaiting_reporter"},
                 {"received", "verification", "request_info", "verifier", 'A'},
                 {"received", "verification", "request_info", "officer", 'F'},
                 {"awaiting_reporter", "follow_up", "reply", "reporter", 'A', "$resume"},
                 {"awaiting_reporter", "follow_up", "reply", "other_citizen", 'F'},
                 {"awaiting_reporter", "follow_up", "reply", "officer", 'F'},
                 {"in_progress", "follow_up", "reply", "reporter", 'S'},
                 {"in_progress", "follow_up", "follow_up", "officer", 'A', "followed_up"},
                 {"followed_up", "done", "follow_up", "officer", 'A'},
                 {"resolved", "auto_close", "follow_up", "officer", 'S'},
                 {"followed_up", "done", "resolve", "opd_head", 'A', "resolved"},
                 {"in_progress", "follow_up", "resolve", "officer", 'S'},
                 // The reporter closes, reopens and rates; the admin may close too.
                 {"resolved", "auto_close", "close", "reporter", 'A', "closed"},
                 {"resolved", "auto_close", "close", "admin", 'A'},
                 {"resolved", "auto_close", "close", "officer", 'F'},
                 {"resolved", "auto_close", "reopen", "reporter", 'A', "in_progress"},
                 {"closed", "done", "reopen", "reporter", 'A'},
                 {"rejected", "done", "reopen", "reporter", 'S'},
                 {"closed", "done", "rate", "reporter", 'A', "closed"},
                 {"in_progress", "follow_up", "rate", "reporter", 'S'},
                 {"closed", "done", "rate", "other_citizen", 'F'},
                 {"in_progress", "follow_up", "merge", "verifier", 'A', "merged"},
                 {"resolved", "auto_close", "merge", "verifier", 'S'},
                 {"closed", "done", "merge", "verifier", 'S'},
                 {"in_progress", "follow_up", "merge", "officer", 'F'},
                 // Comments: the case's people and the auditor; the executive only watches.
                 {"rejected", "done", "comment", "auditor", 'A', "rejected"},
                 {"in_progress", "follow_up", "comment", "reporter", 'A'},
                 {"in_progress", "follow_up", "comment", "executive", 'F'},
                 {"rejected", "done", "comment", "officer", 'F'},
                 // Timers are the system's alone.
                 {"resolved", "auto_close", "auto_close", "system", 'A', "closed"},
                 {"resolved", "auto_close", "auto_close", "admin", 'F'},
                 {"resolved", "done", "auto_close", "system", 'S'},
                 {"received", "verification", "fly", "admin", 'U'},
             });
}

// A personal-data request (UU 27/2022): the requester files and answers; the region's
// personal-data officer (an officer of the case's OPD) decides; oversight only watches.
TEST(Workflow, DataRequestGoldenTable) {
    const Workflow& w = *Shipped("hak_data");
    EXPECT_TRUE(w.calendar_clocks) << "3 x 24 hours do not stop at weekends";
    EXPECT_EQ(w.clocks.at("telaah"), 3);
    Check(w, {
                 {"diajukan", "telaah", "telaah", "officer", 'A', "ditelaah"},
                 {"diajukan", "telaah", "telaah", "opd_head", 'A'},
                 {"diajukan", "telaah", "telaah", "officer_other_opd", 'F'},
                 {"diajukan", "telaah", "telaah", "admin", 'F'},
                 {"diajukan", "telaah", "telaah", "reporter", 'F'},
                 {"ditelaah", "telaah", "telaah", "officer", 'S'},
                 {"ditelaah", "telaah", "minta_info", "officer", 'A', "menunggu_pemohon"},
                 {"menunggu_pemohon", "telaah", "jawab", "reporter", 'A', "$resume"},
                 {"menunggu_pemohon", "telaah", "jawab", "other_citizen", 'F'},
                 {"menunggu_pemohon", "telaah", "jawab", "officer", 'F'},
                 {"ditelaah", "telaah", "jawab", "reporter", 'S'},
                 {"ditelaah", "telaah", "penuhi", "officer", 'A', "dipenuhi"},
                 {"diajukan", "telaah", "penuhi", "officer", 'S'},
                 {"ditelaah", "telaah", "penuhi", "auditor", 'F'},
                 {"ditelaah", "telaah", "hapus", "officer", 'A', "dihapus"},
                 {"diajukan", "telaah", "hapus", "officer", 'S'},
                 {"ditelaah", "telaah", "hapus", "reporter", 'F'},
                 {"diajukan", "telaah", "tolak", "officer", 'A', "ditolak"},
                 {"ditelaah", "telaah", "tolak", "opd_head", 'A'},
                 {"dipenuhi", "done", "tolak", "officer", 'S'},
                 {"ditolak", "done", "penuhi", "officer", 'S'},
                 {"diajukan", "telaah", "verify", "officer", 'U'},
             });
}

TEST(Workflow, VisibilityAndOfferedActionsFollowTheDefinition) {
    const Workflow& w = *Shipped("pengaduan");
    const CaseFacts received{"received", "verification", kCaseOpd, kReporter};
    const CaseFacts at_opd{"in_progress", "follow_up", kCaseOpd, kReporter};
    EXPECT_TRUE(CanSee(w, received, Who("verifier")));
    EXPECT_TRUE(CanSee(w, received, Who("reporter")));
    EXPECT_TRUE(CanSee(w, received, Who("executive")));
    EXPECT_FALSE(CanSee(w, received, Who("officer"))) << "not before it is forwarded";
    EXPECT_TRUE(CanSee(w, at_opd, Who("officer")));
    EXPECT_FALSE(CanSee(w, at_opd, Who("officer_other_opd")));
    EXPECT_FALSE(CanSee(w, at_opd, Who("other_citizen")));

    using V = std::vector<std::string>;
    EXPECT_EQ(AllowedActions(w, received, Who("verifier")),
              (V{"verify", "reject", "forward", "request_info", "merge", "comment"}));
    EXPECT_EQ(AllowedActions(w, at_opd, Who("officer")), (V{"pass_on", "request_info", "follow_up", "comment"}));
    EXPECT_EQ(AllowedActions(w, at_opd, Who("opd_head")),
              (V{"pass_on", "assign", "request_info", "follow_up", "comment"}));
    EXPECT_EQ(AllowedActions(w, at_opd, Who("reporter")), (V{"comment"}));
    EXPECT_EQ(AllowedActions(w, at_opd, Who("executive")), (V{}));
    // An API client files for reporters without accounts and acts as their reporter.
    const CaseFacts open311{"awaiting_reporter", "follow_up", kCaseOpd, std::nullopt};
    EXPECT_EQ(AllowedActions(w, open311, {"integration", "", {}, true}), (V{"reply", "comment"}));
}

TEST(Workflow, DefinitionsAreCheckedWhenParsed) {
    const auto parse = [](std::string_view text) {
        auto doc = ParseJsonObject(text);
        EXPECT_TRUE(doc) << text;
        auto w = Parse(*doc);
        return w ? std::string("ok") : w.error().detail;
    };
    const std::string base = R"({"code":"x","initial":"a","states":[{"name":"a"},{"name":"b","open":false}],)"
                             R"("parties":{"staff":{"roles":["admin"]}},"actions":[)";
    EXPECT_EQ(parse(base + R"({"name":"go","by":["staff"],"from":["a"],"to":"b"}]})"), "ok");
    EXPECT_NE(parse(base + R"({"name":"go","by":["staff"],"from":["a"],"to":"c"}]})").find("no state c"),
              std::string::npos);
    EXPECT_NE(parse(base + R"({"name":"go","by":["nobody"],"from":["a"]}]})").find("no party nobody"),
              std::string::npos);
    EXPECT_NE(parse(base + R"({"name":"go","by":["staff"],"from":["a"],"effects":["explode"]}]})")
                  .find("unknown effect explode"),
              std::string::npos);
    EXPECT_NE(parse(base + R"({"name":"go","by":["staff"],"from":[]}]})").find("from"), std::string::npos);
    EXPECT_NE(parse(R"({"code":"x","initial":"z","states":[{"name":"a"}],"parties":{},"actions":[]})").find("initial"),
              std::string::npos);
    EXPECT_NE(parse(R"({"code":"x","initial":"a","states":[{"name":"a"}],)"
                    R"("parties":{"p":{"roles":["admin"],"reporter":true}},"actions":[]})")
                  .find("either"),
              std::string::npos);
    EXPECT_NE(parse(R"({"code":"x","initial":"a","clock_days":"hours","states":[{"name":"a"}],)"
                    R"("parties":{},"actions":[]})")
                  .find("clock_days"),
              std::string::npos);
}

}  // namespace
}  // namespace satupintu::workflow
