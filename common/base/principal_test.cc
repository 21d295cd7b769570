#include "common/base/principal.h"

#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(PrincipalTest, ParsesEveryKind) {
  EXPECT_EQ(ParsePrincipal("secretariat:oewg-ict")->kind, Principal::Kind::kSecretariat);
  EXPECT_EQ(ParsePrincipal("stakeholder:s1")->id, "s1");
  EXPECT_EQ(ParsePrincipal("operator:ana")->kind, Principal::Kind::kOperator);
  EXPECT_EQ(ParsePrincipal("service:routing")->kind, Principal::Kind::kService);
}

TEST(PrincipalTest, StateCodesAreUpperCase) {
  auto p = ParsePrincipal("state:br");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->ToString(), "state:BR");
}

TEST(PrincipalTest, RefusesMalformed) {
  for (const char* bad : {"", "state", "state:", "king:x", "state:B R", ":x"}) {
    EXPECT_EQ(ParsePrincipal(bad).status().code(), absl::StatusCode::kPermissionDenied) << bad;
  }
}

}  // namespace
}  // namespace polylateral
