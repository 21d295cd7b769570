#include "services/registry/domain/stakeholder_rules.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/registry/domain/test_fixtures.h"

namespace polylateral::registry {
namespace {

using testing::ValidOrganisation;

std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : ErrorViolations(s)) out.push_back(v.field);
  return out;
}

TEST(StakeholderRulesTest, ValidOrganisationPassesAndGetsItsRegion) {
  Stakeholder s = ValidOrganisation();
  s.country = "br";
  ASSERT_TRUE(ValidateStakeholder(s).ok());
  EXPECT_EQ(s.country, "BR");
  EXPECT_EQ(s.region, vocabulary::Region::kLatinAmericanCaribbean);
}

TEST(StakeholderRulesTest, EveryBadFieldIsNamed) {
  Stakeholder s = ValidOrganisation();
  s.kind = StakeholderKind::kUnspecified;
  s.display_name = "   ";
  s.group = static_cast<vocabulary::StakeholderGroup>(42);
  s.country = "XX";
  s.themes = {"cybersecurity", "astrology", "cybersecurity"};
  s.languages = {"EN", "pt", "pt"};
  s.contact_email = "not-an-email";
  s.website = "javascript:alert(1)";
  s.constituency = std::string(101, 'a');
  absl::Status st = ValidateStakeholder(s);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(st), "INVALID_STAKEHOLDER");
  EXPECT_EQ(Fields(st),
            (std::vector<std::string>{
                "stakeholder.kind", "stakeholder.display_name", "stakeholder.stakeholder_group",
                "stakeholder.constituency", "stakeholder.country", "stakeholder.themes[1]",
                "stakeholder.themes[2]", "stakeholder.languages[0]", "stakeholder.languages[2]",
                "stakeholder.contact_email", "stakeholder.website"}));
}

TEST(StakeholderRulesTest, NamesAreBoundedInCharactersNotBytes) {
  Stakeholder s = ValidOrganisation();
  s.display_name = std::string(200 / 2, 'a') + [] {
    std::string out;
    for (int i = 0; i < 100; ++i) out += "é";
    return out;
  }();
  EXPECT_TRUE(ValidateStakeholder(s).ok());
  s.display_name += "x";
  EXPECT_EQ(Fields(ValidateStakeholder(s)), std::vector<std::string>{"stakeholder.display_name"});
  s.display_name = "bad\xff";
  EXPECT_EQ(Fields(ValidateStakeholder(s)), std::vector<std::string>{"stakeholder.display_name"});
}

TEST(StakeholderRulesTest, KindDecidesWhichReferencesAreAllowed) {
  Stakeholder org = ValidOrganisation();
  org.affiliations = {"acme"};
  org.network_members = {"beta"};
  EXPECT_EQ(Fields(ValidateStakeholder(org)),
            (std::vector<std::string>{"stakeholder.affiliations", "stakeholder.network_members"}));

  Stakeholder expert = ValidOrganisation("ana");
  expert.kind = StakeholderKind::kIndividualExpert;
  expert.affiliations = {"cgi-br", "cgi-br", "ana"};
  EXPECT_EQ(Fields(ValidateStakeholder(expert)),
            (std::vector<std::string>{"stakeholder.ecosoc_status", "stakeholder.affiliations[1]",
                                      "stakeholder.affiliations[2]"}));
  expert.ecosoc_status = vocabulary::EcosocStatus::kUnspecified;
  expert.affiliations = {"cgi-br"};
  EXPECT_TRUE(ValidateStakeholder(expert).ok());
  EXPECT_EQ(expert.ecosoc_status, vocabulary::EcosocStatus::kNone);
}

TEST(StakeholderRulesTest, MaskReplacesOnlyNamedFields) {
  Stakeholder current = ValidOrganisation();
  Stakeholder patch;
  patch.display_name = "CGI.br";
  patch.country = "AR";
  auto out = ApplyStakeholderMask(current, patch, {"display_name"});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->display_name, "CGI.br");
  EXPECT_EQ(out->country, "BR");
  EXPECT_EQ(out->themes, current.themes);
}

TEST(StakeholderRulesTest, MaskRefusesImmutableAndUnknownFields) {
  auto kind = ApplyStakeholderMask(ValidOrganisation(), {}, {"kind"});
  EXPECT_EQ(ErrorReason(kind.status()), "IMMUTABLE_FIELD");
  EXPECT_EQ(ErrorViolations(kind.status())[0].field, "update_mask");
  auto unknown = ApplyStakeholderMask(ValidOrganisation(), {}, {"colour"});
  EXPECT_EQ(ErrorReason(unknown.status()), "UNKNOWN_FIELD");
}

TEST(StakeholderRulesTest, EmptyMaskOrStarReplacesEverything) {
  Stakeholder patch = ValidOrganisation();
  patch.display_name = "Other";
  patch.website = "";
  for (const auto& mask : {std::vector<std::string>{}, std::vector<std::string>{"*"}}) {
    auto out = ApplyStakeholderMask(ValidOrganisation(), patch, mask);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out->display_name, "Other");
    EXPECT_EQ(out->website, "");
  }
}

TEST(StakeholderRulesTest, IndexLabelsIncludeThemeAncestors) {
  Stakeholder s = ValidOrganisation();
  ASSERT_TRUE(ValidateStakeholder(s).ok());
  auto labels = StakeholderIndexLabels(s);
  auto has = [&](const std::string& l) {
    return std::find(labels.begin(), labels.end(), l) != labels.end();
  };
  EXPECT_TRUE(has("all"));
  EXPECT_TRUE(has("group:6"));
  EXPECT_TRUE(has("region:4"));
  EXPECT_TRUE(has("country:BR"));
  EXPECT_TRUE(has("ecosoc:3"));
  EXPECT_TRUE(has("theme:incident-response"));
  EXPECT_TRUE(has("theme:cybersecurity"));  // ancestor of incident-response
  EXPECT_FALSE(has("theme:privacy"));
}

TEST(StakeholderRulesTest, SortKeyOrdersCaseInsensitivelyThenById) {
  Stakeholder a = ValidOrganisation("b-id");
  a.display_name = "Acme";
  Stakeholder b = ValidOrganisation("a-id");
  b.display_name = "acme";
  Stakeholder c = ValidOrganisation("c-id");
  c.display_name = "Beta";
  EXPECT_LT(StakeholderSortKey(b), StakeholderSortKey(a));  // same name: id decides
  EXPECT_LT(StakeholderSortKey(a), StakeholderSortKey(c));
}

TEST(StakeholderRulesTest, ExpertsHaveNoUniqueKey) {
  Stakeholder s = ValidOrganisation();
  s.display_name = " CGI.br ";
  EXPECT_EQ(StakeholderUniqueKey(s), "BR|cgi.br");
  s.kind = StakeholderKind::kIndividualExpert;
  EXPECT_EQ(StakeholderUniqueKey(s), "");
}

}  // namespace
}  // namespace polylateral::registry
