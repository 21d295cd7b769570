#include "common/base/errors.h"

#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(ErrorsTest, ViolationsRoundTripThroughStatusPayload) {
  Violations v;
  v.Add("stakeholder.display_name", "must be 1..200 characters");
  v.Add("stakeholder.themes[1]", "unknown theme: themes/x");
  absl::Status s = v.ToStatus("INVALID_STAKEHOLDER");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(s), "INVALID_STAKEHOLDER");
  ASSERT_EQ(ErrorViolations(s).size(), 2u);
  EXPECT_EQ(ErrorViolations(s)[1].field, "stakeholder.themes[1]");
  EXPECT_EQ(ErrorViolations(s)[1].description, "unknown theme: themes/x");
  EXPECT_NE(s.message().find("stakeholder.display_name"), std::string::npos);
}

TEST(ErrorsTest, NoViolationsIsOk) { EXPECT_TRUE(Violations().ToStatus().ok()); }

TEST(ErrorsTest, ReasonFallsBackToCodeName) {
  EXPECT_EQ(ErrorReason(absl::NotFoundError("x")), "NOT_FOUND");
  EXPECT_EQ(ErrorReason(absl::FailedPreconditionError("x")), "FAILED_PRECONDITION");
  EXPECT_EQ(ErrorReason(NotFound("STAKEHOLDER_NOT_FOUND", "x")), "STAKEHOLDER_NOT_FOUND");
}

TEST(ErrorsTest, FailedPreconditionNamesSubject) {
  absl::Status s = FailedPrecondition("STAKEHOLDER_REFERENCED", "stakeholders/a", "in use");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_EQ(ErrorViolations(s).size(), 1u);
  EXPECT_EQ(ErrorViolations(s)[0].field, "stakeholders/a");
}

}  // namespace
}  // namespace polylateral
