#include "common/edge/identity.h"

#include "gtest/gtest.h"

namespace polylateral::edge {
namespace {

TEST(PrincipalFromSpiffeId, ReadsKindAndIdInTheTrustDomain) {
  auto p = PrincipalFromSpiffeId("spiffe://polylateral/state/fr", "polylateral");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->ToString(), "state:FR");
  p = PrincipalFromSpiffeId("spiffe://polylateral/service/registry", "polylateral");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->ToString(), "service:registry");
}

TEST(PrincipalFromSpiffeId, AnythingElseIsNoPrincipal) {
  EXPECT_FALSE(PrincipalFromSpiffeId("spiffe://other/state/FR", "polylateral"));
  EXPECT_FALSE(PrincipalFromSpiffeId("spiffe://polylateral.evil/state/FR", "polylateral"));
  EXPECT_FALSE(PrincipalFromSpiffeId("spiffe://polylateral/king/FR", "polylateral"));
  EXPECT_FALSE(PrincipalFromSpiffeId("spiffe://polylateral/state", "polylateral"));
  EXPECT_FALSE(PrincipalFromSpiffeId("spiffe://polylateral/state/", "polylateral"));
  EXPECT_FALSE(PrincipalFromSpiffeId("spiffe://polylateral/state/F R", "polylateral"));
  EXPECT_FALSE(PrincipalFromSpiffeId("https://polylateral/state/FR", "polylateral"));
  EXPECT_FALSE(PrincipalFromSpiffeId("spiffe://polylateral/state/FR", ""));
}

TEST(SpiffeIdOf, IsTheInverse) {
  Principal p{Principal::Kind::kSecretariat, "oewg-ict"};
  EXPECT_EQ(SpiffeIdOf(p, "polylateral"), "spiffe://polylateral/secretariat/oewg-ict");
  EXPECT_EQ(PrincipalFromSpiffeId(SpiffeIdOf(p, "polylateral"), "polylateral"), p);
}

TEST(PrincipalListed, ExactOrPrefix) {
  const Principal gateway{Principal::Kind::kService, "gateway"};
  const Principal portal{Principal::Kind::kService, "portal-1"};
  EXPECT_TRUE(PrincipalListed(gateway, {"service:gateway"}));
  EXPECT_FALSE(PrincipalListed(portal, {"service:gateway"}));
  EXPECT_TRUE(PrincipalListed(portal, {"service:gateway", "service:portal-*"}));
  EXPECT_FALSE(PrincipalListed(Principal::Anonymous(), {"*"}));
}

}  // namespace
}  // namespace polylateral::edge
