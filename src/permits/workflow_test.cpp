// Golden tables of the workflow every shipped permit service compiles to (data/catalog/permits.json):
// who may take which step from where, allowed and refused by role.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "app/source_dir.hpp"
#include "permits/permits.hpp"

namespace satupintu::permits {
namespace {

std::map<std::string, PermitService> Shipped() {
    std::ifstream in(std::string(app::kSourceDir) + "/data/catalog/permits.json");
    std::stringstream text;
    text << in.rdbuf();
    auto services = ParseServiceFile(text.str());
    EXPECT_TRUE(services) << services.error().detail;
    std::map<std::string, PermitService> out;
    for (auto& s : *services) {
        s.opd_id = "id-" + s.opd_id;  // the file names OPDs by code; ids as a region would have them
        auto spec = ParseSpec(s.spec);
        EXPECT_TRUE(spec) << s.code;
        out.emplace(s.code, PermitService{s, *spec});
    }
    return out;
}

workflow::Workflow Compiled(const PermitService& ps) {
    auto w = CompileWorkflow(ps, [](const std::string& code) -> Result<std::optional<std::string>> {
        return std::optional<std::string>("id-" + code);
    });
    EXPECT_TRUE(w) << w.error().detail;
    return *w;
}

workflow::ActorFacts Who(std::string_view who) {
    if (who == "applicant") return {"citizen", "u-pemohon", {}, false};
    if (who == "other_citizen") return {"citizen", "u-lain", {}, false};
    if (who == "verifier") return {"verifier", "u1", {}, false};
    if (who == "admin") return {"admin", "u2", {}, false};
    if (who == "system") return {"system", "", {}, false};
    // "<role>@<OPD code>"; the facts are views, so the OPD id lives as long as the test binary.
    static std::set<std::string, std::less<>> ids;
    const auto at = who.find('@');
    const std::string& opd = *ids.insert("id-" + std::string(who.substr(at + 1))).first;
    return {who.substr(0, at), "u3", std::string_view(opd), false};
}

struct Row {
    std::string_view status, stage, action, who;
    char expected;  // A allowed, F forbidden, S wrong state
};

void Check(const PermitService& ps, const std::vector<Row>& rows) {
    const auto w = Compiled(ps);
    for (const auto& r : rows) {
        const workflow::CaseFacts c{r.status, r.stage, ps.service.opd_id, std::string_view("u-pemohon")};
        const auto d = workflow::Transition(w, c, r.action, Who(r.who));
        const char got = d.verdict == workflow::Verdict::kAllowed      ? 'A'
                         : d.verdict == workflow::Verdict::kForbidden  ? 'F'
                         : d.verdict == workflow::Verdict::kWrongState ? 'S'
                                                                       : 'U';
        EXPECT_EQ(got, r.expected) << ps.service.code << ": " << r.who << " " << r.action << " at " << r.status << "/"
                                   << r.stage;
    }
}

TEST(PermitWorkflow, EveryShippedServiceCompiles) {
    const auto all = Shipped();
    EXPECT_EQ(all.size(), 5u);
    for (const auto& [code, ps] : all) {
        const auto w = Compiled(ps);
        EXPECT_EQ(w.initial, "draft") << code;
        // Every decision step has its party, and only the listed decisions exist.
        for (const auto& s : ps.spec.steps) {
            if (s.bill) continue;
            EXPECT_TRUE(w.parties.contains("step:" + s.code)) << code << " " << s.code;
        }
    }
}

TEST(PermitWorkflow, ResearchLetterGoldenTable) {
    Check(Shipped().at("REKOM-PENELITIAN"),
          {
              {"draft", "draft", "submit", "applicant", 'A'},
              {"draft", "draft", "submit", "other_citizen", 'F'},
              {"draft", "draft", "save_draft", "applicant", 'A'},
              {"in_review", "verifikasi", "submit", "applicant", 'S'},
              {"in_review", "verifikasi", "approve", "verifier", 'A'},
              {"in_review", "verifikasi", "approve", "admin", 'A'},
              {"in_review", "verifikasi", "return", "verifier", 'A'},
              // The head decides a later step, not this one (the decision API answers 403 for it).
              {"in_review", "verifikasi", "approve", "opd_head@KESBANGPOL", 'S'},
              {"in_review", "verifikasi", "approve", "applicant", 'F'},
              {"in_review", "persetujuan", "approve", "opd_head@KESBANGPOL", 'A'},
              {"in_review", "persetujuan", "approve", "officer@KESBANGPOL", 'F'},
              {"in_review", "persetujuan", "approve", "opd_head@DPMPTSP", 'F'},
              {"in_review", "persetujuan", "approve", "verifier", 'S'},
              // Not listed at this step: only the verification step returns, and not to the head.
              {"in_review", "persetujuan", "return", "opd_head@KESBANGPOL", 'F'},
              {"in_review", "persetujuan", "reject", "opd_head@KESBANGPOL", 'A'},
              {"returned", "verifikasi", "resubmit", "applicant", 'A'},
              {"returned", "verifikasi", "approve", "verifier", 'S'},
              {"approved", "done", "approve", "opd_head@KESBANGPOL", 'S'},
          });
}

TEST(PermitWorkflow, HealthWorkerLicenceGoldenTable) {
    Check(Shipped().at("SIP-NAKES"),
          {
              {"in_review", "kajian_teknis", "approve", "officer@DINKES", 'A'},
              {"in_review", "kajian_teknis", "approve", "opd_head@DINKES", 'A'},
              {"in_review", "kajian_teknis", "approve", "officer@DPMPTSP", 'F'},
              {"in_review", "persetujuan", "approve", "opd_head@DPMPTSP", 'A'},
              {"in_review", "persetujuan", "approve", "officer@DPMPTSP", 'F'},
              // Fiktif positif: the last step approves itself on its deadline, by the system only.
              {"in_review", "persetujuan", "approve_on_timeout", "system", 'A'},
              {"in_review", "kajian_teknis", "approve_on_timeout", "system", 'S'},
              {"in_review", "persetujuan", "approve_on_timeout", "opd_head@DPMPTSP", 'F'},
          });
}

TEST(PermitWorkflow, BillboardPaymentGoldenTable) {
    Check(Shipped().at("IZIN-REKLAME"), {
                                            {"awaiting_payment", "pembayaran", "pay", "system", 'A'},
                                            {"awaiting_payment", "pembayaran", "pay", "applicant", 'F'},
                                            {"awaiting_payment", "pembayaran", "approve", "opd_head@DPMPTSP", 'S'},
                                            {"in_review", "tinjau_lokasi", "approve", "officer@DPMPTSP", 'A'},
                                            {"in_review", "tinjau_lokasi", "pay", "system", 'S'},
                                        });
}

TEST(PermitWorkflow, ApplicationsAreSeenByTheirPeopleOnly) {
    const auto ps = Shipped().at("PBG");
    const auto w = Compiled(ps);
    const workflow::CaseFacts c{"in_review", "penilaian_teknis", ps.service.opd_id, std::string_view("u-pemohon")};
    for (const char* who : {"applicant", "verifier", "admin", "officer@DPMPTSP", "officer@PUPR", "opd_head@PUPR"})
        EXPECT_TRUE(workflow::CanSee(w, c, Who(who))) << who;
    for (const char* who : {"other_citizen", "officer@DLH", "opd_head@KESBANGPOL"})
        EXPECT_FALSE(workflow::CanSee(w, c, Who(who))) << who;
}

}  // namespace
}  // namespace satupintu::permits
