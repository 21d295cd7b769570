#include "services/accreditation/domain/access_rules.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/accreditation/domain/test_fixtures.h"

namespace polylateral::accreditation {
namespace {

Principal P(Principal::Kind k, const std::string& id) { return {k, id}; }
using K = Principal::Kind;

Application WithPolicy(Disclosure d) {
  Application a = testing::Draft();
  a.state = AppState::kInNotice;
  a.disclosure = d;
  a.rule = testing::Committee();
  return a;
}

TEST(Disclosure, PublicShowsEveryone) {
  Application a = WithPolicy(Disclosure::kPublic);
  EXPECT_TRUE(SeesObjection(Principal::Anonymous(), a, "FR"));
}

TEST(Disclosure, StatesOnRequest) {
  Application a = WithPolicy(Disclosure::kStatesOnRequest);
  EXPECT_TRUE(SeesObjection(P(K::kState, "BR"), a, "FR"));
  EXPECT_TRUE(SeesObjection(P(K::kStakeholder, "ngo"), a, "FR"));  // the applicant
  EXPECT_TRUE(SeesObjection(P(K::kSecretariat, "oewg"), a, "FR"));
  EXPECT_FALSE(SeesObjection(P(K::kStakeholder, "other"), a, "FR"));
  EXPECT_FALSE(SeesObjection(P(K::kSecretariat, "igf"), a, "FR"));
  EXPECT_FALSE(SeesObjection(Principal::Anonymous(), a, "FR"));
}

TEST(Disclosure, CountOnly) {
  Application a = WithPolicy(Disclosure::kCountOnly);
  EXPECT_FALSE(SeesObjection(P(K::kState, "BR"), a, "FR"));
  EXPECT_TRUE(SeesObjection(P(K::kState, "FR"), a, "FR"));  // its own
  EXPECT_FALSE(SeesObjection(P(K::kStakeholder, "ngo"), a, "FR"));
  EXPECT_TRUE(SeesObjection(P(K::kOperator, "ops"), a, "FR"));
}

TEST(Disclosure, ReportRows) {
  EXPECT_TRUE(SeesStateFigures(Principal::Anonymous(), Disclosure::kPublic, ""));
  EXPECT_FALSE(SeesStateFigures(Principal::Anonymous(), Disclosure::kStatesOnRequest, "oewg"));
  EXPECT_TRUE(SeesStateFigures(P(K::kState, "BR"), Disclosure::kStatesOnRequest, ""));
  EXPECT_FALSE(SeesStateFigures(P(K::kState, "BR"), Disclosure::kCountOnly, "oewg"));
  EXPECT_TRUE(SeesStateFigures(P(K::kSecretariat, "oewg"), Disclosure::kCountOnly, "oewg"));
  EXPECT_FALSE(SeesStateFigures(P(K::kSecretariat, "oewg"), Disclosure::kCountOnly, ""));
}

TEST(Principals, OnlyTheStateItselfOrAnOperatorListsItsObjections) {
  EXPECT_TRUE(MayListObjectionsOf(P(K::kState, "FR"), "FR").ok());
  EXPECT_TRUE(MayListObjectionsOf(P(K::kOperator, "ops"), "FR").ok());
  for (const Principal& p :
       {P(K::kState, "BR"), P(K::kSecretariat, "oewg"), P(K::kStakeholder, "ngo")}) {
    absl::Status s = MayListObjectionsOf(p, "FR");
    EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << p.ToString();
    EXPECT_EQ(ErrorReason(s), "NOT_OWN_OBJECTION") << p.ToString();
  }
}

TEST(Principals, WhoMayAct) {
  Application a = WithPolicy(Disclosure::kPublic);
  // The committee is the one passed in (the route's current one), not the snapshot.
  const std::vector<std::string> now = {"FR", "IN"};
  EXPECT_TRUE(MayReview(P(K::kState, "FR"), a, now).ok());
  EXPECT_EQ(ErrorReason(MayReview(P(K::kState, "CU"), a, now)), "NOT_COMMITTEE");
  EXPECT_EQ(ErrorReason(MayReview(P(K::kState, "FR"), a, {})), "NOT_COMMITTEE");
  EXPECT_TRUE(MayReview(P(K::kSecretariat, "oewg"), a, {}).ok());
  EXPECT_TRUE(MayObjectAs(P(K::kState, "FR"), "FR").ok());
  EXPECT_EQ(MayObjectAs(P(K::kState, "BR"), "FR").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(MayApplyFor(P(K::kStakeholder, "ngo"), "oewg", "ngo").ok());
  EXPECT_FALSE(MayApplyFor(P(K::kStakeholder, "ngo"), "oewg", "acme").ok());
  Application draft = testing::Draft();
  EXPECT_FALSE(MaySee(P(K::kState, "FR"), draft));
  EXPECT_TRUE(MaySee(P(K::kStakeholder, "ngo"), draft));
}

TEST(Access, Decisions) {
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  Accreditation acc;
  acc.status = AccStatus::kActive;
  acc.rights = {testing::Right::kAttendPlenary, testing::Right::kWrittenInput};
  acc.valid_from = t0;
  acc.valid_until = t0 + absl::Hours(1);
  EXPECT_TRUE(DecideAccess(acc, testing::Right::kAttendPlenary, t0).allowed);
  EXPECT_EQ(DecideAccess(acc, testing::Right::kOralStatements, t0).denial_reason,
            "RIGHT_NOT_GRANTED");
  EXPECT_EQ(DecideAccess(acc, testing::Right::kAttendPlenary, t0 - absl::Seconds(1)).denial_reason,
            "NOT_YET_VALID");
  EXPECT_EQ(DecideAccess(acc, testing::Right::kAttendPlenary, t0 + absl::Hours(1)).denial_reason,
            "EXPIRED");
  EXPECT_EQ(DecideAccess(std::nullopt, testing::Right::kAttendPlenary, t0).denial_reason,
            "NOT_ACCREDITED");
  acc.status = AccStatus::kSuspended;
  EXPECT_EQ(DecideAccess(acc, testing::Right::kAttendPlenary, t0).denial_reason, "SUSPENDED");
}

TEST(Access, Lifecycle) {
  Accreditation acc;
  acc.status = AccStatus::kActive;
  acc.version = 3;
  const absl::Time now = absl::FromUnixSeconds(5);
  auto s = ChangeStatus(acc, AccreditationAction::kSuspend, "conduct", now, "secretariat:oewg");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->accreditation.status, AccStatus::kSuspended);
  EXPECT_EQ(s->expected_version, 3);
  EXPECT_EQ(s->event.type, "accreditation.suspended");
  auto r = ChangeStatus(s->accreditation, AccreditationAction::kReinstate, "", now, "x");
  EXPECT_EQ(r->accreditation.status, AccStatus::kActive);
  auto v = ChangeStatus(acc, AccreditationAction::kRevoke, "fraud", now, "x");
  EXPECT_EQ(v->accreditation.status, AccStatus::kRevoked);
  EXPECT_EQ(
      ErrorReason(
          ChangeStatus(v->accreditation, AccreditationAction::kReinstate, "", now, "x").status()),
      "WRONG_STATUS");
}

TEST(Access, ExpiryOnlyOfALiveAccreditationPastItsValidity) {
  Accreditation acc;
  acc.process = "oewg";
  acc.stakeholder = "ngo";
  acc.status = AccStatus::kSuspended;
  acc.version = 3;
  acc.valid_until = absl::FromUnixSeconds(1000);
  EXPECT_EQ(ErrorReason(ExpiryChange(acc, absl::FromUnixSeconds(999)).status()), "NOT_DUE");
  auto c = ExpiryChange(acc, absl::FromUnixSeconds(1000));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->accreditation.status, AccStatus::kExpired);
  EXPECT_EQ(c->expected_version, 3);
  EXPECT_EQ(c->event.type, "accreditation.expired");
  acc.status = AccStatus::kRevoked;
  EXPECT_EQ(ErrorReason(ExpiryChange(acc, absl::FromUnixSeconds(1000)).status()), "NOT_DUE");
  acc.status = AccStatus::kActive;
  acc.valid_until = absl::InfiniteFuture();
  EXPECT_EQ(ErrorReason(ExpiryChange(acc, absl::FromUnixSeconds(1000)).status()), "NOT_DUE");
}

}  // namespace
}  // namespace polylateral::accreditation
