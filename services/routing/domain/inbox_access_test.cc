#include "services/routing/domain/inbox_access.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

Principal Who(Principal::Kind kind, std::string id) { return {kind, std::move(id)}; }

TEST(InboxAccessTest, EachInboxIsReadByItsOwnerAndOperators) {
  using K = Principal::Kind;
  EXPECT_TRUE(MayReadInbox(Who(K::kSecretariat, "gm"), "processes/gm/plenary").ok());
  EXPECT_TRUE(MayReadInbox(Who(K::kSecretariat, "gm"), "processes/gm/groups/tg-cip").ok());
  EXPECT_TRUE(MayReadInbox(Who(K::kState, "BR"), "states/BR/inbox").ok());
  EXPECT_TRUE(MayReadInbox(Who(K::kStakeholder, "net"), "networks/net").ok());
  EXPECT_TRUE(MayReadInbox(Who(K::kSecretariat, "any"), "clearing-house").ok());
  EXPECT_TRUE(MayReadInbox(Who(K::kOperator, "ops"), "states/BR/inbox").ok());

  const absl::Status other = MayReadInbox(Who(K::kSecretariat, "other"), "processes/gm/plenary");
  EXPECT_EQ(other.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorReason(other), "NOT_DESTINATION");
  EXPECT_EQ(MayReadInbox(Who(K::kState, "AR"), "states/BR/inbox").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(MayReadInbox(Who(K::kStakeholder, "gm"), "processes/gm/plenary").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(InboxAccessTest, ANameThatIsNoDestinationIsABadRequest) {
  for (const char* dest : {"nowhere", "processes/gm", "processes/gm/sessions", "states/BR"}) {
    const absl::Status st = MayReadInbox(Who(Principal::Kind::kOperator, "ops"), dest);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << dest;
  }
}

TEST(InboxAccessTest, OnlyOperatorsHandleDeadLetters) {
  using K = Principal::Kind;
  EXPECT_TRUE(MayHandleDeadLetters(Who(K::kOperator, "ops"), "processes/gm/plenary").ok());
  // Not even the destination's own reader.
  const absl::Status owner =
      MayHandleDeadLetters(Who(K::kSecretariat, "gm"), "processes/gm/plenary");
  EXPECT_EQ(owner.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorReason(owner), "NOT_OPERATOR");
  EXPECT_EQ(MayHandleDeadLetters(Who(K::kOperator, "ops"), "nowhere").code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(InboxAccessTest, AConsumerNameIsShortAndPlain) {
  PullOptions o;
  ASSERT_TRUE(ApplyConsumer("", o).ok());
  EXPECT_EQ(o.consumer, "default");
  ASSERT_TRUE(ApplyConsumer("reader_2-b", o).ok());
  EXPECT_EQ(o.consumer, "reader_2-b");
  EXPECT_EQ(ApplyConsumer("has space", o).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ApplyConsumer(std::string(65, 'a'), o).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(o.consumer, "reader_2-b");
}

}  // namespace
}  // namespace polylateral::routing
