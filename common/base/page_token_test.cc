#include "common/base/page_token.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(PageTokenTest, RoundTripsCursorWithBinaryBytes) {
  const std::string cursor = std::string("acme\0s123", 9);
  uint64_t fp = QueryFingerprint("group=4");
  auto decoded = DecodePageToken(EncodePageToken(fp, cursor), fp);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, cursor);
}

TEST(PageTokenTest, RefusesTokenFromAnotherQuery) {
  std::string token = EncodePageToken(QueryFingerprint("group=4"), "x");
  auto decoded = DecodePageToken(token, QueryFingerprint("group=5"));
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(decoded.status()), "PAGE_TOKEN_MISMATCH");
  EXPECT_EQ(ErrorViolations(decoded.status()).at(0).field, "page_token");
}

TEST(PageTokenTest, RefusesGarbage) {
  for (const char* bad : {"!!!", "cDI6eHl6", "", "bm90LWEtdG9rZW4"}) {
    auto decoded = DecodePageToken(bad, 1);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(PageTokenTest, FingerprintIsStable) {
  // FNV-1a of the empty string is the offset basis: a fixed value across builds.
  EXPECT_EQ(QueryFingerprint(""), 14695981039346656037ull);
  EXPECT_NE(QueryFingerprint("a"), QueryFingerprint("b"));
}

}  // namespace
}  // namespace polylateral
