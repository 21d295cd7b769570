#include "services/composition/bodies/nomination_rules.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::composition {
namespace {

Principal P(Principal::Kind kind, const std::string& id) { return {kind, id}; }

BodySpec Spec() {
  BodySpec spec;
  spec.min_seats = spec.max_seats = 4;
  spec.features = {{kGroupFeature, {{"CIVIL_SOCIETY", 1, 3}, {"ACADEMIA", 1, 3}}, false},
                   {"gender", {{"female", 2, 2}, {"male", 0, 2}}, false}};
  return spec;
}

Candidate Nominee(const std::string& id, const std::string& gender) {
  Candidate c;
  c.id = id;
  c.values["gender"] = {gender};
  return c;
}

TEST(NominationRulesTest, OnlyTheProcessSecretariatOrAnOperatorManagesBodies) {
  EXPECT_TRUE(CheckBodyManager(P(Principal::Kind::kSecretariat, "igf"), "igf").ok());
  EXPECT_TRUE(CheckBodyManager(P(Principal::Kind::kOperator, "ops"), "igf").ok());
  EXPECT_EQ(ErrorReason(CheckBodyManager(P(Principal::Kind::kSecretariat, "wsis"), "igf")),
            "ACCESS_DENIED");
  EXPECT_EQ(CheckBodyManager(P(Principal::Kind::kState, "BR"), "igf").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(NominationRulesTest, BodySpecNeedsASingleValuedGroupFeatureOfKnownGroups) {
  EXPECT_TRUE(CheckBodySpec(Spec()).ok());
  BodySpec none = Spec();
  none.features.erase(none.features.begin());
  EXPECT_EQ(ErrorReason(CheckBodySpec(none)), "INVALID_BODY");
  BodySpec unknown = Spec();
  unknown.features[0].values[1].value = "academics";
  absl::Status s = CheckBodySpec(unknown);
  EXPECT_EQ(ErrorReason(s), "INVALID_BODY");
  EXPECT_NE(s.message().find("academics"), absl::string_view::npos) << s;
  BodySpec multi = Spec();
  multi.features[0].multi_valued = true;
  EXPECT_EQ(ErrorReason(CheckBodySpec(multi)), "INVALID_BODY");
  // The solver's own shape checks still apply, with their reason.
  BodySpec bad = Spec();
  bad.features[1].values[0].min = 3;
  EXPECT_EQ(ErrorReason(CheckBodySpec(bad)), "INVALID_COMPOSITION_PROBLEM");
  // Seats beyond the nominations received so far are fine; beyond the limit they are not.
  BodySpec big = Spec();
  big.min_seats = big.max_seats = kMaxNominations + 1;
  EXPECT_EQ(ErrorReason(CheckBodySpec(big)), "INVALID_COMPOSITION_PROBLEM");
}

TEST(NominationRulesTest, EachGroupNominatesForItself) {
  EXPECT_EQ(*NominatingGroup(P(Principal::Kind::kStakeholder, "apc"), "", "CIVIL_SOCIETY"),
            "CIVIL_SOCIETY");
  EXPECT_EQ(
      *NominatingGroup(P(Principal::Kind::kStakeholder, "apc"), "CIVIL_SOCIETY", "CIVIL_SOCIETY"),
      "CIVIL_SOCIETY");
  EXPECT_EQ(*NominatingGroup(P(Principal::Kind::kState, "KE"), "", ""), "GOVERNMENT");
  EXPECT_EQ(ErrorReason(NominatingGroup(P(Principal::Kind::kStakeholder, "apc"), "ACADEMIA",
                                        "CIVIL_SOCIETY")
                            .status()),
            "NOT_OWN_GROUP");
  EXPECT_EQ(ErrorReason(NominatingGroup(P(Principal::Kind::kState, "KE"), "ACADEMIA", "").status()),
            "NOT_OWN_GROUP");
  // The secretariat keeps the rules but does not pick any group's nominees.
  EXPECT_EQ(ErrorReason(
                NominatingGroup(P(Principal::Kind::kSecretariat, "igf"), "ACADEMIA", "").status()),
            "ACCESS_DENIED");
  EXPECT_EQ(*NominatingGroup(P(Principal::Kind::kOperator, "ops"), "ACADEMIA", ""), "ACADEMIA");
  absl::Status missing = NominatingGroup(P(Principal::Kind::kOperator, "ops"), "", "").status();
  ASSERT_EQ(ErrorViolations(missing).size(), 1u);
  EXPECT_EQ(ErrorViolations(missing)[0].field, "nomination.stakeholder_group");
}

TEST(NominationRulesTest, NomineeGetsItsGroupAndIsCheckedAgainstTheSpec) {
  Candidate c = Nominee("stakeholders/ana", "female");
  ASSERT_TRUE(CompleteNominee(Spec(), "ACADEMIA", c).ok());
  EXPECT_EQ(c.values.at(kGroupFeature), std::vector<std::string>{"ACADEMIA"});

  Candidate other = Nominee("stakeholders/bo", "male");
  other.values[kGroupFeature] = {"CIVIL_SOCIETY"};
  EXPECT_EQ(ErrorReason(CompleteNominee(Spec(), "ACADEMIA", other)), "NOT_OWN_GROUP");

  Candidate absent = Nominee("stakeholders/cy", "male");
  EXPECT_EQ(ErrorReason(CompleteNominee(Spec(), "PRIVATE_SECTOR", absent)), "GROUP_NOT_IN_BODY");

  Candidate unknown = Nominee("stakeholders/di", "other");
  absl::Status s = CompleteNominee(Spec(), "ACADEMIA", unknown);
  EXPECT_EQ(ErrorReason(s), "INVALID_NOMINATION");
  ASSERT_FALSE(ErrorViolations(s).empty());
  EXPECT_EQ(ErrorViolations(s)[0].field, "nomination.candidate.values[gender]");

  Candidate no_id = Nominee("", "male");
  EXPECT_EQ(ErrorViolations(CompleteNominee(Spec(), "ACADEMIA", no_id))[0].field,
            "nomination.candidate.id");
}

TEST(NominationRulesTest, NominatorOrOperatorWithdraws) {
  EXPECT_TRUE(CheckWithdrawal(P(Principal::Kind::kStakeholder, "apc"), "stakeholder:apc").ok());
  EXPECT_TRUE(CheckWithdrawal(P(Principal::Kind::kOperator, "ops"), "stakeholder:apc").ok());
  EXPECT_EQ(ErrorReason(CheckWithdrawal(P(Principal::Kind::kStakeholder, "x"), "stakeholder:apc")),
            "NOT_OWN_NOMINATION");
}

}  // namespace
}  // namespace polylateral::composition
