#include "common/base/enum_value.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(EnumValueTest, KnownNumbersPass) {
  EXPECT_TRUE(CheckEnumValue(0, 6, "region").ok());
  EXPECT_TRUE(CheckEnumValue(6, 6, "region").ok());
}

TEST(EnumValueTest, UnknownNumbersNameTheField) {
  for (int value : {-1, 7, 99}) {
    absl::Status s = CheckEnumValue(value, 6, "nomination.stakeholder_group");
    EXPECT_TRUE(absl::IsInvalidArgument(s));
    EXPECT_EQ(ErrorReason(s), "UNKNOWN_ENUM_VALUE");
    ASSERT_EQ(ErrorViolations(s).size(), 1U);
    EXPECT_EQ(ErrorViolations(s)[0].field, "nomination.stakeholder_group");
  }
}

}  // namespace
}  // namespace polylateral
