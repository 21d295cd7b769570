#include "services/registry/domain/stakeholder_access.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/registry/domain/test_fixtures.h"

namespace polylateral::registry {
namespace {

const Principal kOps{Principal::Kind::kOperator, "ops"};
const Principal kSecretariat{Principal::Kind::kSecretariat, "igf"};
const Principal kState{Principal::Kind::kState, "BR"};
const Principal kService{Principal::Kind::kService, "routing"};

Principal Self(const std::string& id) { return {Principal::Kind::kStakeholder, id}; }

// A record a stakeholder may register for itself: no ECOSOC status, not a government.
Stakeholder SelfRegistrable(const std::string& id = "cgi-br") {
  Stakeholder s = testing::ValidOrganisation(id);
  s.ecosoc_status = vocabulary::EcosocStatus::kNone;
  return s;
}

std::string Reason(const absl::Status& s) { return s.ok() ? "OK" : ErrorReason(s); }

TEST(StakeholderAccessTest, AStakeholderCreatesOnlyItsOwnRecord) {
  EXPECT_EQ(NewStakeholderId(Self("cgi-br"), ""), "cgi-br");
  EXPECT_EQ(NewStakeholderId(Self("cgi-br"), "other"), "other");
  EXPECT_EQ(NewStakeholderId(kOps, ""), "");
  EXPECT_EQ(NewStakeholderId(kSecretariat, ""), "");

  EXPECT_TRUE(CheckCanCreateStakeholder(Self("cgi-br"), SelfRegistrable(), "cgi-br").ok());
  const absl::Status other = CheckCanCreateStakeholder(Self("squatter"), SelfRegistrable(), "isoc");
  EXPECT_EQ(other.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Reason(other), "NOT_OWN_STAKEHOLDER");
  EXPECT_EQ(ErrorViolations(other).at(0).field, "stakeholder_id");
}

TEST(StakeholderAccessTest, StatesServicesAndAnonymousCallersCreateNothing) {
  EXPECT_EQ(Reason(CheckCanCreateStakeholder(kState, SelfRegistrable(), "x-org")),
            "NOT_STAKEHOLDER_REGISTRAR");
  EXPECT_EQ(Reason(CheckCanCreateStakeholder(kService, SelfRegistrable(), "x-org")),
            "NOT_STAKEHOLDER_REGISTRAR");
  EXPECT_EQ(Reason(CheckCanCreateStakeholder(Principal::Anonymous(), SelfRegistrable(), "")),
            "ANONYMOUS_CALLER");
}

TEST(StakeholderAccessTest, SecretariatsRegisterParticipantsButNoGovernments) {
  EXPECT_TRUE(CheckCanCreateStakeholder(kSecretariat, SelfRegistrable(), "any-id").ok());
  EXPECT_TRUE(CheckCanCreateStakeholder(kSecretariat, SelfRegistrable(), "").ok());
  for (auto group : {vocabulary::StakeholderGroup::kGovernment,
                     vocabulary::StakeholderGroup::kIntergovernmental}) {
    Stakeholder s = SelfRegistrable();
    s.group = group;
    const absl::Status st = CheckCanCreateStakeholder(kSecretariat, s, "");
    EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(Reason(st), "STAKEHOLDER_GROUP_NEEDS_OPERATOR");
    EXPECT_EQ(ErrorViolations(st).at(0).field, "stakeholder.stakeholder_group");
    EXPECT_EQ(Reason(CheckCanCreateStakeholder(Self("cgi-br"), s, "cgi-br")),
              "STAKEHOLDER_GROUP_NEEDS_OPERATOR");
    EXPECT_TRUE(CheckCanCreateStakeholder(kOps, s, "").ok());
  }
}

TEST(StakeholderAccessTest, OnlyOperatorsCreateWithAnEcosocStatus) {
  for (auto status :
       {vocabulary::EcosocStatus::kGeneral, vocabulary::EcosocStatus::kSpecial,
        vocabulary::EcosocStatus::kRoster, static_cast<vocabulary::EcosocStatus>(99)}) {
    Stakeholder s = SelfRegistrable();
    s.ecosoc_status = status;
    const absl::Status own = CheckCanCreateStakeholder(Self("cgi-br"), s, "cgi-br");
    EXPECT_EQ(own.code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(Reason(own), "ECOSOC_STATUS_NEEDS_OPERATOR");
    EXPECT_EQ(ErrorViolations(own).at(0).field, "stakeholder.ecosoc_status");
    EXPECT_EQ(Reason(CheckCanCreateStakeholder(kSecretariat, s, "")),
              "ECOSOC_STATUS_NEEDS_OPERATOR");
  }
  Stakeholder general = SelfRegistrable();
  general.ecosoc_status = vocabulary::EcosocStatus::kGeneral;
  EXPECT_TRUE(CheckCanCreateStakeholder(kOps, general, "").ok());
  Stakeholder unset = SelfRegistrable();
  unset.ecosoc_status = vocabulary::EcosocStatus::kUnspecified;
  EXPECT_TRUE(CheckCanCreateStakeholder(Self("cgi-br"), unset, "cgi-br").ok());
}

TEST(StakeholderAccessTest, OnlyTheStakeholderOrAnOperatorEdits) {
  EXPECT_TRUE(CheckCanEditStakeholder(Self("a"), "a").ok());
  EXPECT_TRUE(CheckCanEditStakeholder(kOps, "a").ok());
  EXPECT_EQ(Reason(CheckCanEditStakeholder(Self("b"), "a")), "NOT_STAKEHOLDER_OWNER");
  EXPECT_EQ(Reason(CheckCanEditStakeholder(kState, "a")), "NOT_STAKEHOLDER_OWNER");
  EXPECT_EQ(Reason(CheckCanEditStakeholder(kSecretariat, "a")), "NOT_STAKEHOLDER_OWNER");
}

TEST(StakeholderAccessTest, GroupAndEcosocChangesNeedAnOperator) {
  const Stakeholder current = testing::ValidOrganisation("cgi-br");  // SPECIAL status
  Stakeholder renamed = current;
  renamed.display_name = "CGI.br";
  EXPECT_TRUE(CheckCanUpdateStakeholder(Self("cgi-br"), current, renamed).ok());
  EXPECT_EQ(Reason(CheckCanUpdateStakeholder(Self("other"), current, renamed)),
            "NOT_STAKEHOLDER_OWNER");

  Stakeholder regrouped = current;
  regrouped.group = vocabulary::StakeholderGroup::kCivilSociety;
  EXPECT_EQ(Reason(CheckCanUpdateStakeholder(Self("cgi-br"), current, regrouped)),
            "STAKEHOLDER_GROUP_NEEDS_OPERATOR");
  EXPECT_TRUE(CheckCanUpdateStakeholder(kOps, current, regrouped).ok());

  Stakeholder promoted = current;
  promoted.ecosoc_status = vocabulary::EcosocStatus::kGeneral;
  EXPECT_EQ(Reason(CheckCanUpdateStakeholder(Self("cgi-br"), current, promoted)),
            "ECOSOC_STATUS_NEEDS_OPERATOR");
  Stakeholder dropped = current;
  dropped.ecosoc_status = vocabulary::EcosocStatus::kUnspecified;
  EXPECT_EQ(Reason(CheckCanUpdateStakeholder(Self("cgi-br"), current, dropped)),
            "ECOSOC_STATUS_NEEDS_OPERATOR");
  EXPECT_TRUE(CheckCanUpdateStakeholder(kOps, current, promoted).ok());

  // Unset and NO_STATUS are one value: a full replace that leaves the status unset is no change.
  Stakeholder none = SelfRegistrable();
  Stakeholder unset = none;
  unset.ecosoc_status = vocabulary::EcosocStatus::kUnspecified;
  EXPECT_TRUE(CheckCanUpdateStakeholder(Self("cgi-br"), none, unset).ok());
}

TEST(StakeholderAccessTest, EcosocChangesRecordWhoAndWhen) {
  const absl::Time t1 = absl::FromUnixSeconds(1000);
  const absl::Time t2 = absl::FromUnixSeconds(2000);

  Stakeholder plain = SelfRegistrable();
  plain.ecosoc_status_set_by = "stakeholder:forged";  // output only: never taken from a caller
  StampEcosocStatus(nullptr, Self("cgi-br"), t1, plain);
  EXPECT_EQ(plain.ecosoc_status_set_by, "");
  EXPECT_EQ(plain.ecosoc_status_update_time, absl::UnixEpoch());

  Stakeholder listed = SelfRegistrable();
  listed.ecosoc_status = vocabulary::EcosocStatus::kSpecial;
  StampEcosocStatus(nullptr, kOps, t1, listed);
  EXPECT_EQ(listed.ecosoc_status_set_by, "operator:ops");
  EXPECT_EQ(listed.ecosoc_status_update_time, t1);

  Stakeholder renamed = listed;
  renamed.display_name = "Renamed";
  renamed.ecosoc_status_set_by.clear();
  StampEcosocStatus(&listed, Self("cgi-br"), t2, renamed);
  EXPECT_EQ(renamed.ecosoc_status_set_by, "operator:ops");
  EXPECT_EQ(renamed.ecosoc_status_update_time, t1);

  Stakeholder promoted = listed;
  promoted.ecosoc_status = vocabulary::EcosocStatus::kGeneral;
  StampEcosocStatus(&listed, Principal{Principal::Kind::kOperator, "un-import"}, t2, promoted);
  EXPECT_EQ(promoted.ecosoc_status_set_by, "operator:un-import");
  EXPECT_EQ(promoted.ecosoc_status_update_time, t2);
}

}  // namespace
}  // namespace polylateral::registry
