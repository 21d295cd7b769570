#include "services/registry/domain/stakeholder_references.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/registry/domain/test_fixtures.h"

namespace polylateral::registry {
namespace {

Stakeholder Expert(std::vector<std::string> affiliations) {
  Stakeholder s;
  s.id = "ana";
  s.kind = StakeholderKind::kIndividualExpert;
  s.affiliations = std::move(affiliations);
  return s;
}

TEST(StakeholderReferencesTest, WithoutReferenceTakesOutEveryMentionAndRecordsIt) {
  Stakeholder net;
  net.id = "net";
  net.kind = StakeholderKind::kNetwork;
  net.network_members = {"a", "acme", "b"};
  const Principal acme{Principal::Kind::kStakeholder, "acme"};
  const absl::Time now = absl::FromUnixSeconds(1700000000);
  ASSERT_TRUE(RefersTo(net, "acme"));
  Stakeholder after = WithoutReference(net, "acme", ReferenceRemoval::Cause::kDisowned, acme, now);
  EXPECT_FALSE(RefersTo(after, "acme"));
  EXPECT_EQ(after.network_members, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(after.removed_references.size(), 1U);
  EXPECT_EQ(after.removed_references[0].stakeholder_id, "acme");
  EXPECT_EQ(after.removed_references[0].cause, ReferenceRemoval::Cause::kDisowned);
  EXPECT_EQ(after.removed_references[0].removed_by, "stakeholder:acme");
  EXPECT_EQ(after.removed_references[0].remove_time, now);
  EXPECT_EQ(after.update_time, now);
}

TEST(StakeholderReferencesTest, OnlyTheLastRemovalsAreKept) {
  Stakeholder s = Expert({});
  const Principal ops{Principal::Kind::kOperator, "ops"};
  for (size_t i = 0; i < kMaxReferenceRemovals + 5; ++i) {
    s.affiliations = {"org" + std::to_string(i)};
    s = WithoutReference(s, "org" + std::to_string(i), ReferenceRemoval::Cause::kStakeholderDeleted,
                         ops, absl::UnixEpoch());
  }
  ASSERT_EQ(s.removed_references.size(), kMaxReferenceRemovals);
  EXPECT_EQ(s.removed_references.front().stakeholder_id, "org5");
  EXPECT_EQ(s.removed_references.back().stakeholder_id,
            "org" + std::to_string(kMaxReferenceRemovals + 4));
}

TEST(StakeholderReferencesTest, ReferrersAreSeenByTheNamedSecretariatsAndOperators) {
  EXPECT_TRUE(CheckCanSeeReferrers({Principal::Kind::kStakeholder, "acme"}, "acme").ok());
  EXPECT_TRUE(CheckCanSeeReferrers({Principal::Kind::kSecretariat, "oewg"}, "acme").ok());
  EXPECT_TRUE(CheckCanSeeReferrers({Principal::Kind::kOperator, "ops"}, "acme").ok());
  for (const Principal& p :
       {Principal{Principal::Kind::kStakeholder, "other"}, Principal{Principal::Kind::kState, "FR"},
        Principal{Principal::Kind::kService, "gw"}, Principal::Anonymous()}) {
    absl::Status s = CheckCanSeeReferrers(p, "acme");
    EXPECT_TRUE(absl::IsPermissionDenied(s));
    EXPECT_EQ(ErrorReason(s), "REFERRERS_NOT_VISIBLE");
  }
}

TEST(StakeholderReferencesTest, ReferrerPagesGoInIdOrder) {
  std::vector<Stakeholder> all;
  for (const char* id : {"c", "a", "d", "b"}) {
    Stakeholder s = Expert({"acme"});
    s.id = id;
    all.push_back(s);
  }
  bool more = false;
  auto first = ReferrerPage(all, "", 3, &more);
  ASSERT_EQ(first.size(), 3U);
  EXPECT_EQ(first[0].id, "a");
  EXPECT_EQ(first[2].id, "c");
  EXPECT_TRUE(more);
  auto second = ReferrerPage(all, "c", 3, &more);
  ASSERT_EQ(second.size(), 1U);
  EXPECT_EQ(second[0].id, "d");
  EXPECT_FALSE(more);
}

}  // namespace
}  // namespace polylateral::registry
