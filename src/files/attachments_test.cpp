#include "files/attachments.hpp"

#include <gtest/gtest.h>

namespace satupintu::files {
namespace {

std::string Le32(uint32_t v) {
    return {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
}

TEST(Attachments, TypeIsDecidedByContent) {
    EXPECT_EQ(SniffType(std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
    EXPECT_EQ(SniffType(std::string("\x89PNG\r\n\x1a\n", 8)), "image/png");
    EXPECT_EQ(SniffType("RIFF" + Le32(4) + "WEBPVP8 "), "image/webp");
    EXPECT_EQ(SniffType("%PDF-1.7\n"), "application/pdf");
    EXPECT_EQ(SniffType("GIF89a......"), std::nullopt);
    EXPECT_EQ(SniffType("<svg xmlns=...>"), std::nullopt);
    EXPECT_EQ(SniffType(""), std::nullopt);
}

TEST(Attachments, WebpLosesExifAndXmpAndItsFlags) {
    const std::string vp8x = "VP8X" + Le32(10) + std::string("\x0C\0\0\0\0\0\0\0\0\0", 10);
    const std::string image = "VP8 " + Le32(4) + "abcd";
    const std::string exif = "EXIF" + Le32(9) + "GPS-there" + std::string(1, '\0');
    const std::string xmp = "XMP " + Le32(4) + "meta";
    const std::string body = "WEBP" + vp8x + image + exif + xmp;
    const std::string file = "RIFF" + Le32(static_cast<uint32_t>(body.size())) + body;
    auto clean = StripMetadata("image/webp", file);
    ASSERT_TRUE(clean) << clean.error().detail;
    EXPECT_EQ(clean->find("GPS-there"), std::string::npos);
    EXPECT_EQ(clean->find("XMP "), std::string::npos);
    EXPECT_NE(clean->find("abcd"), std::string::npos);
    EXPECT_EQ(static_cast<uint8_t>((*clean)[20]) & 0x0C, 0) << "EXIF/XMP flags cleared";
    EXPECT_EQ(clean->size(), 8 + (static_cast<uint8_t>((*clean)[4]) | static_cast<uint8_t>((*clean)[5]) << 8));
}

TEST(Attachments, DamagedFilesAreRefused) {
    EXPECT_FALSE(StripMetadata("image/jpeg", std::string("\xFF\xD8\xFF\xE1\x00\x40xx", 8)));
    EXPECT_FALSE(StripMetadata("image/png", std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIDAT", 16)));
    EXPECT_FALSE(StripMetadata("image/webp", "RIFF" + Le32(1000) + "WEBP"));
    EXPECT_FALSE(StripMetadata("application/pdf", "%PDF-1.4 no end"));
    EXPECT_FALSE(StripMetadata("image/gif", "GIF89a"));
}

// libFuzzer found a JPEG that ends before its image (fill bytes, then the end marker, then junk):
// the stripper kept it as a bare start and end, which it then refused itself. No scan, no image.
TEST(Attachments, AJpegWithoutAnImageIsRefused) {
    EXPECT_FALSE(StripMetadata("image/jpeg", std::string("\xFF\xD8\xFF\xFF\xFF\xFF\xFF\xD9junk", 12)));
    const std::string image("\xFF\xD8\xFF\xE1\x00\x04GP\xFF\xDA\x00\x02scan\xFF\xD9", 18);
    auto clean = StripMetadata("image/jpeg", image);
    ASSERT_TRUE(clean) << clean.error().detail;
    EXPECT_EQ(*clean, std::string("\xFF\xD8\xFF\xDA\x00\x02scan\xFF\xD9", 12));
    EXPECT_EQ(StripMetadata("image/jpeg", *clean).value(), *clean);
}

// Regression (issue 13, finding 5): a PDF that runs JavaScript when opened was accepted.
TEST(Attachments, PdfsWithScriptsOrAutomaticActionsAreRefused) {
    const std::string head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ";
    const std::string tail = ">>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    for (const char* active : {"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ", "/AA << /O 3 0 R >> ",
                               "/Names << /JavaScript 4 0 R >> ", "/OpenAction << /S /Launch /F (cmd.exe) >> "}) {
        const auto r = StripMetadata("application/pdf", head + active + tail);
        ASSERT_FALSE(r) << active;
        EXPECT_EQ(r.error().code, Errc::kUnsupportedMedia);
    }
    // A plain document, and names that only begin like an active one, pass.
    EXPECT_TRUE(StripMetadata("application/pdf", head + "/Lang (id-ID) /JSON_like 1 /AAPL 2 " + tail));
}

}  // namespace
}  // namespace satupintu::files
