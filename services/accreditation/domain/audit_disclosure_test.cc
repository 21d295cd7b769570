#include "services/accreditation/domain/audit_disclosure.h"

#include "common/audit/canonical.h"
#include "common/audit/salt.h"
#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::accreditation {
namespace {

// The principal `text` names; "anonymous" for the caller without one.
Principal Who(const std::string& text) {
  return text == "anonymous" ? Principal::Anonymous() : *ParsePrincipal(text);
}

constexpr char kGrounds[] = "Not independent of its government.";

// An objection entry as objection.lua writes it from chain version 2 on: the objecting state,
// as principal and objecting_state, and the grounds salted.
audit::AuditEntry Lodged(const std::string& app, const std::string& objecting) {
  const std::string salt = audit::Sha256("entry salt");
  audit::AuditEntry e;
  e.seq = 1;
  e.version = audit::kChainV2;
  e.principal = "state:" + objecting;
  e.principal_sensitive = true;
  e.principal_salt = audit::FieldSalt(salt, audit::kPrincipalName, 0);
  e.action = "accreditation.objection.lodged";
  e.resource = "processes/oewg/applications/" + app;
  e.fields = {audit::PlainField("process", "oewg"),
              audit::SensitiveField("objecting_state", objecting,
                                    audit::FieldSalt(salt, "objecting_state", 2)),
              audit::SensitiveField("grounds", kGrounds, audit::FieldSalt(salt, "grounds", 3))};
  return e;
}

// The same objection as entries written before chain version 2 recorded it: the state plain.
audit::AuditEntry LodgedV1(const std::string& app, const std::string& objecting) {
  audit::AuditEntry e;
  e.seq = 1;
  e.principal = "state:" + objecting;
  e.action = "accreditation.objection.lodged";
  e.resource = "processes/oewg/applications/" + app;
  e.fields = {audit::PlainField("objecting_state", objecting),
              audit::SensitiveField("grounds", kGrounds)};
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

  // Whether `caller` is shown RU's objection to `app` (the state and the grounds, or only
  // their digests, which hash the same).
  bool Shown(const std::string& caller, const std::string& app) {
    const audit::AuditEntry full = Lodged(app, "RU");
    std::vector<audit::AuditEntry> page = {full};
    EXPECT_TRUE(rule_.Apply(Who(caller), page).ok());
    const audit::AuditEntry& e = page[0];
    EXPECT_EQ(*audit::ChainHash(e, audit::GenesisHash()),
              *audit::ChainHash(full, audit::GenesisHash()));
    EXPECT_EQ(e.fields[0].value, "oewg");  // plain fields are never touched
    const bool shown = !e.fields[2].redacted;
    // The state and the grounds go together.
    EXPECT_EQ(e.principal_redacted, !shown);
    EXPECT_EQ(e.fields[1].redacted, !shown);
    if (shown) {
      EXPECT_EQ(e.principal, "state:RU");
      EXPECT_EQ(e.fields[1].value, "RU");
      EXPECT_EQ(e.fields[2].value, kGrounds);
      EXPECT_EQ(e.fields[2].salt, full.fields[2].salt);
    } else {
      EXPECT_TRUE(e.principal.empty());
      EXPECT_TRUE(e.principal_salt.empty());
      EXPECT_TRUE(e.fields[1].value.empty());
      EXPECT_TRUE(e.fields[1].salt.empty());
      EXPECT_TRUE(e.fields[2].value.empty());
    }
    // The v1 form of the same objection: shown whole, or withheld (only its seal stands
    // for it: its plain state cannot be redacted).
    std::vector<audit::AuditEntry> old = {LodgedV1(app, "RU")};
    EXPECT_TRUE(rule_.Apply(Who(caller), old).ok());
    EXPECT_EQ(old[0].withheld, !shown);
    if (shown) {
      EXPECT_EQ(old[0].principal, "state:RU");
      EXPECT_EQ(old[0].fields[1].value, kGrounds);
    } else {
      EXPECT_TRUE(old[0].principal.empty());
      EXPECT_TRUE(old[0].fields.empty());
      EXPECT_EQ(old[0].action, "accreditation.objection.lodged");
    }
    return shown;
  }
};

TEST_F(AccreditationAuditDisclosureTest, StateAndGroundsFollowTheObjectionDisclosureRule) {
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
  EXPECT_TRUE(page[0].principal_redacted);  // RU's, under COUNT_ONLY
  EXPECT_TRUE(page[0].fields[2].redacted);
  EXPECT_EQ(page[1].principal, "state:CN");  // its own
  EXPECT_FALSE(page[1].fields[2].redacted);
  EXPECT_FALSE(page[2].fields[2].redacted);  // PUBLIC
  fail_ = true;
  page = {Lodged("cnt", "RU")};
  EXPECT_EQ(rule_.Apply(Who("state:CN"), page).code(), absl::StatusCode::kUnavailable);
}

TEST_F(AccreditationAuditDisclosureTest, EntriesWithoutSensitiveValuesAreShownWhole) {
  audit::AuditEntry submitted;
  submitted.seq = 2;
  submitted.version = audit::kChainV2;
  submitted.principal = "stakeholder:acme";
  submitted.action = "accreditation.application.submitted";
  submitted.resource = "processes/oewg/applications/cnt";
  submitted.fields = {audit::PlainField("state", "IN_NOTICE")};
  std::vector<audit::AuditEntry> page = {submitted};
  ASSERT_TRUE(rule_.Apply(Who("anonymous"), page).ok());
  EXPECT_EQ(page[0].principal, "stakeholder:acme");
  EXPECT_FALSE(page[0].withheld);
  EXPECT_EQ(lookups_, 0);  // nothing to decide
}

}  // namespace
}  // namespace polylateral::accreditation
