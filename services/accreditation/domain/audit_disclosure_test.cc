#include "services/accreditation/domain/audit_disclosure.h"

#include "common/audit/canonical.h"
#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::accreditation {
namespace {

// The principal `text` names; "anonymous" for the caller without one.
Principal Who(const std::string& text) {
  return text == "anonymous" ? Principal::Anonymous() : *ParsePrincipal(text);
}

audit::AuditEntry Lodged(const std::string& app, const std::string& objecting) {
  audit::AuditEntry e;
  e.seq = 1;
  e.principal = "state:" + objecting;
  e.action = "accreditation.objection.lodged";
  e.resource = "processes/oewg/applications/" + app;
  e.fields = {audit::PlainField("objecting_state", objecting),
              audit::SensitiveField("grounds", "Not independent of its government.")};
  return e;
}

class AccreditationAuditDisclosureTest : public ::testing::Test {
 protected:
  // Application "pub" under PUBLIC, "req" under STATES_ON_REQUEST, "cnt" under COUNT_ONLY,
  // each by stakeholder "acme"; any other id is unknown.
  AccreditationAuditDisclosure rule_{
      [this](const std::string& process, const std::string& id) -> absl::StatusOr<Application> {
        ++lookups_;
        if (fail_) return absl::UnavailableError("redis down");
        Application a;
        a.process = process;
        a.id = id;
        a.stakeholder = "acme";
        if (id == "pub")
          a.disclosure = Disclosure::kPublic;
        else if (id == "req")
          a.disclosure = Disclosure::kStatesOnRequest;
        else if (id == "cnt")
          a.disclosure = Disclosure::kCountOnly;
        else
          return NotFound("APPLICATION_NOT_FOUND", id);
        return a;
      }};
  int lookups_ = 0;
  bool fail_ = false;

  // Whether `caller` is shown the grounds of RU's objection to `app`.
  bool Shown(const std::string& caller, const std::string& app) {
    std::vector<audit::AuditEntry> page = {Lodged(app, "RU")};
    EXPECT_TRUE(rule_.Apply(Who(caller), page).ok());
    const audit::AuditField& g = page[0].fields[1];
    if (g.redacted) {
      EXPECT_TRUE(g.value.empty());
      EXPECT_EQ(g.digest, audit::Sha256("Not independent of its government."));
    }
    EXPECT_EQ(page[0].fields[0].value, "RU");  // plain fields are never touched
    return !g.redacted;
  }
};

TEST_F(AccreditationAuditDisclosureTest, GroundsFollowTheObjectionDisclosureRule) {
  // PUBLIC: everyone.
  for (const char* who : {"anonymous", "stakeholder:other", "state:FR", "operator:ops"}) {
    EXPECT_TRUE(Shown(who, "pub")) << who;
  }
  // STATES_ON_REQUEST: states, the applicant, the secretariat; not other stakeholders.
  EXPECT_TRUE(Shown("state:FR", "req"));
  EXPECT_TRUE(Shown("stakeholder:acme", "req"));
  EXPECT_TRUE(Shown("secretariat:oewg", "req"));
  EXPECT_FALSE(Shown("stakeholder:other", "req"));
  EXPECT_FALSE(Shown("anonymous", "req"));
  EXPECT_FALSE(Shown("secretariat:igf", "req"));
  // COUNT_ONLY: the objecting state itself, the secretariat and operators.
  EXPECT_TRUE(Shown("state:RU", "cnt"));
  EXPECT_TRUE(Shown("secretariat:oewg", "cnt"));
  EXPECT_TRUE(Shown("operator:ops", "cnt"));
  EXPECT_FALSE(Shown("state:FR", "cnt"));
  EXPECT_FALSE(Shown("stakeholder:acme", "cnt"));
  // An application the store does not know discloses nothing.
  EXPECT_FALSE(Shown("state:FR", "gone"));
}

TEST_F(AccreditationAuditDisclosureTest, OneLookupPerApplicationAndAFailingStoreFails) {
  std::vector<audit::AuditEntry> page = {Lodged("cnt", "RU"), Lodged("cnt", "CN"),
                                         Lodged("pub", "RU")};
  ASSERT_TRUE(rule_.Apply(Who("state:CN"), page).ok());
  EXPECT_EQ(lookups_, 2);
  EXPECT_TRUE(page[0].fields[1].redacted);
  EXPECT_FALSE(page[1].fields[1].redacted);
  EXPECT_FALSE(page[2].fields[1].redacted);
  fail_ = true;
  page = {Lodged("cnt", "RU")};
  EXPECT_EQ(rule_.Apply(Who("state:CN"), page).code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace polylateral::accreditation
