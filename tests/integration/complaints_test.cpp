// Complaints end to end over loopback: filing, the officer workflow, visibility rules
// (anonymous, rahasia), bad input that changes nothing, uploads, duplicates and merging, and the
// working-day SLA clocks with a fake clock (escalation, pause, auto-close).
#include <gtest/gtest.h>

#include <set>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "core/ids.hpp"
#include "files/attachments.hpp"
#include "identity/password.hpp"
#include "identity/users.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

// A point in Kecamatan Kramatwatu (36.04.05), and one in Jakarta (outside the region).
constexpr double kLat = -6.0401, kLng = 106.112759;

json::object Complaint(const std::string& code = "SAMPAH",
                       const std::string& description = "Sampah menumpuk di pasar") {
    return {{"service_code", code}, {"description", description}, {"lat", kLat}, {"long", kLng}};
}

class ComplaintTest : public ApiTest {
  protected:
    static HttpResult File(const Session& s, const json::object& body) {
        return PostJson(port(), "/api/v1/complaints", json::serialize(body), s.AuthHeaders());
    }
    static std::string FileOk(const Session& s, const json::object& body) {
        auto r = File(s, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(Body(r).at("number").as_string());
    }
    static HttpResult Act(const Session& s, const std::string& number, const json::object& body) {
        return PostJson(port(), "/api/v1/cases/" + number + "/actions", json::serialize(body), s.AuthHeaders());
    }
    static json::value Track(const std::string& number) {
        auto r = Get(port(), "/api/v1/regions/36.04/complaints/" + number);
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r);
    }
    static std::string Upload(const Session& s, const std::string& bytes) {
        auto h = s.AuthHeaders();
        h.Add("Content-Type", "application/octet-stream");
        auto r = Request(port(), "POST", "/api/v1/attachments", bytes, h);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? std::string(Body(r).at("id").as_string()) : "";
    }
    static int OutboxTo(const std::string& address) {
        int n = 0;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::GlobalSql kCount{"SELECT COUNT(*) FROM outbox WHERE target = $1"};
            SP_ASSIGN(auto row, tx.QueryOne(kCount, address));
            n = static_cast<int>(row->Int(0));
            return Status::Ok();
        }));
        return n;
    }
};

// A minimal PNG: signature, IHDR, a tEXt chunk with a secret, IDAT, IEND.
// A PNG with a text chunk; `pixels` makes distinct files (the store keeps content by its hash).
std::string PngWithText(const std::string& pixels = "xx") {
    auto chunk = [](const std::string& type, const std::string& data) {
        std::string c;
        const uint32_t n = static_cast<uint32_t>(data.size());
        c += static_cast<char>(n >> 24), c += static_cast<char>(n >> 16), c += static_cast<char>(n >> 8),
            c += static_cast<char>(n);
        c += type + data + std::string(4, '\0');  // CRC is not checked by the stripper
        return c;
    };
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", std::string(13, '\1')) +
           chunk("tEXt", std::string("Author\0Rahasia Penulis", 22)) + chunk("IDAT", pixels) + chunk("IEND", "");
}

// A JPEG skeleton with an EXIF segment holding a GPS position, then image segments.
std::string JpegWithGps() {
    auto seg = [](unsigned char marker, const std::string& data) {
        const size_t n = data.size() + 2;
        return std::string{'\xFF', static_cast<char>(marker), static_cast<char>(n >> 8), static_cast<char>(n & 0xff)} +
               data;
    };
    return std::string("\xFF\xD8", 2) + seg(0xE1, std::string("Exif\0\0GPSLatitude=-6.0401", 25)) +
           seg(0xDB, std::string(65, '\1')) + seg(0xC0, std::string(9, '\1')) + seg(0xDA, std::string(6, '\0')) +
           "scan-data" + std::string("\xFF\xD9", 2);
}

TEST_F(ComplaintTest, TheDemoRegionShipsRealisticCategories) {
    auto r = Get(port(), "/api/v1/regions/36.04/complaint-categories");
    ASSERT_EQ(r.status, 200);
    const auto body = Body(r);
    const auto& list = body.at("categories").as_array();
    EXPECT_GE(list.size(), 10u);
    bool pungli = false;
    for (const auto& c : list) {
        if (c.at("code") == "PUNGLI") {
            pungli = true;
            EXPECT_EQ(c.at("opd").at("code"), "INSPEKTORAT");
            EXPECT_EQ(c.at("sla").at("verify_days"), 2);
        }
        if (c.at("code") == "JALAN-RUSAK") {
            EXPECT_EQ(c.at("opd").at("code"), "PUPR");
        }
    }
    EXPECT_TRUE(pungli);
    EXPECT_EQ(Get(port(), "/api/v1/regions/99.99/complaint-categories").status, 404);
}

TEST_F(ComplaintTest, ThePointSuggestsTheKecamatanAndItsDesa) {
    auto r = Get(port(), "/api/v1/regions/36.04/locate?lat=-6.0401&long=106.112759");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("kecamatan_code"), "36.04.05");
    EXPECT_GT(Body(r).at("desa").as_array().size(), 5u);
    auto outside = Get(port(), "/api/v1/regions/36.04/locate?lat=-6.2&long=106.85");
    EXPECT_EQ(outside.status, 400);
}

TEST_F(ComplaintTest, ACitizenFilesAndTheOfficersWorkItToResolution) {
    Session citizen = As("warga");
    json::object body = Complaint("JALAN-RUSAK", "Jalan berlubang dalam di depan SD, membahayakan pengendara");
    body["attributes"] = json::object{{"tingkat", "berat"}};
    body["desa_code"] = "36.04.05.2001";
    const std::string number = FileOk(citizen, body);
    EXPECT_EQ(number.rfind("ADU-", 0), 0u);

    auto tracked = Track(number);
    EXPECT_EQ(tracked.at("status"), "received");
    EXPECT_EQ(tracked.at("kecamatan_code"), "36.04.05");
    EXPECT_FALSE(tracked.at("stage_due").is_null());
    EXPECT_FALSE(tracked.as_object().contains("reporter_id"));

    Session verifier = As("verifikator");
    Session officer = As("petugas.pupr");
    Session citizen_again = As("warga");
    // Not yet at the OPD: the officer cannot start it, and a citizen cannot verify.
    EXPECT_EQ(Act(officer, number, {{"action", "start"}}).status, 404);
    EXPECT_EQ(Act(citizen, number, {{"action", "verify"}}).status, 403);
    ASSERT_EQ(Act(verifier, number, {{"action", "verify"}}).status, 200);
    auto fwd = Act(verifier, number, {{"action", "forward"}, {"note", "Mohon segera ditinjau lapangan."}});
    ASSERT_EQ(fwd.status, 200) << fwd.body;
    EXPECT_EQ(Body(fwd).at("stage"), "follow_up");
    ASSERT_EQ(Act(officer, number, {{"action", "start"}}).status, 200);
    // The category asks for a proof-of-fix photo.
    auto no_proof = Act(officer, number, {{"action", "follow_up"}, {"note", "Sudah ditambal."}});
    EXPECT_EQ(no_proof.status, 400);
    const std::string proof = Upload(officer, PngWithText());
    auto followed = Act(officer, number,
                        {{"action", "follow_up"}, {"note", "Sudah ditambal."}, {"attachments", json::array{proof}}});
    ASSERT_EQ(followed.status, 200) << followed.body;
    ASSERT_EQ(Act(officer, number, {{"action", "resolve"}, {"note", "Selesai diperbaiki."}}).status, 200);

    auto rate = Act(citizen_again, number,
                    {{"action", "rate"}, {"rating", 5}, {"note", "Cepat"}, {"ikm", {{"U1", 4}, {"U7", 3}}}});
    ASSERT_EQ(rate.status, 200) << rate.body;
    EXPECT_EQ(Act(citizen_again, number, {{"action", "rate"}, {"rating", 4}}).status, 409);
    auto bad_ikm = Act(citizen_again, number, {{"action", "rate"}, {"rating", 4}, {"ikm", {{"U10", 4}}}});
    EXPECT_NE(bad_ikm.status, 200);

    auto done = Track(number);
    EXPECT_EQ(done.at("status"), "resolved");
    const auto& timeline = done.at("timeline").as_array();
    std::vector<std::string> actions;
    for (const auto& e : timeline) actions.emplace_back(e.at("action").as_string());
    EXPECT_EQ(actions, (std::vector<std::string>{"received", "verify", "forward", "start", "follow_up", "resolve"}));
    // Internal instructions stay internal; the public sees the step.
    EXPECT_EQ(timeline.at(2).at("note"), "");
    EXPECT_EQ(timeline.at(4).at("note"), "Sudah ditambal.");
    // The proof photo is public, and its text chunk (metadata) is gone.
    auto photo = Get(port(), "/api/v1/regions/36.04/attachments/" + proof);
    ASSERT_EQ(photo.status, 200);
    EXPECT_EQ(photo.Header("content-type"), "image/png");
    EXPECT_EQ(photo.body.find("Rahasia Penulis"), std::string::npos);
    EXPECT_NE(photo.body.find("IDAT"), std::string::npos);

    auto perf = Get(port(), "/api/v1/regions/36.04/performance");
    ASSERT_EQ(perf.status, 200);
    EXPECT_FALSE(Body(perf).at("opds").as_array().empty());
}

TEST_F(ComplaintTest, TheOpdPassesACaseOnAndOnlyTheNewOpdSeesIt) {
    Session citizen = As("warga");
    const std::string number = FileOk(citizen, Complaint("DRAINASE", "Pohon tumbang menutup saluran dan jalan desa"));
    Session verifier = As("verifikator");
    ASSERT_EQ(Act(verifier, number, {{"action", "forward"}}).status, 200);
    Session officer = As("petugas.pupr");
    std::string bpbd;
    {
        const auto opds = Body(Get(port(), "/api/v1/opds", officer.AuthHeaders()));
        for (const auto& o : opds.at("opds").as_array())
            if (o.at("code") == "BPBD") bpbd = std::string(o.at("id").as_string());
    }
    EXPECT_EQ(Act(officer, number, {{"action", "pass_on"}, {"opd_id", bpbd}}).status, 400) << "a reason is required";
    auto passed = Act(officer, number, {{"action", "pass_on"}, {"opd_id", bpbd}, {"note", "Kewenangan BPBD"}});
    ASSERT_EQ(passed.status, 200) << passed.body;
    EXPECT_EQ(Get(port(), "/api/v1/cases/" + number, officer.AuthHeaders()).status, 404);
    auto staff = Get(port(), "/api/v1/cases/" + number, verifier.AuthHeaders());
    ASSERT_EQ(staff.status, 200);
    EXPECT_EQ(Body(staff).at("opd_id").as_string(), bpbd);
}

TEST_F(ComplaintTest, TheOpdHeadAssignsManyCasesAtOnceAllOrNothing) {
    Session citizen = As("warga");
    Session verifier = As("verifikator");
    Session head = As("kepala.pupr");
    std::vector<std::string> numbers;
    for (const char* what : {"Lubang besar di jalan kabupaten dekat pasar", "Aspal mengelupas sepanjang 50 meter"}) {
        json::object body = Complaint("JALAN-RUSAK", what);
        body["attributes"] = json::object{{"tingkat", "sedang"}};
        numbers.push_back(FileOk(citizen, body));
        ASSERT_EQ(Act(verifier, numbers.back(), {{"action", "forward"}}).status, 200);
    }
    const std::string pupr(Body(Get(port(), "/api/v1/me", head.AuthHeaders())).at("user").at("opd_id").as_string());
    const auto staff = Body(Get(port(), "/api/v1/opds/" + pupr + "/staff", head.AuthHeaders()));
    std::string officer_id;
    for (const auto& u : staff.at("staff").as_array())
        if (u.at("role") == "officer") officer_id = std::string(u.at("id").as_string());
    ASSERT_FALSE(officer_id.empty());
    // Another OPD's case in the list refuses the whole request: none of them is assigned.
    const std::string elsewhere = FileOk(citizen, Complaint("SAMPAH", "Sampah menumpuk di depan kantor desa"));
    ASSERT_EQ(Act(verifier, elsewhere, {{"action", "forward"}}).status, 200);
    auto mixed = PostJson(
        port(), "/api/v1/cases/bulk-assign",
        json::serialize(json::object{{"numbers", {numbers[0], numbers[1], elsewhere}}, {"assignee_id", officer_id}}),
        head.AuthHeaders());
    EXPECT_EQ(mixed.status, 404) << mixed.body;
    for (const auto& n : numbers)
        EXPECT_TRUE(Body(Get(port(), "/api/v1/cases/" + n, head.AuthHeaders())).at("assignee_id").is_null());
    auto r = PostJson(port(), "/api/v1/cases/bulk-assign",
                      json::serialize(json::object{{"numbers", {numbers[0], numbers[1]}}, {"assignee_id", officer_id}}),
                      head.AuthHeaders());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("assigned"), 2);
    for (const auto& n : numbers)
        EXPECT_EQ(Body(Get(port(), "/api/v1/cases/" + n, head.AuthHeaders())).at("assignee_id").as_string(),
                  officer_id);
    EXPECT_EQ(PostJson(port(), "/api/v1/cases/bulk-assign",
                       json::serialize(json::object{{"numbers", {numbers[0]}}, {"assignee_id", officer_id}}),
                       As("petugas.pupr").AuthHeaders())
                  .status,
              403)
        << "an officer does not hand out work";
}

TEST_F(ComplaintTest, AnonymousReportersAreHiddenFromStaffAndRahasiaFromThePublic) {
    Session citizen = As("warga");
    json::object anon = Complaint("PUNGLI", "Diminta uang tambahan saat mengurus KTP di kecamatan");
    anon["anonymous"] = true;
    const std::string a = FileOk(citizen, anon);
    json::object secret = Complaint("PUNGLI", "Oknum meminta imbalan untuk mempercepat izin usaha");
    secret["rahasia"] = true;
    const std::string r = FileOk(citizen, secret);

    Session verifier = As("verifikator");
    auto staff_view = Get(port(), "/api/v1/cases/" + a, verifier.AuthHeaders());
    ASSERT_EQ(staff_view.status, 200);
    EXPECT_FALSE(Body(staff_view).as_object().contains("reporter_id"));
    EXPECT_EQ(staff_view.body.find("Warga Demo"), std::string::npos);
    auto queue = Get(port(), "/api/v1/cases?status=received&q=uang%20KTP", verifier.AuthHeaders());
    ASSERT_EQ(queue.status, 200);
    bool seen = false;
    const auto queued = Body(queue);
    for (const auto& c : queued.at("cases").as_array()) {
        if (c.at("number").as_string() != a) continue;
        seen = true;
        EXPECT_FALSE(c.as_object().contains("reporter_id"));
    }
    EXPECT_TRUE(seen);

    // The rahasia case: not public anywhere, but its reporter and staff see it.
    EXPECT_EQ(Get(port(), "/api/v1/regions/36.04/complaints/" + r).status, 404);
    auto list = Get(port(), "/api/v1/regions/36.04/complaints");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.body.find(r), std::string::npos);
    EXPECT_EQ(list.body.find("imbalan"), std::string::npos);
    EXPECT_NE(list.body.find(a), std::string::npos);
    auto own = Get(port(), "/api/v1/regions/36.04/complaints/" + r, citizen.AuthHeaders());
    EXPECT_EQ(own.status, 200);
    EXPECT_EQ(Get(port(), "/api/v1/cases/" + r, verifier.AuthHeaders()).status, 200);
    auto mine = Get(port(), "/api/v1/me/complaints", citizen.AuthHeaders());
    EXPECT_NE(mine.body.find(r), std::string::npos);
}

TEST_F(ComplaintTest, BadInputIsRefusedAndChangesNothing) {
    Session citizen = As("warga");
    const int64_t before = HeadSeq("36.04");
    auto expect_400 = [&](json::object body, const char* why) {
        auto r = File(citizen, body);
        EXPECT_EQ(r.status, 400) << why << ": " << r.body;
        EXPECT_EQ(r.Header("content-type"), "application/problem+json; charset=utf-8");
    };
    json::object missing = Complaint();
    missing.erase("description");
    expect_400(missing, "missing description");
    json::object blank = Complaint("SAMPAH", "   ");
    expect_400(blank, "blank description");
    json::object outside = Complaint();
    outside["lat"] = -6.2;
    outside["long"] = 106.85;
    expect_400(outside, "point outside the region");
    json::object nowhere = Complaint();
    nowhere.erase("lat");
    nowhere.erase("long");
    expect_400(nowhere, "no location");
    expect_400(Complaint("SAMPAH", std::string(4001, 'a')), "4,001 characters");
    // Characters, not bytes: 4,000 two-byte characters are allowed.
    std::string wide;
    for (int i = 0; i < 4000; ++i) wide += "\xC3\xA9";
    json::object wide_ok = Complaint("SAMPAH", wide);
    json::object wrong_desa = Complaint();
    wrong_desa["desa_code"] = "36.04.06.2001";
    expect_400(wrong_desa, "desa of another kecamatan");
    json::object other_kec = Complaint();
    other_kec["kecamatan_code"] = "32.16.01";
    expect_400(other_kec, "kecamatan of another region");
    json::object need_attr = Complaint("JALAN-RUSAK", "Jalan rusak");
    expect_400(need_attr, "required attribute missing");
    json::object bad_class = Complaint();
    bad_class["class"] = "gosip";
    expect_400(bad_class, "unknown class");
    EXPECT_EQ(File(citizen, Complaint("NOPE", "x")).status, 404);
    auto bad_utf8 = Request(port(), "POST", "/api/v1/complaints",
                            "{\"service_code\":\"SAMPAH\",\"description\":\"\xff\xfe\",\"lat\":-6.04,\"long\":106.11}",
                            citizen.AuthHeaders().Add("Content-Type", "application/json"));
    EXPECT_EQ(bad_utf8.status, 400);
    EXPECT_EQ(HeadSeq("36.04"), before) << "nothing was written";
    // Staff cannot file; markup is stored as text and returned as text.
    EXPECT_EQ(File(As("verifikator"), Complaint()).status, 403);
    EXPECT_EQ(File(citizen, wide_ok).status, 201);
    const std::string markup = "<script>alert(1)</script><b>tebal</b> & \"kutip\"";
    const std::string n = FileOk(citizen, Complaint("SAMPAH", markup));
    EXPECT_EQ(Track(n).at("description").as_string(), markup);
}

TEST_F(ComplaintTest, UploadsAreCheckedByContentAndStrippedOfMetadata) {
    Session citizen = As("warga");
    const int64_t before = HeadSeq("36.04");
    auto h = citizen.AuthHeaders();
    h.Add("Content-Type", "image/jpeg");
    auto spoofed = Request(port(), "POST", "/api/v1/attachments", "<html>not an image</html>", h);
    EXPECT_EQ(spoofed.status, 415);
    auto broken = Request(port(), "POST", "/api/v1/attachments", std::string("\xFF\xD8\xFF\xE1\x00", 5), h);
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(HeadSeq("36.04"), before);

    const std::string id = Upload(citizen, JpegWithGps());
    json::object body = Complaint();
    body["attachments"] = json::array{id};
    const std::string number = FileOk(citizen, body);
    auto photo = Get(port(), "/api/v1/regions/36.04/attachments/" + id);
    ASSERT_EQ(photo.status, 200);
    EXPECT_EQ(photo.Header("content-type"), "image/jpeg");
    EXPECT_EQ(photo.body.find("GPSLatitude"), std::string::npos);
    EXPECT_EQ(photo.body.find("Exif"), std::string::npos);
    EXPECT_NE(photo.body.find("scan-data"), std::string::npos);
    EXPECT_EQ(photo.Header("content-disposition"), "inline");
    EXPECT_NE(photo.Header("content-security-policy").find("sandbox"), std::string::npos);
    // Regression (issue 13, finding 5): a PDF that runs JavaScript when opened was accepted, and
    // PDFs were served inline. Now refused; a plain one is saved as an attachment, sandboxed.
    Headers pdf = citizen.AuthHeaders();
    pdf.Add("Content-Type", "application/pdf");
    const std::string doc = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n";
    const std::string scripted =
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript "
        "/JS (app.alert(1)) >> >>\nendobj\n%%EOF\n";
    EXPECT_EQ(Request(port(), "POST", "/api/v1/attachments", scripted, pdf).status, 415);
    auto plain = Request(port(), "POST", "/api/v1/attachments", doc, pdf);
    ASSERT_EQ(plain.status, 201) << plain.body;
    const std::string pdf_id(Body(plain).at("id").as_string());
    auto saved = Get(port(), "/api/v1/regions/36.04/attachments/" + pdf_id, citizen.AuthHeaders());
    ASSERT_EQ(saved.status, 200);
    EXPECT_EQ(saved.Header("content-disposition"), "attachment");
    EXPECT_NE(saved.Header("content-security-policy").find("sandbox"), std::string::npos);
    // An attachment is used once.
    json::object again = Complaint();
    again["attachments"] = json::array{id};
    EXPECT_EQ(File(citizen, again).status, 400);
    (void)number;

    // 100 MB: refused from the Content-Length, before the body, with no disk growth.
    const auto files = std::filesystem::path(server_->config().data_dir) / "files";
    auto size_of = [&] {
        uintmax_t total = 0;
        std::error_code ec;
        if (std::filesystem::exists(files, ec))
            for (const auto& e : std::filesystem::recursive_directory_iterator(files)) total += e.file_size(ec);
        return total;
    };
    const auto disk_before = size_of();
    const std::string head = "POST /api/v1/attachments HTTP/1.1\r\nHost: x\r\nCookie: " + citizen.cookie +
                             "\r\nX-CSRF-Token: " + citizen.csrf + "\r\nContent-Length: 104857600\r\n\r\n";
    const auto t0 = std::chrono::steady_clock::now();
    const std::string answer = RawExchange(port(), head + std::string(65536, 'x'), 3000);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
    EXPECT_NE(answer.find(" 413 "), std::string::npos) << answer.substr(0, 200);
    EXPECT_EQ(size_of(), disk_before);
}

TEST_F(ComplaintTest, DuplicatesNearbyAreSuggestedAndMergedReportersKeptInformed) {
    Session citizen = As("warga");
    const std::string first = FileOk(citizen, Complaint("DRAINASE", "Got mampet dan air meluap ke jalan"));
    auto near = Get(port(), "/api/v1/regions/36.04/complaints/nearby?service_code=DRAINASE&lat=-6.0404&long=106.1128");
    ASSERT_EQ(near.status, 200) << near.body;
    EXPECT_NE(near.body.find(first), std::string::npos);
    auto far = Get(port(), "/api/v1/regions/36.04/complaints/nearby?service_code=DRAINASE&lat=-6.10&long=106.15");
    EXPECT_EQ(far.body.find(first), std::string::npos);

    // A second citizen reports the same drain.
    json::object reg{{"region", "36.04"},
                     {"name", "Warga Kedua"},
                     {"email", "warga2@contoh.test"},
                     {"password", "Kata-Sandi-Panjang-2026"}};
    auto created = RegisterAndConfirm(reg);
    ASSERT_TRUE(created.status == 201 || created.status == 409) << created.body;
    Session second = Login(port(), "36.04", "warga2@contoh.test", "Kata-Sandi-Panjang-2026");
    json::object dup = Complaint("DRAINASE", "Saluran air tersumbat, banjir tiap hujan");
    dup["lat"] = -6.0404;
    dup["long"] = 106.1128;
    const std::string second_number = FileOk(second, dup);

    Session verifier = As("verifikator");
    auto merged = Act(verifier, second_number, {{"action", "merge"}, {"target_number", first}});
    ASSERT_EQ(merged.status, 200) << merged.body;
    EXPECT_EQ(Track(second_number).at("status"), "merged");
    const int before = OutboxTo("warga2@contoh.test");
    ASSERT_EQ(Act(verifier, first, {{"action", "forward"}}).status, 200);
    EXPECT_EQ(OutboxTo("warga2@contoh.test"), before + 1) << "the merged case's reporter hears of the update";
}

TEST_F(ComplaintTest, FullTextSearchFindsIndonesianWordForms) {
    Session citizen = As("warga");
    const std::string n = FileOk(citizen, Complaint("SAMPAH", "Terjadi penumpukan sampah berserakan di pinggir kali"));
    Session verifier = As("verifikator");
    for (const char* q : {"tumpuk", "menumpuk", "serak", "SAMPAH%20kali"}) {
        auto r = Get(port(), std::string("/api/v1/cases?q=") + q, verifier.AuthHeaders());
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_NE(r.body.find(n), std::string::npos) << q;
    }
    auto none = Get(port(), "/api/v1/cases?q=gempa", verifier.AuthHeaders());
    EXPECT_EQ(none.body.find(n), std::string::npos);
    // The officer's queue is the OPD's own.
    auto officer = Get(port(), "/api/v1/cases", As("petugas.pupr").AuthHeaders());
    ASSERT_EQ(officer.status, 200);
    EXPECT_EQ(officer.body.find(n), std::string::npos) << "a DLH case is not in the PUPR queue";
    EXPECT_EQ(Get(port(), "/api/v1/cases", citizen.AuthHeaders()).status, 403);
}

// The SLA clocks, on a server whose clock the test moves.
class SlaTest : public ::testing::Test {
  protected:
    static int64_t At(const std::string& date) { return *StartOfDayMs(date, 420) + 9 * 3600000; }
    void SetUp() override {
        clock_ = std::make_unique<FakeClock>(At("2025-08-15"));  // a Friday
        server_ = std::make_unique<TestServer>(TestConfig(), true, clock_.get());
    }
    void TearDown() override {
        server_.reset();
        clock_.reset();
    }
    uint16_t port() { return server_->port(); }
    Session As(const std::string& local) { return Login(port(), "36.04", local + "@serang.satupintu.test", kPassword); }
    json::value Case(const std::string& number) {
        auto r = Get(port(), "/api/v1/cases/" + number, As("admin").AuthHeaders());
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body);
    }
    HttpResult Act(const std::string& who, const std::string& number, const json::object& body) {
        return PostJson(port(), "/api/v1/cases/" + number + "/actions", json::serialize(body), As(who).AuthHeaders());
    }
    void Sweep() {
        auto r = PostJson(port(), "/api/v1/sla/sweep", "{}", As("admin").AuthHeaders());
        ASSERT_EQ(r.status, 200) << r.body;
    }
    std::string File() {
        auto r = PostJson(port(), "/api/v1/complaints",
                          json::serialize(json::object{{"service_code", "SAMPAH"},
                                                       {"description", "Sampah tidak diangkut seminggu"},
                                                       {"lat", kLat},
                                                       {"long", kLng}}),
                          As("warga").AuthHeaders());
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(json::parse(r.body).at("number").as_string());
    }
    std::unique_ptr<FakeClock> clock_;
    std::unique_ptr<TestServer> server_;
};

TEST_F(SlaTest, TheRulesExampleAndTheEscalationLadder) {
    const std::string n = File();
    // rules-id.md: from Friday 2025-08-15, 3 working days -> Thursday 2025-08-21.
    EXPECT_EQ(Case(n).at("stage_due"), "2025-08-21");
    EXPECT_EQ(Case(n).at("resolve_by"), "2025-10-14");
    clock_->Set(At("2025-08-21"));
    Sweep();
    EXPECT_EQ(Case(n).at("escalation"), 0);
    EXPECT_EQ(Case(n).at("overdue"), false);
    clock_->Set(At("2025-08-22"));  // one working day late: the officers (verifiers, before forwarding)
    Sweep();
    auto c = Case(n);
    EXPECT_EQ(c.at("escalation"), 1);
    EXPECT_EQ(c.at("breached"), true);
    EXPECT_EQ(c.at("overdue"), true);
    clock_->Set(At("2025-08-26"));  // three working days late: the OPD head's rung
    Sweep();
    EXPECT_EQ(Case(n).at("escalation"), 2);
    clock_->Set(At("2025-09-01"));  // six: Inspektorat
    Sweep();
    EXPECT_EQ(Case(n).at("escalation"), 3);
    clock_->Set(At("2025-09-08"));  // eleven: the executive
    Sweep();
    EXPECT_EQ(Case(n).at("escalation"), 4);
    // Every rung notified someone, and the timeline says so (internally).
    int escalations = 0;
    const auto escalated = Case(n);
    for (const auto& e : escalated.at("timeline").as_array()) escalations += e.at("action") == "escalate";
    EXPECT_EQ(escalations, 4);
    int mails = 0;
    EXPECT_TRUE(server_->app().store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kMails{
            "SELECT COUNT(*) FROM outbox WHERE tenant = $1 AND subject LIKE 'Eskalasi%'"};
        SP_ASSIGN(auto row, tx.QueryOne(kMails, store::TenantId("36.04")));
        mails = static_cast<int>(row->Int(0));
        return Status::Ok();
    }));
    EXPECT_GE(mails, 4);
    // A late forward counts against the on-time rate.
    ASSERT_EQ(Act("verifikator", n, {{"action", "forward"}}).status, 200);
    EXPECT_EQ(Case(n).at("escalation"), 0) << "a new stage starts its own ladder";
}

TEST_F(SlaTest, WaitingOnTheReporterPausesTheClock) {
    const std::string n = File();
    ASSERT_EQ(Act("verifikator", n, {{"action", "forward"}}).status, 200);
    // SAMPAH overrides the follow-up clock to 3 working days: Friday 08-15 + 3 (08-18 is CB).
    EXPECT_EQ(Case(n).at("stage_due"), "2025-08-21");
    clock_->Set(At("2025-08-19"));  // Tuesday
    ASSERT_EQ(Act("petugas.pupr", n, {{"action", "start"}}).status, 404) << "SAMPAH belongs to DLH";
    auto asked = Act("verifikator", n, {{"action", "request_info"}, {"note", "Mohon kirim alamat lengkap."}});
    ASSERT_EQ(asked.status, 200) << asked.body;
    EXPECT_EQ(json::parse(asked.body).at("paused"), true);
    clock_->Set(At("2025-08-27"));  // Wednesday: 08-20, 21, 22, 25, 26, 27 = 6 working days waited
    Sweep();
    EXPECT_EQ(Case(n).at("escalation"), 0) << "a paused clock does not escalate";
    auto replied = Act("warga", n, {{"action", "reply"}, {"note", "Jl. Raya Kramatwatu No. 1"}});
    ASSERT_EQ(replied.status, 200) << replied.body;
    auto c = Case(n);
    EXPECT_EQ(c.at("status"), "forwarded");
    EXPECT_EQ(c.at("stage_due"), "2025-08-29");  // 08-21 + 6 working days
    EXPECT_EQ(c.at("paused"), false);
}

TEST_F(SlaTest, ResolvedCasesCloseAutomaticallyAfterTenWorkingDays) {
    const std::string n = File();
    ASSERT_EQ(Act("verifikator", n, {{"action", "forward"}}).status, 200);
    ASSERT_EQ(Act("verifikator", n, {{"action", "follow_up"}, {"note", "Sudah diangkut."}}).status, 400)
        << "SAMPAH needs a proof photo";
    auto s = As("verifikator");
    auto h = s.AuthHeaders();
    h.Add("Content-Type", "image/png");
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("\0\0\0\x0dIHDR", 8) +
                            std::string(13, '\1') + std::string(4, '\0') + std::string("\0\0\0\0IEND", 8) +
                            std::string(4, '\0');
    auto up = Request(port(), "POST", "/api/v1/attachments", png, h);
    ASSERT_EQ(up.status, 201) << up.body;
    const std::string id(json::parse(up.body).at("id").as_string());
    ASSERT_EQ(PostJson(port(), "/api/v1/cases/" + n + "/actions",
                       json::serialize(json::object{
                           {"action", "follow_up"}, {"note", "Sudah diangkut."}, {"attachments", json::array{id}}}),
                       s.AuthHeaders())
                  .status,
              200);
    ASSERT_EQ(Act("verifikator", n, {{"action", "resolve"}}).status, 200);
    EXPECT_EQ(Case(n).at("stage_due"), "2025-09-01");  // 10 working days after Friday 08-15 (08-18 is CB)
    clock_->Set(At("2025-09-01"));
    Sweep();
    EXPECT_EQ(Case(n).at("status"), "resolved");
    clock_->Set(At("2025-09-02"));
    Sweep();
    auto c = Case(n);
    EXPECT_EQ(c.at("status"), "closed");
    EXPECT_EQ(c.at("open"), false);
    // The reporter may still reopen it; the follow-up clock starts again.
    auto reopened = Act("warga", n, {{"action", "reopen"}, {"note", "Sampah menumpuk lagi."}});
    ASSERT_EQ(reopened.status, 200) << reopened.body;
    EXPECT_EQ(Case(n).at("status"), "in_progress");
    EXPECT_EQ(Case(n).at("stage_due"), "2025-09-08");  // + 3 working days; 09-05 is Maulid Nabi
}

// Issue 13, finding 5: 20 uploads of 1 MB in 0.3 s were all kept, and never cleaned up.
TEST(Uploads, AnAccountsUploadsAreBoundedAndUnattachedOnesAreForgottenAfterADay) {
    FakeClock clock(kPinnedNowMs);
    app::Config config = TestConfig();
    const app::Config defaults;
    config.upload_max_unlinked = defaults.upload_max_unlinked;
    config.upload_max_per_day = defaults.upload_max_per_day;
    config.upload_max_mb_per_day = defaults.upload_max_mb_per_day;
    TestServer server(config, /*seed=*/true, &clock);
    // A citizen of its own: on PostgreSQL the demo citizen's uploads of other suites are there too.
    const std::string email = "pengunggah." + std::to_string(::getpid()) + "@example.test";
    ASSERT_TRUE(server.app().store().Write([&](store::WriteTx& tx) -> Status {
        identity::NewUser u{"citizen", std::nullopt, email, std::nullopt, "Pengunggah", std::nullopt};
        return identity::CreateUser(tx, store::TenantId("36.04"), u, *identity::HashPassword(kPassword),
                                    server.app().api().vault, kPinnedNowMs, "test")
            .status();
    }));
    Session citizen = Login(server.port(), "36.04", email, kPassword);
    Headers h = citizen.AuthHeaders();
    h.Add("Content-Type", "application/octet-stream");
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) {
        auto r = Request(server.port(), "POST", "/api/v1/attachments", PngWithText("px" + std::to_string(i)), h);
        ASSERT_EQ(r.status, 201) << r.body;
        ids.push_back(std::string(json::parse(r.body).at("id").as_string()));
    }
    auto over = Request(server.port(), "POST", "/api/v1/attachments", PngWithText("one too many"), h);
    EXPECT_EQ(over.status, 429) << "ten files waiting to be attached is the most";
    EXPECT_EQ(json::parse(over.body).at("code"), "rate_limited");
    // Attaching one to a report makes room for one more.
    json::object report = Complaint("DRAINASE", "Got mampet, foto terlampir");
    report["attachments"] = json::array{json::value(ids[0])};
    ASSERT_EQ(PostJson(server.port(), "/api/v1/complaints", json::serialize(report), citizen.AuthHeaders()).status,
              201);
    EXPECT_EQ(Request(server.port(), "POST", "/api/v1/attachments", PngWithText("room again"), h).status, 201);

    // A day later the uploads never attached are forgotten, files included; the attached one stays.
    std::string sha;
    ASSERT_TRUE(server.app().store().Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto a, files::FindAttachment(tx, store::TenantId("36.04"), ids[1]));
        sha = a->sha256;
        return Status::Ok();
    }));
    const std::string path = server.config().data_dir + "/files/" + sha.substr(0, 2) + "/" + sha;
    ASSERT_TRUE(std::filesystem::exists(path));
    // (The file's own clock is the disk's: it is made an hour old, as it would be by then.)
    std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));
    clock.Advance(25LL * 60 * 60 * 1000);
    ASSERT_TRUE(server.app().SweepAll());
    EXPECT_EQ(Get(server.port(), "/api/v1/regions/36.04/attachments/" + ids[1], citizen.AuthHeaders()).status, 404);
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_EQ(Get(server.port(), "/api/v1/regions/36.04/attachments/" + ids[0], citizen.AuthHeaders()).status, 200);
}

// "Saya juga mengalami ini": another citizen joins an open complaint as affected (counted on its
// public page, once however often they say it), gets its status emails like the reporter, and
// may stop following. A rahasia complaint is nobody else's to follow, a closed one nobody's, and
// staff follow nothing.
TEST_F(ComplaintTest, ANeighbourSaysItHitsThemTooAndFollowsTheCase) {
    Session reporter = As("warga");
    const std::string number = FileOk(reporter, Complaint("DRAINASE", "Got mampet di gang depan, air meluap ke jalan"));
    json::object neighbour{{"region", "36.04"},
                           {"email", "tetangga.got@example.test"},
                           {"password", "kata-sandi-tetangga-got"},
                           {"name", "Tetangga Got"}};
    ASSERT_EQ(RegisterAndConfirm(neighbour).status, 201);
    Session other = Login(port(), "36.04", "tetangga.got@example.test", "kata-sandi-tetangga-got");
    const std::string followers = "/api/v1/complaints/" + number + "/followers";
    EXPECT_EQ(Track(number).at("also_affected"), 0);
    const int64_t before = HeadSeq("36.04");
    for (int i = 0; i < 2; ++i) {
        auto r = PostJson(port(), followers, R"({"affected":true})", other.AuthHeaders());
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(Body(r).at("following"), true);
        EXPECT_EQ(Body(r).at("affected"), true);
        EXPECT_EQ(Body(r).at("also_affected"), 1) << "counted once";
    }
    EXPECT_GT(HeadSeq("36.04"), before) << "a follow is recorded in the audit log";
    // A later plain follow does not take the "me too" back.
    EXPECT_EQ(Body(PostJson(port(), followers, "{}", other.AuthHeaders())).at("affected"), true);
    EXPECT_EQ(Track(number).at("also_affected"), 1);

    // The follower hears of the next step like the reporter does.
    ASSERT_EQ(Act(As("verifikator"), number, {{"action", "verify"}}).status, 200);
    bool emailed = false;
    ASSERT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kMail{
            "SELECT 1 FROM outbox WHERE tenant = $1 AND target = $2 AND subject LIKE $3"};
        SP_ASSIGN(auto row,
                  tx.QueryOne(kMail, store::TenantId("36.04"), "tetangga.got@example.test", "%" + number + "%"));
        emailed = row.has_value();
        return Status::Ok();
    }));
    EXPECT_TRUE(emailed) << "the follower got the status email";

    auto gone = Request(port(), "DELETE", followers, "", other.AuthHeaders());
    ASSERT_EQ(gone.status, 200) << gone.body;
    EXPECT_EQ(Body(gone).at("following"), false);
    EXPECT_EQ(Body(gone).at("also_affected"), 0);

    // Not a stranger's to follow: a rahasia complaint; not anyone's: a closed one; not staff's.
    json::object secret = Complaint("SAMPAH", "Pungutan liar saat pengangkutan sampah");
    secret["rahasia"] = true;
    const std::string hidden = FileOk(reporter, secret);
    EXPECT_EQ(PostJson(port(), "/api/v1/complaints/" + hidden + "/followers", "{}", other.AuthHeaders()).status, 404);
    EXPECT_EQ(PostJson(port(), followers, "{}", As("petugas.pupr").AuthHeaders()).status, 403);
    ASSERT_EQ(Act(As("verifikator"), number,
                  {{"action", "reject"}, {"note", "Bukan kewenangan daerah."}, {"reason", "bukan_kewenangan"}})
                  .status,
              200);
    auto closed = PostJson(port(), followers, R"({"affected":true})", other.AuthHeaders());
    EXPECT_EQ(closed.status, 400) << closed.body;
    EXPECT_EQ(Body(closed).at("errors").at(0).at("message"), "Laporan ini sudah selesai; tidak bisa diikuti lagi.");
}

// Those who handle a complaint may contact its reporter; an anonymous reporter stays unknown to
// them, and oversight roles and the public never get the contact.
TEST_F(ComplaintTest, HandlersSeeTheReportersContactUnlessAnonymous) {
    Session citizen = As("warga");
    const std::string named = FileOk(citizen, Complaint("SAMPAH", "Sampah di saluran depan balai desa"));
    json::object hidden_body = Complaint("SAMPAH", "Sampah dibakar setiap malam di lahan kosong");
    hidden_body["anonymous"] = true;
    const std::string hidden = FileOk(citizen, hidden_body);
    auto view = [&](const std::string& who, const std::string& number) {
        auto r = Get(port(), "/api/v1/cases/" + number, As(who).AuthHeaders());
        EXPECT_EQ(r.status, 200) << who << ": " << r.body;
        return r.status == 200 ? Body(r).as_object() : json::object();
    };
    const auto seen = view("verifikator", named);
    ASSERT_TRUE(seen.contains("reporter_contact")) << json::serialize(seen);
    EXPECT_EQ(seen.at("reporter_contact").at("name"), "Warga Demo");
    EXPECT_EQ(seen.at("reporter_contact").at("email"), "warga@serang.satupintu.test");
    EXPECT_EQ(seen.at("reporter_contact").at("phone"), "+6281200000001");
    EXPECT_FALSE(view("verifikator", hidden).contains("reporter_contact")) << "anonymous";
    EXPECT_FALSE(view("auditor", named).contains("reporter_contact")) << "oversight sees the case, not the person";
    EXPECT_EQ(Track(named).as_object().count("reporter_contact"), 0u);

    // The search box finds a person's reports by NIK (once an officer has checked it against the
    // KTP: a claimed NIK may be someone else's) or phone, never the anonymous one.
    const std::string warga_id(Body(Get(port(), "/api/v1/me", citizen.AuthHeaders())).at("user").at("id").as_string());
    ASSERT_EQ(
        PostJson(port(), "/api/v1/users/" + warga_id + "/nik/verify", "{}", As("verifikator").AuthHeaders()).status,
        200);
    auto search = [&](const std::string& who, const std::string& q) {
        auto r = Get(port(), "/api/v1/cases?status=all&q=" + q, As(who).AuthHeaders());
        EXPECT_EQ(r.status, 200) << r.body;
        std::set<std::string> numbers;
        const json::value body = Body(r);
        for (const auto& c : body.at("cases").as_array()) numbers.insert(std::string(c.at("number").as_string()));
        return numbers;
    };
    for (const std::string q : {"3604055501909001", "0812-0000-0001", "%2B6281200000001"}) {
        const auto found = search("verifikator", q);
        EXPECT_TRUE(found.count(named)) << q;
        EXPECT_FALSE(found.count(hidden)) << q << ": an anonymous report is not its reporter's to be found by";
    }
    EXPECT_TRUE(search("verifikator", "3604055501909002").empty()) << "nobody has that NIK";
    EXPECT_FALSE(search("auditor", "3604055501909001").count(named)) << "oversight does not search people";
}

}  // namespace
}  // namespace satupintu::testing
