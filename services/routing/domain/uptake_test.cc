#include "services/routing/domain/uptake.h"

#include "common/base/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using vocabulary::Region;
using vocabulary::StakeholderGroup;

const absl::Time kT0 = absl::FromUnixSeconds(1'780'000'000);

UptakeRecord Record(std::string input, UptakeStatus status, absl::Time at,
                    std::string process = "global-mechanism") {
  UptakeRecord r;
  r.input_id = std::move(input);
  r.process_id = std::move(process);
  r.outcome_id = "final-report";
  r.status = status;
  r.reason = "compared with the final report";
  r.paragraph_ids = {"op-17"};
  r.recorded_by = "secretariat";
  r.record_time = at;
  return r;
}

Route Via(RouteKind kind, const std::string& via = "") {
  Route r;
  r.kind = kind;
  r.via = via;
  r.destination = via.empty() ? "processes/global-mechanism/plenary" : "states/" + via + "/inbox";
  return r;
}

TEST(UptakeRecordTest, ParagraphIdsAreCapped) {
  UptakeRecord r = Record("in-1", UptakeStatus::kReflected, kT0);
  r.paragraph_ids = {"op-1", std::string(1 << 20, 'p'), ""};
  EXPECT_THAT(ErrorViolations(ValidateUptakeRecord(r)),
              ElementsAre(Field(&FieldViolation::field, "uptake.paragraph_ids[1]"),
                          Field(&FieldViolation::field, "uptake.paragraph_ids[2]")));
}

TEST(UptakeRecordTest, NeedsStatusReasonAndParagraphsWhenReflected) {
  EXPECT_TRUE(ValidateUptakeRecord(Record("in-1", UptakeStatus::kReflected, kT0)).ok());
  UptakeRecord r = Record("in-1", UptakeStatus::kReflected, kT0);
  r.reason.clear();
  r.paragraph_ids.clear();
  absl::Status s = ValidateUptakeRecord(r);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(s), "INVALID_UPTAKE");
  EXPECT_THAT(ErrorViolations(s),
              ElementsAre(Field(&FieldViolation::field, "uptake.reason"),
                          Field(&FieldViolation::field, "uptake.paragraph_ids")));
  r = Record("in-1", UptakeStatus::kUnspecified, kT0);
  r.reason = std::string(kMaxUptakeReasonBytes + 1, 'x');
  EXPECT_THAT(ErrorViolations(ValidateUptakeRecord(r)),
              ElementsAre(Field(&FieldViolation::field, "uptake.status"),
                          Field(&FieldViolation::field, "uptake.reason")));
  r = Record("in-1", UptakeStatus::kNotReflected, kT0);
  r.paragraph_ids.clear();
  EXPECT_TRUE(ValidateUptakeRecord(r).ok());
}

TEST(UptakeRecordTest, SuggestionFollowsTheThresholds) {
  UptakeEstimate e;
  e.overall = 0.7;
  EXPECT_EQ(SuggestStatus(e), UptakeStatus::kReflected);
  e.overall = 0.3;
  EXPECT_EQ(SuggestStatus(e), UptakeStatus::kPartiallyReflected);
  e.overall = 0.01;
  EXPECT_EQ(SuggestStatus(e), UptakeStatus::kNotReflected);
}

TEST(UptakeReportTest, SharesByGroupRegionAndRouteKindAndCarryingStates) {
  const std::vector<ReportedInput> inputs = {
      {"in-1",
       StakeholderGroup::kPrivateSector,
       Region::kWesternEuropeanAndOthers,
       {Via(RouteKind::kHorizontal)}},
      {"in-2",
       StakeholderGroup::kPrivateSector,
       Region::kWesternEuropeanAndOthers,
       {Via(RouteKind::kVertical, "CA"), Via(RouteKind::kVertical, "CL")}},
      {"in-3",
       StakeholderGroup::kCivilSociety,
       Region::kAfrican,
       {Via(RouteKind::kVertical, "CA")}},
      {"in-4", StakeholderGroup::kCivilSociety, Region::kAfrican, {Via(RouteKind::kHorizontal)}},
  };
  const std::vector<UptakeRecord> records = {
      Record("in-1", UptakeStatus::kNotReflected, kT0),
      Record("in-1", UptakeStatus::kReflected, kT0 + absl::Hours(1)),  // the latest counts
      Record("in-2", UptakeStatus::kPartiallyReflected, kT0),
      Record("in-3", UptakeStatus::kReflected, kT0, "another-process"),  // not this process
  };
  const std::vector<CarriedForward> carried = {
      {"in-2", "CA", "", kT0}, {"in-3", "CA", "", kT0}, {"in-1", "FR", "", kT0}};
  UptakeReport r = BuildUptakeReport("global-mechanism", inputs, records, carried);

  EXPECT_EQ(r.total.inputs, 4u);
  EXPECT_EQ(r.total.reflected, 1u);
  EXPECT_EQ(r.total.partially_reflected, 1u);
  EXPECT_EQ(r.total.no_record, 2u);
  EXPECT_DOUBLE_EQ(r.total.share_reflected(), 0.25);
  EXPECT_DOUBLE_EQ(r.total.share_at_least_partially(), 0.5);

  ASSERT_EQ(r.by_group.size(), 2u);
  EXPECT_EQ(r.by_group[0].first, StakeholderGroup::kPrivateSector);
  EXPECT_DOUBLE_EQ(r.by_group[0].second.share_reflected(), 0.5);
  EXPECT_EQ(r.by_group[1].first, StakeholderGroup::kCivilSociety);
  EXPECT_DOUBLE_EQ(r.by_group[1].second.share_reflected(), 0.0);
  ASSERT_EQ(r.by_region.size(), 2u);
  EXPECT_EQ(r.by_region[0].first, Region::kAfrican);

  ASSERT_EQ(r.by_route_kind.size(), 2u);
  EXPECT_EQ(r.by_route_kind[0].first, RouteKind::kHorizontal);
  EXPECT_DOUBLE_EQ(r.by_route_kind[0].second.share_reflected(), 0.5);
  EXPECT_EQ(r.by_route_kind[1].first, RouteKind::kVertical);
  EXPECT_EQ(r.by_route_kind[1].second.inputs, 2u);  // in-2 counted once despite two states
  EXPECT_EQ(r.by_route_kind[1].second.partially_reflected, 1u);

  ASSERT_EQ(r.vertical_states.size(), 2u);  // FR's mark is ignored: no route went through FR
  EXPECT_EQ(r.vertical_states[0].state, "CA");
  EXPECT_EQ(r.vertical_states[0].routed, 2u);
  EXPECT_EQ(r.vertical_states[0].carried, 2u);
  EXPECT_EQ(r.vertical_states[0].carried_and_reflected, 1u);
  EXPECT_EQ(r.vertical_states[1].state, "CL");
  EXPECT_EQ(r.vertical_states[1].routed, 1u);
  EXPECT_EQ(r.vertical_states[1].carried, 0u);
}

}  // namespace
}  // namespace polylateral::routing
