#include "common/base/text.h"

#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(TextTest, CountsCodePointsOfValidUtf8) {
  EXPECT_EQ(Utf8PrintableLength("abc"), 3);
  EXPECT_EQ(Utf8PrintableLength("Côte d’Ivoire"), 13);
  EXPECT_EQ(Utf8PrintableLength("中国"), 2);
  EXPECT_EQ(Utf8PrintableLength(""), 0);
}

TEST(TextTest, RefusesInvalidUtf8AndControls) {
  EXPECT_EQ(Utf8PrintableLength("\xff"), -1);
  EXPECT_EQ(Utf8PrintableLength("\xc0\xaf"), -1);      // overlong '/'
  EXPECT_EQ(Utf8PrintableLength("\xed\xa0\x80"), -1);  // surrogate
  EXPECT_EQ(Utf8PrintableLength("a\nb"), -1);
  EXPECT_EQ(Utf8PrintableLength("a\nb", true), 3);
  EXPECT_EQ(Utf8PrintableLength(std::string("a\0b", 3)), -1);
}

TEST(TextTest, EmailsAndUrls) {
  EXPECT_TRUE(LooksLikeEmail("info@cgi.br"));
  EXPECT_FALSE(LooksLikeEmail("info@cgi"));
  EXPECT_FALSE(LooksLikeEmail("a b@c.d"));
  EXPECT_FALSE(LooksLikeEmail("a@b@c.d"));
  EXPECT_TRUE(LooksLikeHttpUrl("https://www.intgovforum.org/en"));
  EXPECT_FALSE(LooksLikeHttpUrl("ftp://x.org"));
  EXPECT_FALSE(LooksLikeHttpUrl("https://"));
  EXPECT_FALSE(LooksLikeHttpUrl("https://a b.org"));
}

}  // namespace
}  // namespace polylateral
