#include "services/registry/domain/process_rules.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/registry/domain/test_fixtures.h"

namespace polylateral::registry {
namespace {

using testing::ValidProcess;

std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : ErrorViolations(s)) out.push_back(v.field);
  return out;
}

TEST(ProcessRulesTest, ValidProcessPasses) {
  Process p = ValidProcess();
  EXPECT_TRUE(ValidateProcess(p).ok());
}

TEST(ProcessRulesTest, ModalitiesAreRequired) {
  Process p = ValidProcess();
  p.has_modalities = false;
  EXPECT_EQ(Fields(ValidateProcess(p)), std::vector<std::string>{"process.modalities"});
}

TEST(ProcessRulesTest, RouteRulesDependOnTheRouteKind) {
  Process p = ValidProcess();
  auto& routes = p.modalities.routes;
  routes[0].qualifying_ecosoc_statuses = {vocabulary::EcosocStatus::kNone};
  routes[1].objection_rule.kind = ObjectionRuleKind::kFractionOfStatesPresent;
  routes[1].objection_rule.fraction_of_states_present = 1.5;
  routes[1].notice_period = absl::Seconds(5);
  AccreditationRoute committee;
  committee.route_id = "ngo-committee";
  committee.kind = RouteKind::kCommitteeReview;
  committee.granted_rights = {vocabulary::ParticipationRight::kOralStatements,
                              vocabulary::ParticipationRight::kOralStatements};
  committee.committee_states = {"US", "us", "ZZ"};
  committee.reminder_interval = absl::Hours(24 * 90);
  routes.push_back(committee);
  EXPECT_EQ(Fields(ValidateProcess(p)),
            (std::vector<std::string>{
                "process.modalities.routes[0].qualifying_ecosoc_statuses[0]",
                "process.modalities.routes[1].objection_rule.fraction_of_states_present",
                "process.modalities.routes[1].notice_period",
                "process.modalities.routes[2].granted_rights[1]",
                "process.modalities.routes[2].committee_states[1]",
                "process.modalities.routes[2].committee_states[2]"}));
}

TEST(ProcessRulesTest, CommitteeReviewDefaultsToThreeReminders) {
  Process p = ValidProcess();
  AccreditationRoute committee;
  committee.route_id = "ngo-committee";
  committee.kind = RouteKind::kCommitteeReview;
  committee.granted_rights = {vocabulary::ParticipationRight::kOralStatements};
  committee.committee_states = {"US", "CN", "BR"};
  committee.reminder_interval = absl::Hours(24 * 90);
  p.modalities.routes.push_back(committee);
  ASSERT_TRUE(ValidateProcess(p).ok());
  EXPECT_EQ(p.modalities.routes.back().max_unanswered_reminders, 3);
}

TEST(ProcessRulesTest, ARotationStartsACommitteeTermAndAReorderingDoesNot) {
  const absl::Time t0 = absl::FromUnixSeconds(1700000000);
  Process created = ValidProcess();
  AccreditationRoute committee;
  committee.route_id = "ngo-committee";
  committee.kind = RouteKind::kCommitteeReview;
  committee.committee_states = {"US", "CN", "BR"};
  // Whatever a caller sends as history is not taken.
  committee.committee_history = {{{"FR"}, absl::UnixEpoch()}};
  created.modalities.routes.push_back(committee);
  RecordCommitteeTerms(nullptr, created, t0);
  const auto& first = created.modalities.routes.back().committee_history;
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].states, (std::vector<std::string>{"US", "CN", "BR"}));
  EXPECT_EQ(first[0].start_time, t0);
  EXPECT_TRUE(created.modalities.routes[0].committee_history.empty());  // not a committee

  Process reordered = created;
  reordered.modalities.routes.back().committee_states = {"BR", "US", "CN"};
  RecordCommitteeTerms(&created, reordered, t0 + absl::Hours(1));
  EXPECT_EQ(reordered.modalities.routes.back().committee_history.size(), 1u);

  Process rotated = reordered;
  rotated.modalities.routes.back().committee_states = {"BR", "US", "KE"};
  rotated.modalities.routes.back().committee_history.clear();
  RecordCommitteeTerms(&reordered, rotated, t0 + absl::Hours(2));
  const auto& terms = rotated.modalities.routes.back().committee_history;
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0].start_time, t0);
  EXPECT_EQ(terms[1].states, (std::vector<std::string>{"BR", "US", "KE"}));
  EXPECT_EQ(terms[1].start_time, t0 + absl::Hours(2));

  Process churn = rotated;
  for (int i = 0; i < kMaxCommitteeTerms + 5; ++i) {
    Process next = churn;
    next.modalities.routes.back().committee_states = {i % 2 == 0 ? "FR" : "DE"};
    RecordCommitteeTerms(&churn, next, t0 + absl::Hours(3 + i));
    churn = next;
  }
  EXPECT_EQ(churn.modalities.routes.back().committee_history.size(),
            static_cast<size_t>(kMaxCommitteeTerms));
}

TEST(ProcessRulesTest, SessionsAndAgendasNeedConsistentDates) {
  Process p = ValidProcess();
  p.sessions[0].end_date = {true, absl::CivilDay(2021, 5, 1)};
  p.sessions.push_back(p.sessions[0]);  // duplicate id
  ThematicGroup g;
  g.group_id = "dtg-1";
  g.display_name = "Dedicated thematic group 1";
  AgendaItem item;
  item.title = "Critical infrastructure";
  item.start_date = {true, absl::CivilDay(2026, 3, 1)};
  g.agenda = {item};
  p.thematic_groups = {g};
  EXPECT_EQ(Fields(ValidateProcess(p)),
            (std::vector<std::string>{
                "process.sessions[0].end_date", "process.sessions[1].session_id",
                "process.sessions[1].end_date", "process.thematic_groups[0].agenda[0].themes",
                "process.thematic_groups[0].agenda[0].end_date"}));
}

TEST(ProcessRulesTest, OnlyItsSecretariatOrAnOperatorEdits) {
  EXPECT_TRUE(CheckCanEditProcess({Principal::Kind::kSecretariat, "oewg-ict"}, "oewg-ict").ok());
  EXPECT_TRUE(CheckCanEditProcess({Principal::Kind::kOperator, "x"}, "oewg-ict").ok());
  EXPECT_EQ(CheckCanEditProcess({Principal::Kind::kSecretariat, "igf"}, "oewg-ict").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(ProcessRulesTest, MaskKeepsUnnamedFields) {
  Process patch;
  patch.description = "new";
  auto out = ApplyProcessMask(ValidProcess(), patch, {"description"});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->description, "new");
  EXPECT_EQ(out->sessions.size(), 1u);
  EXPECT_EQ(ErrorReason(ApplyProcessMask(ValidProcess(), patch, {"etag"}).status()),
            "IMMUTABLE_FIELD");
}

}  // namespace
}  // namespace polylateral::registry
