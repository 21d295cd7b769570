#include "services/routing/client/registry_decoding.h"

#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

registry::v1::Process StoredProcess() {
  registry::v1::Process p;
  p.set_name("processes/global-mechanism");
  p.set_display_name("Global Mechanism");
  p.add_themes("themes/cybersecurity");
  auto* s = p.add_sessions();
  s->set_session_id("s1");
  s->mutable_written_input_opens()->set_year(2026);
  s->mutable_written_input_opens()->set_month(2);
  s->mutable_written_input_opens()->set_day(1);
  auto* g = p.add_thematic_groups();
  g->set_group_id("tg-cip");
  g->add_themes("themes/critical-infrastructure-protection");
  auto* a = g->add_agenda();
  a->set_title("Protecting critical infrastructure");
  a->add_themes("themes/incident-response");
  return p;
}

TEST(RegistryDecodingTest, DecodesWhatRoutingReads) {
  auto p = DecodeProcess(StoredProcess());
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->id, "global-mechanism");
  EXPECT_EQ(p->themes, std::vector<std::string>{"cybersecurity"});
  ASSERT_EQ(p->sessions.size(), 1u);
  EXPECT_TRUE(p->sessions[0].written_input_opens.set);
  EXPECT_EQ(p->sessions[0].written_input_opens.day, absl::CivilDay(2026, 2, 1));
  EXPECT_FALSE(p->sessions[0].written_input_closes.set);
  ASSERT_EQ(p->thematic_groups.size(), 1u);
  EXPECT_EQ(p->thematic_groups[0].themes,
            std::vector<std::string>{"critical-infrastructure-protection"});
  ASSERT_EQ(p->thematic_groups[0].agenda.size(), 1u);
  EXPECT_EQ(p->thematic_groups[0].agenda[0].themes, std::vector<std::string>{"incident-response"});
}

// The registry's input rules (a theme must be themes/{id}, ...) may tighten after a process
// was stored; routing still routes into it.
TEST(RegistryDecodingTest, KeepsAProcessTheRegistryWouldNoLongerAccept) {
  registry::v1::Process stored = StoredProcess();
  stored.add_themes("capacity-building");
  stored.mutable_modalities()->add_routes()->add_qualifying_processes("not a name");
  auto p = DecodeProcess(stored);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->themes, (std::vector<std::string>{"cybersecurity", "capacity-building"}));
}

TEST(RegistryDecodingTest, AProcessWithoutANameFailsClearly) {
  registry::v1::Process stored = StoredProcess();
  stored.clear_name();
  auto p = DecodeProcess(stored);
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInternal);
  EXPECT_NE(p.status().message().find("process"), std::string::npos);
}

TEST(RegistryDecodingTest, DecodesAStakeholderAndWhetherItIsANetwork) {
  registry::v1::Stakeholder s;
  s.set_name("stakeholders/cs-network");
  s.set_display_name("Civil society network");
  s.set_stakeholder_group(type::v1::CIVIL_SOCIETY);
  s.set_region(type::v1::AFRICAN);
  s.set_country("KE");
  s.set_kind(registry::v1::Stakeholder::NETWORK);
  auto d = DecodeStakeholder(s);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->id, "cs-network");
  EXPECT_EQ(d->group, vocabulary::StakeholderGroup::kCivilSociety);
  EXPECT_EQ(d->region, vocabulary::Region::kAfrican);
  EXPECT_EQ(d->country, "KE");
  EXPECT_TRUE(d->is_network);
  s.set_kind(registry::v1::Stakeholder::ORGANISATION);
  EXPECT_FALSE(DecodeStakeholder(s)->is_network);
  s.set_name("cs-network");
  EXPECT_EQ(DecodeStakeholder(s).status().code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace polylateral::routing
