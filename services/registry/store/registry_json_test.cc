#include "services/registry/store/registry_json.h"

#include "gtest/gtest.h"
#include "services/registry/domain/test_fixtures.h"

namespace polylateral::registry {
namespace {

TEST(RegistryJsonTest, StakeholderRoundTrips) {
  Stakeholder s = testing::ValidOrganisation();
  s.region = vocabulary::Region::kLatinAmericanCaribbean;
  s.network_members = {"a", "b"};
  s.create_time = absl::FromUnixMicros(1700000000123456);
  s.version = 7;
  s.ecosoc_status_set_by = "operator:un-import";
  s.ecosoc_status_update_time = absl::FromUnixMicros(1690000000000001);
  auto back = StakeholderFromJson(StakeholderToJson(s));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->display_name, s.display_name);
  EXPECT_EQ(back->ecosoc_status_set_by, "operator:un-import");
  EXPECT_EQ(back->ecosoc_status_update_time, s.ecosoc_status_update_time);
  EXPECT_EQ(back->network_members, s.network_members);
  EXPECT_EQ(back->region, s.region);
  EXPECT_EQ(back->create_time, s.create_time);
  EXPECT_EQ(back->version, 7);
  EXPECT_EQ(StakeholderToJson(*back), StakeholderToJson(s));
}

TEST(RegistryJsonTest, StakeholdersStoredBeforeEcosocProvenanceStillRead) {
  Stakeholder s = testing::ValidOrganisation();
  std::string text = StakeholderToJson(s);
  for (const char* field : {"\"ecosoc_by\":\"\",", "\"ecosoc_us\":0,"}) {
    const size_t at = text.find(field);
    ASSERT_NE(at, std::string::npos) << text;
    text.erase(at, std::string(field).size());
  }
  auto back = StakeholderFromJson(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->ecosoc_status, s.ecosoc_status);
  EXPECT_EQ(back->ecosoc_status_set_by, "");
  EXPECT_EQ(back->ecosoc_status_update_time, absl::UnixEpoch());
}

TEST(RegistryJsonTest, ProcessRoundTrips) {
  Process p = testing::ValidProcess();
  ThematicGroup g;
  g.group_id = "dtg-1";
  g.display_name = "DTG 1";
  g.agenda.push_back({"CIP",
                      {"critical-infrastructure-protection"},
                      {true, absl::CivilDay(2026, 1, 1)},
                      {true, absl::CivilDay(2026, 6, 30)}});
  p.thematic_groups = {g};
  auto back = ProcessFromJson(ProcessToJson(p));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(ProcessToJson(*back), ProcessToJson(p));
  EXPECT_EQ(back->modalities.routes[1].notice_period, absl::Hours(24 * 14));
  EXPECT_EQ(back->thematic_groups[0].agenda[0].end_date.day, absl::CivilDay(2026, 6, 30));
  EXPECT_FALSE(back->sessions[0].written_input_opens.set);
}

TEST(RegistryJsonTest, CorruptRecordsAreDataLossNotCrashes) {
  for (const char* bad : {"", "{", "[]", "{\"id\": 5}", "{\"id\":\"x\",\"kind\":\"y\"}"}) {
    EXPECT_EQ(StakeholderFromJson(bad).status().code(), absl::StatusCode::kDataLoss) << bad;
    EXPECT_EQ(ProcessFromJson(bad).status().code(), absl::StatusCode::kDataLoss) << bad;
  }
}

}  // namespace
}  // namespace polylateral::registry
