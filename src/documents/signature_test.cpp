// A rendered and signed document: deterministic bytes, and any changed byte detected.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "documents/render.hpp"
#include "documents/signature.hpp"

namespace satupintu::documents {
namespace {

Content Sample() {
    Content c;
    c.id = "01JTESTDOCUMENT00001";
    c.region = "36.04";
    c.number = "000.9.2/15/KESBANGPOL/2026";
    c.title = "SURAT KETERANGAN PENELITIAN";
    c.government = "PEMERINTAH KABUPATEN SERANG";
    c.office = "BADAN KESATUAN BANGSA DAN POLITIK";
    c.address = "Jl. Veteran No. 1, Serang, Banten";
    c.service_code = "REKOM-PENELITIAN";
    c.case_number = "IZN-2026-000001";
    c.holder_name = "Rahmawati Ayu Lestari";
    c.body =
        "Yang bertanda tangan di bawah ini menerangkan bahwa peneliti tersebut di bawah ini telah "
        "memenuhi persyaratan untuk melaksanakan penelitian di wilayah Kabupaten Serang.";
    c.fields = {{"Nama", "Rahmawati Ayu Lestari"}, {"Judul penelitian", "Kualitas layanan publik – desa"}};
    c.place = "Serang";
    c.issued_on = "2026-11-25";
    c.valid_until = "2027-05-25";
    c.signer_title = "Kepala Badan Kesatuan Bangsa dan Politik";
    c.verify_url = "https://satupintu.example/verifikasi/36.04/01JTESTDOCUMENT00001";
    return c;
}

struct Signed {
    crypto::SigningKeyPair key = crypto::GenerateSigningKey();
    std::string file;
    Signed() {
        const Content c = Sample();
        const std::string pdf = RenderPdf(c).value();
        const std::string statement = Statement(ContentJson(c), pdf);
        file = Seal(pdf, "k1", statement, crypto::SignDetached(key.secret_key, statement));
    }
};

TEST(Documents, RenderingIsAPdfAndDeterministic) {
    const auto a = RenderPdf(Sample());
    const auto b = RenderPdf(Sample());
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->rfind("%PDF-", 0), 0u);
    EXPECT_NE(a->find("%%EOF"), std::string::npos);
    EXPECT_EQ(*a, *b);
    Content other = Sample();
    other.holder_name = "Someone Else";
    other.fields[0].value = "Someone Else";
    EXPECT_NE(*RenderPdf(other), *a);
}

TEST(Documents, ASignedFileVerifies) {
    const Signed s;
    auto f = Split(s.file);
    ASSERT_TRUE(f) << f.error().detail;
    EXPECT_EQ(f->key_id, "k1");
    EXPECT_EQ(f->content.at("number").as_string(), "000.9.2/15/KESBANGPOL/2026");
    EXPECT_EQ(Verify(*f, s.key.public_key), Check::kAuthentic);
    // Another region's key does not.
    EXPECT_EQ(Verify(*f, crypto::GenerateSigningKey().public_key), Check::kBadSignature);
}

TEST(Documents, EveryChangedByteIsDetected) {
    const Signed s;
    // Every 97th byte, plus the first and last few: a flip anywhere must not verify.
    std::vector<size_t> positions;
    for (size_t i = 0; i < s.file.size(); i += 97) positions.push_back(i);
    for (size_t i = s.file.size() - 5; i < s.file.size(); ++i) positions.push_back(i);
    for (size_t i : positions) {
        std::string bad = s.file;
        bad[i] = static_cast<char>(bad[i] ^ 0x01);
        auto f = Split(bad);
        if (!f) continue;  // the signature line no longer parses: rejected
        EXPECT_NE(Verify(*f, s.key.public_key), Check::kAuthentic) << "byte " << i;
    }
    // The same signature line glued under another PDF: altered.
    const std::string line = s.file.substr(s.file.rfind(kSignatureMarker));
    Content forged = Sample();
    forged.holder_name = "Forger";
    forged.fields[0].value = "Forger";
    const std::string glued = *RenderPdf(forged) + line;  // outlives f, which views into it
    auto f = Split(glued);
    ASSERT_TRUE(f);
    EXPECT_EQ(Verify(*f, s.key.public_key), Check::kAltered);
    EXPECT_FALSE(Split("%PDF-1.3 no signature"));
}

}  // namespace
}  // namespace satupintu::documents
