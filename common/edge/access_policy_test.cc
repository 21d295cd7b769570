#include "common/edge/access_policy.h"

#include "gtest/gtest.h"

namespace polylateral::server {
namespace {

constexpr char kPolicy[] = R"({
  "name": "test",
  "deny_rules": [{"name": "no-states-delete", "request": {"paths": ["/svc.S/Delete*"]},
                  "source": {"principals": ["state:*"]}}],
  "allow_rules": [
    {"name": "reads", "request": {"paths": ["/svc.S/Get*", "/svc.S/List*"]}},
    {"name": "writes", "request": {"paths": ["/svc.S/*"]},
     "source": {"principals": ["operator:*", "state:*", "secretariat:oewg"]}}
  ]
})";

Principal P(const char* s) { return *ParsePrincipal(s); }

TEST(AccessPolicyTest, ReadsAreOpenToAnonymousCallers) {
  auto policy = AccessPolicy::Parse(kPolicy);
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_TRUE(policy->Check("/svc.S/GetThing", Principal::Anonymous()).ok());
  EXPECT_TRUE(policy->Check("/svc.S/ListThings", P("stakeholder:x")).ok());
}

TEST(AccessPolicyTest, WritesNeedAMatchingPrincipal) {
  auto policy = AccessPolicy::Parse(kPolicy);
  EXPECT_TRUE(policy->Check("/svc.S/CreateThing", P("operator:ana")).ok());
  EXPECT_TRUE(policy->Check("/svc.S/CreateThing", P("secretariat:oewg")).ok());
  EXPECT_EQ(policy->Check("/svc.S/CreateThing", P("secretariat:igf")).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(policy->Check("/svc.S/CreateThing", Principal::Anonymous()).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AccessPolicyTest, DenyRulesWinOverAllowRules) {
  auto policy = AccessPolicy::Parse(kPolicy);
  EXPECT_EQ(policy->Check("/svc.S/DeleteThing", P("state:BR")).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(policy->Check("/svc.S/DeleteThing", P("operator:ana")).ok());
}

TEST(AccessPolicyTest, UnmatchedMethodIsDenied) {
  auto policy = AccessPolicy::Parse(kPolicy);
  EXPECT_EQ(policy->Check("/other.S/GetThing", Principal::Anonymous()).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AccessPolicyTest, RejectsMalformedPolicies) {
  EXPECT_FALSE(AccessPolicy::Parse("not json").ok());
  EXPECT_FALSE(AccessPolicy::Parse(R"({"allow_rules": [{"name": "x"}]})").ok());
  EXPECT_FALSE(AccessPolicy::Parse(R"({"allow_rules": {"name": "x"}})").ok());
}

}  // namespace
}  // namespace polylateral::server
