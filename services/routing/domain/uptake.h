#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_UPTAKE_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_UPTAKE_H_

// Whether an input mattered: the secretariat's uptake record per input, the marks state
// missions make on what they carried into their own interventions, and the per-process
// report (share reflected by stakeholder group, region and route kind; which governments
// carried vertical input forward).

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/vocabulary/groups.h"
#include "services/routing/domain/route.h"
#include "services/routing/domain/uptake_estimate.h"

namespace polylateral::routing {

inline constexpr size_t kMaxUptakeReasonBytes = 2000;
inline constexpr size_t kMaxUptakeParagraphs = 50;
inline constexpr size_t kMaxParagraphIdBytes = 63;  // as an outcome's paragraph ids

enum class UptakeStatus {
  kUnspecified = 0,
  kConsidered = 1,  // read, decision pending
  kPartiallyReflected = 2,
  kReflected = 3,
  kNotReflected = 4,
};

absl::string_view UptakeStatusName(UptakeStatus s);

// The secretariat's judgement of one input against one outcome document. The latest record
// per input counts.
struct UptakeRecord {
  std::string input_id;
  std::string process_id;
  std::string outcome_id;
  UptakeStatus status = UptakeStatus::kUnspecified;
  std::string reason;                      // required: why, in the secretariat's words
  std::vector<std::string> paragraph_ids;  // where it is reflected (from the estimate or by hand)
  std::string recorded_by;
  absl::Time record_time = absl::InfinitePast();
};

// INVALID_ARGUMENT (reason INVALID_UPTAKE) naming "uptake.status", "uptake.reason" (required,
// <= kMaxUptakeReasonBytes), "uptake.paragraph_ids" (<= kMaxUptakeParagraphs; required when
// reflected or partially reflected).
absl::Status ValidateUptakeRecord(const UptakeRecord& record);

// What the estimate suggests (the secretariat decides): reflected at or above
// kReflectedThreshold, partially at or above kPartialThreshold, else not reflected.
inline constexpr double kReflectedThreshold = 0.6;
inline constexpr double kPartialThreshold = 0.2;
UptakeStatus SuggestStatus(const UptakeEstimate& estimate);

// A state mission's mark: it carried this input into its intervention.
struct CarriedForward {
  std::string input_id;
  std::string state;  // ISO alpha-2
  std::string note;
  absl::Time mark_time = absl::InfinitePast();
};

// One routed input of the process, with its author's group and region at submission.
struct ReportedInput {
  std::string input_id;
  vocabulary::StakeholderGroup group = vocabulary::StakeholderGroup::kUnspecified;
  vocabulary::Region region = vocabulary::Region::kUnspecified;
  std::vector<Route> routes;
};

struct UptakeTally {
  size_t inputs = 0;
  size_t reflected = 0;
  size_t partially_reflected = 0;
  size_t not_reflected = 0;
  size_t considered = 0;
  size_t no_record = 0;
  // reflected / inputs, and (reflected + partially) / inputs; 0 without inputs.
  double share_reflected() const;
  double share_at_least_partially() const;
};

// Per state reached by a vertical route: inputs routed to it, inputs it marked carried
// forward, and of those, how many the outcome reflects (fully or partially).
struct StateCarriage {
  std::string state;
  size_t routed = 0;
  size_t carried = 0;
  size_t carried_and_reflected = 0;
};

struct UptakeReport {
  std::string process_id;
  UptakeTally total;
  std::vector<std::pair<vocabulary::StakeholderGroup, UptakeTally>> by_group;  // by enum value
  std::vector<std::pair<vocabulary::Region, UptakeTally>> by_region;           // by enum value
  // An input with routes of several kinds counts once under each kind.
  std::vector<std::pair<RouteKind, UptakeTally>> by_route_kind;
  std::vector<StateCarriage> vertical_states;  // by state code
};

// Aggregates `records` (of any process; only `process_id`'s count, the latest per input) over
// `inputs`. Marks from a state the input was not routed to are ignored: carrying forward is
// a vertical route's outcome.
UptakeReport BuildUptakeReport(const std::string& process_id,
                               const std::vector<ReportedInput>& inputs,
                               const std::vector<UptakeRecord>& records,
                               const std::vector<CarriedForward>& carried);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_UPTAKE_H_
