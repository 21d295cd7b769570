#include "services/routing/domain/audit_disclosure.h"

#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

// The principal `text` names; "anonymous" for the caller without one.
Principal Who(const std::string& text) {
  return text == "anonymous" ? Principal::Anonymous() : *ParsePrincipal(text);
}

audit::AuditEntry Route() {
  audit::AuditEntry e;
  e.seq = 1;
  e.principal = "stakeholder:acme";
  e.action = "routing.route";
  e.resource = "inputs/in-1";
  e.fields = {audit::PlainField("author", "acme"),
              audit::PlainField("destinations", "processes/gm/plenary")};
  return e;
}

TEST(RoutingAuditDisclosureTest, EveryCallerSeesEveryPlainField) {
  for (const char* who : {"anonymous", "stakeholder:other", "state:FR", "secretariat:gm"}) {
    std::vector<audit::AuditEntry> page = {Route()};
    ASSERT_TRUE(RoutingAuditDisclosure().Apply(Who(who), page).ok());
    EXPECT_EQ(page[0].fields[0].value, "acme") << who;
    EXPECT_EQ(page[0].fields[1].value, "processes/gm/plenary") << who;
  }
}

TEST(RoutingAuditDisclosureTest, ASensitiveFieldIsShownToOperatorsOnly) {
  audit::AuditEntry e = Route();
  e.fields.push_back(audit::SensitiveField("note", "private"));
  std::vector<audit::AuditEntry> page = {e};
  ASSERT_TRUE(RoutingAuditDisclosure().Apply(Who("secretariat:gm"), page).ok());
  EXPECT_TRUE(page[0].fields[2].redacted);
  EXPECT_FALSE(page[0].fields[0].redacted);
  page = {e};
  ASSERT_TRUE(RoutingAuditDisclosure().Apply(Who("operator:ops"), page).ok());
  EXPECT_EQ(page[0].fields[2].value, "private");
}

}  // namespace
}  // namespace polylateral::routing
