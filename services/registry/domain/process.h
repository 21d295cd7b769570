#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/vocabulary/groups.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry {

enum class RouteKind {
  kUnspecified = 0,
  kInheritedStatus = 1,
  kNonObjection = 2,
  kCommitteeReview = 3,
  kOpenRegistration = 4,
};

enum class ObjectionRuleKind {
  kUnspecified = 0,
  kAnySingleObjection = 1,
  kAtLeastNStates = 2,
  kFractionOfStatesPresent = 3,
};

enum class DisclosurePolicy { kUnspecified = 0, kPublic = 1, kStatesOnRequest = 2, kCountOnly = 3 };

struct ObjectionRule {
  ObjectionRuleKind kind = ObjectionRuleKind::kUnspecified;
  int min_objecting_states = 0;
  double fraction_of_states_present = 0;
};

// A committee's membership from `start_time` until the next term starts.
struct CommitteeTerm {
  std::vector<std::string> states;  // ISO alpha-2
  absl::Time start_time = absl::InfinitePast();
};

// One way into a process (see polylateral.registry.v1.AccreditationRoute).
struct AccreditationRoute {
  std::string route_id;
  RouteKind kind = RouteKind::kUnspecified;
  std::vector<vocabulary::ParticipationRight> granted_rights;
  std::vector<vocabulary::StakeholderGroup> eligible_groups;
  std::vector<vocabulary::EcosocStatus> qualifying_ecosoc_statuses;
  std::vector<std::string> qualifying_processes;  // process ids
  ObjectionRule objection_rule;
  absl::Duration notice_period = absl::ZeroDuration();
  std::vector<std::string> committee_states;  // ISO alpha-2
  absl::Duration reminder_interval = absl::ZeroDuration();
  int max_unanswered_reminders = 0;
  absl::Duration validity = absl::ZeroDuration();
  // Output only: every committee the route had, oldest first; the last one is
  // committee_states. Kept by RecordCommitteeTerms, never taken from a caller.
  std::vector<CommitteeTerm> committee_history;
};

struct Modalities {
  std::vector<AccreditationRoute> routes;
  DisclosurePolicy disclosure_policy = DisclosurePolicy::kUnspecified;
  int delegation_size_cap = 0;
};

// An optional calendar day: `set` is false when the field was absent.
struct OptionalDay {
  bool set = false;
  absl::CivilDay day;
};

struct Session {
  std::string session_id;
  std::string display_name;
  OptionalDay start_date;
  OptionalDay end_date;
  std::string place;
  OptionalDay written_input_opens;
  OptionalDay written_input_closes;
  int states_present = 0;
};

struct AgendaItem {
  std::string title;
  std::vector<std::string> themes;
  OptionalDay start_date;
  OptionalDay end_date;
};

struct ThematicGroup {
  std::string group_id;
  std::string display_name;
  std::vector<std::string> themes;
  std::vector<AgendaItem> agenda;
};

// A multilateral forum and its participation rules.
struct Process {
  std::string id;
  std::string display_name;
  std::string host_institution;
  std::string description;
  std::vector<std::string> themes;
  bool has_modalities = false;
  Modalities modalities;
  std::vector<Session> sessions;
  std::vector<ThematicGroup> thematic_groups;
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();
  int64_t version = 0;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_H_
