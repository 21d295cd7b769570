#include "common/base/request_ids.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(RequestIdsTest, KeyIsScopedToTheCaller) {
  const Principal acme{Principal::Kind::kStakeholder, "acme"};
  const Principal other{Principal::Kind::kStakeholder, "other"};
  EXPECT_EQ(CallerRequestKey(acme, "r-1"), "stakeholder:acme|r-1");
  EXPECT_NE(CallerRequestKey(acme, "r-1"), CallerRequestKey(other, "r-1"));
  EXPECT_EQ(CallerRequestKey(Principal::Anonymous(), "r-1"), "anonymous|r-1");
  EXPECT_EQ(CallerRequestKey(acme, ""), "");
}

TEST(RequestIdsTest, ReusedNamesTheField) {
  absl::Status s = RequestIdReused();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(s), "REQUEST_ID_REUSED");
  ASSERT_EQ(ErrorViolations(s).size(), 1u);
  EXPECT_EQ(ErrorViolations(s)[0].field, "request_id");
}

}  // namespace
}  // namespace polylateral
