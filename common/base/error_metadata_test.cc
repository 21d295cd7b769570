#include "common/base/error_metadata.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(ErrorMetadata, TravelsWithTheStatusBesideItsReason) {
  absl::Status s = WithErrorMetadata(
      WithReason(absl::OutOfRangeError("gone"), "RESUME_TOKEN_EXPIRED"), "oldest_token", "abc");
  EXPECT_EQ(ErrorReason(s), "RESUME_TOKEN_EXPIRED");
  ASSERT_EQ(ErrorMetadata(s).size(), 1u);
  EXPECT_EQ(ErrorMetadata(s)[0].first, "oldest_token");
  EXPECT_EQ(ErrorMetadata(s)[0].second, "abc");
  EXPECT_TRUE(ErrorMetadata(InvalidArgument("R", "f", "d")).empty());
  EXPECT_TRUE(WithErrorMetadata(absl::OkStatus(), "k", "v").ok());
}

}  // namespace
}  // namespace polylateral
