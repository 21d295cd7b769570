#include "services/composition/api/audit_disclosure.h"

#include "gtest/gtest.h"

namespace polylateral::composition {
namespace {

// The principal `text` names; "anonymous" for the caller without one.
Principal Who(const std::string& text) {
  return text == "anonymous" ? Principal::Anonymous() : *ParsePrincipal(text);
}

audit::AuditEntry Draw() {
  audit::AuditEntry e;
  e.seq = 1;
  e.principal = "secretariat:igf";
  e.action = "composition.body.draw";
  e.resource = "processes/igf/bodies/mag";
  e.fields = {audit::PlainField("seed", "00ff"), audit::PlainField("members", "a,b,c")};
  return e;
}

// Whether `caller` sees field `i` of `e` after the rule.
bool Shown(const audit::AuditEntry& e, const char* caller, size_t i) {
  std::vector<audit::AuditEntry> page = {e};
  EXPECT_TRUE(CompositionAuditDisclosure().Apply(Who(caller), page).ok());
  return !page[0].fields[i].redacted;
}

TEST(CompositionAuditDisclosureTest, EveryCallerSeesADraw) {
  for (const char* who : {"anonymous", "stakeholder:acme", "state:FR", "secretariat:wsis"}) {
    EXPECT_TRUE(Shown(Draw(), who, 0)) << who;
    EXPECT_TRUE(Shown(Draw(), who, 1)) << who;
  }
}

TEST(CompositionAuditDisclosureTest, ASensitiveFieldIsTheProcessSecretariatsAndOperators) {
  audit::AuditEntry e = Draw();
  e.fields.push_back(audit::SensitiveField("note", "private"));
  EXPECT_TRUE(Shown(e, "secretariat:igf", 2));
  EXPECT_TRUE(Shown(e, "operator:ops", 2));
  EXPECT_FALSE(Shown(e, "secretariat:ig", 2));  // a prefix of the process id is another process
  EXPECT_FALSE(Shown(e, "secretariat:wsis", 2));
  EXPECT_FALSE(Shown(e, "stakeholder:acme", 2));
  EXPECT_TRUE(Shown(e, "stakeholder:acme", 0));
}

}  // namespace
}  // namespace polylateral::composition
