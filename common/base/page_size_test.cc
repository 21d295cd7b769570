#include "common/base/page_size.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(PageSizeTest, ZeroMeansTheDefault) {
  auto size = ResolvePageSize(0);
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ(*size, 50);
}

TEST(PageSizeTest, OneToTheMaximumIsTakenAsGiven) {
  for (int n : {1, 7, 50, 199, 200}) {
    auto size = ResolvePageSize(n);
    ASSERT_TRUE(size.ok()) << n << ": " << size.status();
    EXPECT_EQ(*size, n);
  }
}

TEST(PageSizeTest, AboveTheMaximumIsServedAsTheMaximum) {
  for (int n : {201, 500, 1 << 30}) {
    auto size = ResolvePageSize(n);
    ASSERT_TRUE(size.ok()) << n << ": " << size.status();
    EXPECT_EQ(*size, 200) << n;
  }
}

TEST(PageSizeTest, NegativeIsRefusedOnPageSize) {
  for (int n : {-1, -500}) {
    auto size = ResolvePageSize(n);
    EXPECT_EQ(size.status().code(), absl::StatusCode::kInvalidArgument) << n;
    EXPECT_EQ(ErrorReason(size.status()), "INVALID_PAGE_SIZE") << n;
    ASSERT_EQ(ErrorViolations(size.status()).size(), 1u) << n;
    EXPECT_EQ(ErrorViolations(size.status())[0].field, "page_size") << n;
  }
}

TEST(PageSizeTest, OtherLimitsApplyTheSameRule) {
  const PageLimits small{5, 10};
  EXPECT_EQ(*ResolvePageSize(0, small), 5);
  EXPECT_EQ(*ResolvePageSize(10, small), 10);
  EXPECT_EQ(*ResolvePageSize(11, small), 10);
  EXPECT_EQ(ErrorReason(ResolvePageSize(-1, small).status()), "INVALID_PAGE_SIZE");
}

}  // namespace
}  // namespace polylateral
