#include "services/routing/domain/joint_statement.h"

#include "common/base/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kT0 = absl::FromUnixSeconds(1'750'000'000);

JointStatement Lead() {
  JointStatement js;
  js.lead_id = "jcss-network";
  return js;
}

TEST(JointStatementTest, UnconfirmedSignatoriesAreNeverListed) {
  JointStatement js = Lead();
  ASSERT_TRUE(InviteSignatory(js, "a", kT0).ok());
  ASSERT_TRUE(InviteSignatory(js, "b", kT0).ok());
  ASSERT_TRUE(InviteSignatory(js, "c", kT0).ok());
  EXPECT_THAT(ListedSignatories(js), IsEmpty());
  ASSERT_TRUE(ConfirmSignatory(js, "c", kT0 + absl::Minutes(1)).ok());
  ASSERT_TRUE(ConfirmSignatory(js, "a", kT0 + absl::Minutes(2)).ok());
  ASSERT_TRUE(DeclineSignatory(js, "b").ok());
  EXPECT_THAT(ListedSignatories(js), ElementsAre("c", "a"));
  ASSERT_TRUE(WithdrawSignatory(js, "c").ok());
  EXPECT_THAT(ListedSignatories(js), ElementsAre("a"));
}

TEST(JointStatementTest, SignatoriesJoinAfterPublicationAndVersionsAreKept) {
  JointStatement js = Lead();
  ASSERT_TRUE(InviteSignatory(js, "a", kT0).ok());
  ASSERT_TRUE(ConfirmSignatory(js, "a", kT0).ok());
  ASSERT_TRUE(InviteSignatory(js, "late", kT0).ok());
  ASSERT_TRUE(PublishVersion(js, "first text", kT0 + absl::Hours(1)).ok());
  EXPECT_EQ(CurrentVersion(js), 1);
  ASSERT_TRUE(ConfirmSignatory(js, "late", kT0 + absl::Hours(2)).ok());
  EXPECT_EQ(js.signatories[1].joined_at_version, 1);
  EXPECT_EQ(js.signatories[0].joined_at_version, 0);
  EXPECT_THAT(ListedSignatories(js), ElementsAre("a", "late"));
  ASSERT_TRUE(PublishVersion(js, "second text", kT0 + absl::Hours(3)).ok());
  ASSERT_EQ(js.versions.size(), 2u);
  EXPECT_EQ(js.versions[0].text, "first text");
  EXPECT_THAT(js.versions[0].listed_signatories, ElementsAre("a"));
  EXPECT_THAT(js.versions[1].listed_signatories, ElementsAre("a", "late"));
}

TEST(JointStatementTest, TransitionsAreChecked) {
  JointStatement js = Lead();
  EXPECT_EQ(ConfirmSignatory(js, "nobody", kT0).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(InviteSignatory(js, "jcss-network", kT0).code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(InviteSignatory(js, "a", kT0).ok());
  EXPECT_EQ(InviteSignatory(js, "a", kT0).code(), absl::StatusCode::kAlreadyExists);
  absl::Status s = WithdrawSignatory(js, "a");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(s), "WRONG_SIGNATORY_STATE");
  ASSERT_TRUE(DeclineSignatory(js, "a").ok());
  ASSERT_TRUE(InviteSignatory(js, "a", kT0).ok());  // invited again after declining
  EXPECT_EQ(js.signatories.size(), 1u);
}

TEST(JointStatementTest, LimitsAreNamed) {
  JointStatement js = Lead();
  for (size_t i = 0; i < kMaxSignatories; ++i) {
    ASSERT_TRUE(InviteSignatory(js, "s" + std::to_string(i), kT0).ok());
  }
  absl::Status s = InviteSignatory(js, "one-too-many", kT0);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), ::testing::HasSubstr("300"));
  EXPECT_EQ(PublishVersion(js, std::string(kMaxTextBytes + 1, 'x'), kT0).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(js.versions.empty());
}

}  // namespace
}  // namespace polylateral::routing
