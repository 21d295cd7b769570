#include "services/registry/domain/stakeholder_query.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::registry {
namespace {

TEST(StakeholderQueryTest, DefaultsAndNormalises) {
  StakeholderQuery q;
  q.country = "br";
  q.name_prefix = "CGI";
  ASSERT_TRUE(ValidateStakeholderQuery(q).ok());
  EXPECT_EQ(q.page_size, 50);
  EXPECT_EQ(q.country, "BR");
  EXPECT_EQ(q.name_prefix, "cgi");
}

TEST(StakeholderQueryTest, NamesEachBadFilter) {
  StakeholderQuery q;
  q.country = "XX";
  q.theme = "astrology";
  q.member_of_network = "Bad Id";
  q.group = static_cast<vocabulary::StakeholderGroup>(9);
  absl::Status st = ValidateStakeholderQuery(q);
  std::vector<std::string> fields;
  for (const auto& v : ErrorViolations(st)) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"stakeholder_group", "country", "theme",
                                              "member_of_network"}));
}

TEST(StakeholderQueryTest, RefusesANegativePageSizeOnItsOwn) {
  StakeholderQuery q;
  q.page_size = -1;
  q.country = "XX";
  absl::Status st = ValidateStakeholderQuery(q);
  EXPECT_EQ(ErrorReason(st), "INVALID_PAGE_SIZE");
  ASSERT_EQ(ErrorViolations(st).size(), 1u);
  EXPECT_EQ(ErrorViolations(st)[0].field, "page_size");
  q.page_size = 200;
  EXPECT_EQ(ErrorReason(ValidateStakeholderQuery(q)), "INVALID_QUERY");
}

TEST(StakeholderQueryTest, NoFiltersMeansTheAllIndex) {
  EXPECT_EQ(QueryIndexLabels(StakeholderQuery{}), std::vector<std::string>{"all"});
}

TEST(StakeholderQueryTest, CombinedFiltersIntersect) {
  StakeholderQuery q;
  q.group = vocabulary::StakeholderGroup::kCivilSociety;
  q.region = vocabulary::Region::kAfrican;
  q.theme = "cybersecurity";
  q.member_of_network = "jcs-network";
  EXPECT_EQ(
      QueryIndexLabels(q),
      (std::vector<std::string>{"group:4", "region:1", "theme:cybersecurity", "net:jcs-network"}));
}

TEST(StakeholderQueryTest, TheNetworksOfAMemberComeFromTheirOwnIndex) {
  StakeholderQuery q;
  q.kind = StakeholderKind::kNetwork;
  q.has_member = "acme-security";
  EXPECT_EQ(QueryIndexLabels(q), (std::vector<std::string>{"kind:3", "netof:acme-security"}));
  q.has_member = "Bad Id";
  q.page_size = 10;
  EXPECT_EQ(ErrorReason(ValidateStakeholderQuery(q)), "INVALID_QUERY");
}

TEST(StakeholderQueryTest, CanonicalFormIgnoresPageSizeButNotFilters) {
  StakeholderQuery a, b, c;
  a.page_size = 10;
  b.page_size = 20;
  c.name_prefix = "x";
  EXPECT_EQ(CanonicalStakeholderQuery(a), CanonicalStakeholderQuery(b));
  EXPECT_NE(CanonicalStakeholderQuery(a), CanonicalStakeholderQuery(c));
}

}  // namespace
}  // namespace polylateral::registry
