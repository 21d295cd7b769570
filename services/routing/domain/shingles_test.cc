#include "services/routing/domain/shingles.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

TEST(NormaliseTextTest, FoldsCaseStripsPunctuationAndCollapsesSpace) {
  EXPECT_EQ(NormaliseText("  Hello,   WORLD!\n\tStates' (ICT) security.  "),
            "hello world states ict security");
  EXPECT_EQ(NormaliseText("Don't \xE2\x80\x9Cstop\xE2\x80\x9D \xE2\x80\x94 now"),
            "dont stop now");  // curly quotes and an em dash separate, apostrophe drops
}

TEST(NormaliseTextTest, FoldsBasicUtf8Capitals) {
  EXPECT_EQ(NormaliseText("\xC3\x89TATS \xC3\x89tats"), "\xC3\xA9tats \xC3\xA9tats");  // ÉTATS
  EXPECT_EQ(NormaliseText("\xC5\x81\xC3\x93"
                          "D\xC5\xB9"),
            "\xC5\x82\xC3\xB3"
            "d\xC5\xBA");                                                            // ŁÓDŹ
  EXPECT_EQ(NormaliseText("\xD0\x9C\xD0\x98\xD0\xA0"), "\xD0\xBC\xD0\xB8\xD1\x80");  // МИР
  EXPECT_EQ(NormaliseText("a\xC2\xA0"
                          "b"),
            "a b");  // no-break space separates
}

TEST(NormaliseTextTest, InvalidBytesSeparateInsteadOfFailing) {
  EXPECT_EQ(NormaliseText("ab\xFF"
                          "cd\xC3"),
            "ab cd");
  EXPECT_EQ(NormaliseText(""), "");
}

TEST(ShinglesTest, SameWordsSameShinglesWhateverTheFormatting) {
  EXPECT_EQ(Shingles("The States recall their commitments.", 3),
            Shingles("the states, RECALL their\ncommitments", 3));
  EXPECT_NE(Shingles("the states recall their commitments", 3),
            Shingles("the states recall our commitments", 3));
}

TEST(ShinglesTest, CountsDistinctRunsAndKeepsShortTexts) {
  EXPECT_EQ(Shingles("a b c d e", 3).size(), 3u);
  EXPECT_EQ(Shingles("a b a b a b", 2).size(), 2u);  // "a b" and "b a"
  EXPECT_EQ(Shingles("two words", 4).size(), 1u);
  EXPECT_TRUE(Shingles(" ,. ", 4).empty());
}

}  // namespace
}  // namespace polylateral::routing
