#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_TYPES_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_TYPES_H_

// The accreditation service's records, plain C++. Enum values match the protos
// (polylateral.accreditation.v1 and the registry's modalities) so mapping is a cast; groups,
// regions, rights and ECOSOC status are the shared vocabulary's.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/vocabulary/ecosoc_status.h"
#include "common/vocabulary/groups.h"

namespace polylateral::accreditation {

enum class RouteKind { kUnspecified = 0, kInheritedStatus, kNonObjection, kCommitteeReview, kOpen };
enum class ObjectionRuleKind { kUnspecified = 0, kAnySingle, kAtLeastN, kFractionPresent };
enum class Disclosure { kUnspecified = 0, kPublic, kStatesOnRequest, kCountOnly };

enum class AppState {
  kUnspecified = 0,
  kDraft,
  kSubmitted,
  kInNotice,
  kInReview,
  kDeferred,
  kApproved,
  kRejected,
  kWithdrawn,
  kClosed,
};
bool IsTerminal(AppState s);
const char* AppStateName(AppState s);
const char* RouteKindName(RouteKind k);

enum class AccStatus { kUnspecified = 0, kActive, kSuspended, kRevoked, kExpired };
const char* AccStatusName(AccStatus s);

// Why a decided application ended as it did. A blocked application and one the committee
// rejected are both REJECTED (clients rely on the state); the kind tells them apart.
enum class DecisionKind {
  kUnspecified = 0,
  kGranted,              // approved: by the route at once, the committee or a notice end
  kBlockedByObjections,  // a notice end where the objections met the blocking rule
  kRejectedByCommittee,  // the committee (or the secretariat) rejected it
  kWithdrawn,            // the applicant (or the secretariat) withdrew it
  kClosedUnanswered,     // the deferral's reminders went unanswered
};
const char* DecisionKindName(DecisionKind k);

// A committee's decision on an application in review; values match
// polylateral.accreditation.v1.Review.Outcome.
enum class ReviewDecision { kApprove = 1, kReject = 2, kDefer = 3 };

// One review as recorded: who recorded it (a member state of the route's committee at that
// time, or the secretariat) and when.
struct Review {
  ReviewDecision decision = ReviewDecision::kApprove;
  std::string by;  // principal text
  absl::Time time = absl::InfinitePast();
  int questions = 0;  // a deferral's questions
};

// Vocabulary values as records and events hold them: their numbers, comma-separated.
template <typename Enum>
std::string JoinNumbers(const std::vector<Enum>& values) {
  return absl::StrJoin(values, ",",
                       [](std::string* out, Enum v) { absl::StrAppend(out, static_cast<int>(v)); });
}

// One session of a process as the registry dates it, as a half-open UTC interval: `from` is
// 00:00 UTC of its start date, `until` 00:00 UTC of the day after its end date (the registry's
// dates are inclusive calendar days).
struct SessionWindow {
  std::string session_id;
  absl::Time from = absl::InfinitePast();
  absl::Time until = absl::InfinitePast();
  // Member states the registry expects at the session; 0 = unknown (all members).
  int states_present = 0;
};

// A route's rule as the registry states it, snapshotted into the application at submission
// so that the decision never depends on the registry again.
struct RouteRule {
  std::string route_id;
  RouteKind kind = RouteKind::kUnspecified;
  std::vector<vocabulary::ParticipationRight> granted_rights;
  std::vector<vocabulary::StakeholderGroup> eligible_groups;  // empty: every group
  std::vector<vocabulary::EcosocStatus> qualifying_ecosoc;    // inherited status
  // Inherited status: an ACTIVE accreditation in one of these processes (ids) qualifies too.
  std::vector<std::string> qualifying_processes;
  ObjectionRuleKind objection_kind = ObjectionRuleKind::kUnspecified;
  int min_objecting_states = 0;
  double fraction_of_states_present = 0;
  // The process's session current or next at submission; 0 = unknown. A decision uses the
  // session current or next at the notice end instead (StatesPresentAt), this only when no
  // dated session is current or to come then.
  int states_present = 0;
  absl::Duration notice_period = absl::ZeroDuration();
  std::vector<std::string> committee_states;
  absl::Duration reminder_interval = absl::ZeroDuration();
  int max_unanswered_reminders = 0;
  // Positive: the accreditation lasts this long from its approval. Zero: for the session
  // current or next at approval (see `sessions`), or until the process ends when no session
  // is current or to come.
  absl::Duration validity = absl::ZeroDuration();
  // The process's dated sessions in start order, snapshotted at submission so that a notice
  // end needs no registry call: the session current or next then gives the states present
  // (non-objection) and, for zero validity, the accreditation's dates.
  std::vector<SessionWindow> sessions;
};

// What the registry says about a process.
struct ProcessInfo {
  std::string id;
  std::vector<RouteRule> routes;
  Disclosure disclosure = Disclosure::kUnspecified;
};

// What the registry says about a stakeholder.
struct StakeholderInfo {
  std::string id;
  vocabulary::StakeholderGroup group = vocabulary::StakeholderGroup::kUnspecified;
  vocabulary::Region region = vocabulary::Region::kUnspecified;
  vocabulary::EcosocStatus ecosoc_status = vocabulary::EcosocStatus::kNone;
};

struct Application {
  std::string process;
  std::string id;
  std::string stakeholder;
  std::string route_id;
  AppState state = AppState::kUnspecified;
  // Incremented by every write (the scheduler's too); the etag is derived from it.
  int64_t version = 0;
  // Snapshots taken at submission.
  RouteRule rule;
  Disclosure disclosure = Disclosure::kUnspecified;
  vocabulary::StakeholderGroup group = vocabulary::StakeholderGroup::kUnspecified;
  vocabulary::Region region = vocabulary::Region::kUnspecified;
  // Times; absl::InfinitePast() means unset.
  absl::Time create_time = absl::InfinitePast();
  absl::Time submit_time = absl::InfinitePast();
  absl::Time decide_time = absl::InfinitePast();
  absl::Time due_time = absl::InfinitePast();
  int deferrals = 0;
  int unanswered_reminders = 0;
  std::vector<std::string> questions;
  std::vector<std::string> answers;
  // Committee route: every review recorded, oldest first.
  std::vector<Review> reviews;
  std::string decision_reason;
  std::string created_by;  // principal text
  std::string decided_by;  // principal text, or "scheduler"
  // The decision record, set with the terminal state (zero before). For a notice end: the
  // objections the blocking rule counted, the threshold it applied and the states present it
  // took (0 = all members); zero for other decisions.
  DecisionKind decision_kind = DecisionKind::kUnspecified;
  int decision_objections = 0;
  int decision_threshold = 0;
  int decision_states_present = 0;
  // Non-objection: when the notice period ends; kept after the decision.
  absl::Time notice_end = absl::InfinitePast();
  // Non-objection: the notice list (id) that carries the application; its deadline is the
  // application's notice end. Empty: the application's own notice period.
  std::string notice_list;
  // The secretariat's correction of the states present, taken instead of the session's at the
  // notice end; -1 when not corrected.
  int states_present_correction = -1;
  // Read with the record, not stored in it.
  int objection_count = 0;
};

struct Objection {
  std::string state;  // ISO alpha-2
  std::string grounds;
  absl::Time lodge_time = absl::InfinitePast();
};

// An objection with the application it is lodged against.
struct StateObjection {
  std::string process;
  std::string application;
  Objection objection;
};

struct Accreditation {
  std::string process;
  std::string stakeholder;
  std::string application;  // application id within the process
  std::string route_id;
  std::vector<vocabulary::ParticipationRight> rights;
  AccStatus status = AccStatus::kUnspecified;
  absl::Time valid_from = absl::InfinitePast();
  absl::Time valid_until = absl::InfiniteFuture();  // InfiniteFuture: until the process ends
  std::string status_reason;
  int64_t version = 0;
};

// Time at the precision records keep (milliseconds: the schedule's scores are milliseconds).
inline absl::Time ToStoredPrecision(absl::Time t) {
  return absl::FromUnixMillis(absl::ToUnixMillis(t));
}

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_TYPES_H_
