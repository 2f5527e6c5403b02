#include "http/form.hpp"

#include <gtest/gtest.h>

namespace satupintu::http {
namespace {

TEST(Form, UrlEncodedBodiesDecodePlusAndEscapes) {
    auto f = ParseForm("application/x-www-form-urlencoded; charset=utf-8", "a=1&b=hello+world&c=%C3%A9&d=&e");
    ASSERT_TRUE(f);
    ASSERT_EQ(f->size(), 5u);
    EXPECT_EQ((*f)[1].value, "hello world");
    EXPECT_EQ((*f)[2].value, "\xC3\xA9");
    EXPECT_EQ((*f)[3].value, "");
    EXPECT_FALSE(ParseForm("application/x-www-form-urlencoded", "a=%ff"));
    EXPECT_FALSE(ParseForm("application/x-www-form-urlencoded", "a=%zz"));
    EXPECT_EQ(ParseForm("text/plain", "a=1").error().code, Errc::kUnsupportedMedia);
}

TEST(Form, MultipartPartsKeepFilesAsBytes) {
    const std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"service_code\"\r\n\r\nSAMPAH\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"media\"; filename=\"a.jpg\"\r\n"
        "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\r\n--\x01\r\n"
        "--XyZ--\r\n";
    auto f = ParseForm("multipart/form-data; boundary=XyZ", body);
    ASSERT_TRUE(f) << f.error().detail;
    ASSERT_EQ(f->size(), 2u);
    EXPECT_EQ((*f)[0].name, "service_code");
    EXPECT_EQ((*f)[0].value, "SAMPAH");
    EXPECT_EQ((*f)[1].filename, "a.jpg");
    EXPECT_EQ((*f)[1].value, std::string("\xFF\xD8\xFF\r\n--\x01", 8));
    EXPECT_FALSE(ParseForm("multipart/form-data", body)) << "no boundary";
    EXPECT_FALSE(ParseForm("multipart/form-data; boundary=XyZ", "--XyZ\r\nno headers end"));
}

}  // namespace
}  // namespace satupintu::http
