#include "services/registry/domain/registry_audit.h"

#include "gtest/gtest.h"
#include "services/registry/domain/test_fixtures.h"

namespace polylateral::registry {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

TEST(RegistryAudit, ADeletionNamesTheStakeholdersItTookTheReferenceOutOf) {
  Stakeholder gone = testing::ValidOrganisation("acme");
  Stakeholder b = testing::ValidOrganisation("b-net");
  Stakeholder a = testing::ValidOrganisation("a-expert");
  const AuditNote note = StakeholderDeleted(gone, {b, a});
  EXPECT_EQ(note.action, "registry.stakeholder.deleted");
  EXPECT_EQ(note.resource, "stakeholders/acme");
  EXPECT_EQ(note.fields, (Fields{{"display_name", gone.display_name},
                                 {"references_removed_from", "a-expert,b-net"}}));
  EXPECT_EQ(StakeholderDeleted(gone, {}).fields[1],
            (std::pair<std::string, std::string>{"references_removed_from", ""}));
}

TEST(RegistryAudit, ARemovedReferenceIsRecordedOnTheReferrer) {
  const AuditNote note = ReferenceRemoved("acme", testing::ValidOrganisation("net"));
  EXPECT_EQ(note.action, "registry.reference.removed");
  EXPECT_EQ(note.resource, "stakeholders/net");
  EXPECT_EQ(note.fields, (Fields{{"referenced", "stakeholders/acme"}, {"cause", "DISOWNED"}}));
}

TEST(RegistryAudit, AnEcosocStatusIsAnEntryOnlyWhenItChanges) {
  Stakeholder s = testing::ValidOrganisation();  // SPECIAL
  auto created = EcosocStatusSet(nullptr, s);
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->action, "registry.stakeholder.ecosoc_status_set");
  EXPECT_EQ(created->fields, (Fields{{"ecosoc_status", "SPECIAL"}, {"previous", "NO_STATUS"}}));
  EXPECT_FALSE(EcosocStatusSet(&s, s).has_value());
  Stakeholder none = s;
  none.ecosoc_status = vocabulary::EcosocStatus::kNone;
  EXPECT_FALSE(EcosocStatusSet(nullptr, none).has_value());
  Stakeholder unspecified = none;
  unspecified.ecosoc_status = vocabulary::EcosocStatus::kUnspecified;
  EXPECT_FALSE(EcosocStatusSet(&none, unspecified).has_value()) << "stored as the same value";
  auto withdrawn = EcosocStatusSet(&s, none);
  ASSERT_TRUE(withdrawn.has_value());
  EXPECT_EQ(withdrawn->fields, (Fields{{"ecosoc_status", "NO_STATUS"}, {"previous", "SPECIAL"}}));
}

TEST(RegistryAudit, ProcessEntriesNameTheirRoutesAndCommitteeRotations) {
  Process p = testing::ValidProcess("oewg");
  AccreditationRoute committee;
  committee.route_id = "committee";
  committee.kind = RouteKind::kCommitteeReview;
  committee.committee_states = {"FR", "KE"};
  p.modalities.routes.push_back(committee);
  p.version = 3;
  const AuditNote created = ProcessCreated(p);
  EXPECT_EQ(created.action, "registry.process.created");
  EXPECT_EQ(created.resource, "processes/oewg");
  EXPECT_EQ(created.fields, (Fields{{"display_name", p.display_name},
                                    {"host_institution", p.host_institution},
                                    {"routes", "ecosoc,non-objection,committee"},
                                    {"committee:committee", "FR,KE"}}));

  Process rotated = p;
  rotated.modalities.routes.back().committee_states = {"FR", "BR"};
  const AuditNote updated = ProcessUpdated(p, rotated, {"modalities"});
  EXPECT_EQ(updated.action, "registry.process.updated");
  EXPECT_EQ(updated.fields, (Fields{{"version", "4"},
                                    {"replaced", "modalities"},
                                    {"committee:committee", "FR,BR"},
                                    {"previous_committee:committee", "FR,KE"}}));
  // No rotation: the fields replaced only.
  EXPECT_EQ(ProcessUpdated(p, p, {"description", "themes"}).fields,
            (Fields{{"version", "4"}, {"replaced", "description,themes"}}));

  const AuditNote deleted = ProcessDeleted(p);
  EXPECT_EQ(deleted.action, "registry.process.deleted");
  EXPECT_EQ(deleted.fields, (Fields{{"display_name", p.display_name}, {"version", "3"}}));
}

}  // namespace
}  // namespace polylateral::registry
