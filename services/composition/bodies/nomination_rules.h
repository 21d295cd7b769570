#ifndef POLYLATERAL_SERVICES_COMPOSITION_BODIES_NOMINATION_RULES_H_
#define POLYLATERAL_SERVICES_COMPOSITION_BODIES_NOMINATION_RULES_H_

// The rules of a process's multistakeholder bodies: the secretariat keeps the
// rules and the seed commitment, each stakeholder group nominates its own candidates
// (self-managed selection, NETmundial), the secretariat draws once. Plain C++: the API
// layer reads the registry and Redis and asks these functions what is allowed.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/base/principal.h"
#include "services/composition/solver/body_spec.h"

namespace polylateral::composition {

// The feature of a body's spec that holds each nominee's nominating group.
inline constexpr char kGroupFeature[] = "stakeholder_group";

// The largest pool a stored body's seats are checked against before nominations arrive.
inline constexpr int kMaxNominations = 10000;

// Creating and drawing a body: the process's own secretariat or an operator.
// PERMISSION_DENIED (ACCESS_DENIED) otherwise.
absl::Status CheckBodyManager(const Principal& caller, const std::string& process_id);

// A stored body's rules: the spec's shape (ValidateSpec, seats within kMaxNominations,
// INVALID_COMPOSITION_PROBLEM on "spec...") and a single-valued `stakeholder_group`
// feature whose values are stakeholder group names (INVALID_BODY).
absl::Status CheckBodySpec(const BodySpec& spec);

// The group `caller` nominates for: a stakeholder its registry group (`registry_group`,
// looked up by the caller of this function), a state's mission GOVERNMENT, an operator the
// group it names in the request (`requested_group`). A stakeholder or state naming another
// group is refused (PERMISSION_DENIED NOT_OWN_GROUP); anyone else may not nominate
// (PERMISSION_DENIED ACCESS_DENIED).
absl::StatusOr<std::string> NominatingGroup(const Principal& caller,
                                            const std::string& requested_group,
                                            const std::string& registry_group);

// Completes and checks a nominee for `group`: fills the candidate's `stakeholder_group`
// value when absent; PERMISSION_DENIED (NOT_OWN_GROUP) when it names another group;
// FAILED_PRECONDITION (GROUP_NOT_IN_BODY) when the body's spec has no seats for the group;
// INVALID_ARGUMENT (INVALID_NOMINATION) naming "nomination.candidate..." for values the spec
// does not know, or an id outside 1..128 characters.
absl::Status CompleteNominee(const BodySpec& spec, const std::string& group, Candidate& nominee);

// Withdrawing a nomination: whoever nominated it, or an operator. PERMISSION_DENIED
// (NOT_OWN_NOMINATION) otherwise.
absl::Status CheckWithdrawal(const Principal& caller, const std::string& nominated_by);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_BODIES_NOMINATION_RULES_H_
