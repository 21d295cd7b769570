#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCESS_RULES_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCESS_RULES_H_

// Who may do what to which resource, what each caller may see of objections, and whether an
// accreditation grants a right at a time. Method-level rules (a state may call
// LodgeObjection at all) are in api/access_policy.json; these are the resource-level ones.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/base/principal.h"
#include "services/accreditation/domain/accreditation_store.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

// The process's secretariat, or an operator.
bool IsSecretariatOf(const Principal& p, const std::string& process);
// The stakeholder itself.
bool IsApplicant(const Principal& p, const Application& app);

// PERMISSION_DENIED unless the caller is the stakeholder itself or the process secretariat.
absl::Status MayApplyFor(const Principal& p, const std::string& process,
                         const std::string& stakeholder);
// Drafts are seen by the applicant and the secretariat only (NOT_FOUND for others, so a
// draft's existence does not leak).
bool MaySee(const Principal& p, const Application& app);
// Applicant or secretariat: PERMISSION_DENIED NOT_APPLICANT.
absl::Status MayActOn(const Principal& p, const Application& app);
// The secretariat, or a member state of `committee`: the route's committee as the registry
// has it at the time of the review (a rotation applies to pending applications too).
// PERMISSION_DENIED NOT_COMMITTEE otherwise.
absl::Status MayReview(const Principal& p, const Application& app,
                       const std::vector<std::string>& committee);
// Only the state's own principal: PERMISSION_DENIED NOT_OWN_OBJECTION.
absl::Status MayObjectAs(const Principal& p, const std::string& iso2);
// A state's own objections across processes: that state's principal or an operator;
// PERMISSION_DENIED NOT_OWN_OBJECTION else.
absl::Status MayListObjectionsOf(const Principal& p, const std::string& iso2);

// Whether the caller sees the objecting state and grounds of `objecting_state`'s objection to
// `app` under its disclosure policy (rules on AccreditationService in the proto).
bool SeesObjection(const Principal& p, const Application& app, const std::string& objecting_state);
// Whether per-state report rows recorded under `policy` are shown to the caller; `process`
// empty for the report across processes.
bool SeesStateFigures(const Principal& p, Disclosure policy, const std::string& process);

struct AccessDecision {
  bool allowed = false;
  std::string denial_reason;  // NOT_ACCREDITED, SUSPENDED, REVOKED, EXPIRED, ...
};
// `acc` absent: not accredited.
AccessDecision DecideAccess(const std::optional<Accreditation>& acc,
                            vocabulary::ParticipationRight right, absl::Time at);

enum class AccreditationAction { kSuspend, kRevoke, kReinstate };
// ACTIVE -> SUSPENDED, ACTIVE|SUSPENDED -> REVOKED, SUSPENDED -> ACTIVE; else
// FAILED_PRECONDITION WRONG_STATUS. Expiry is the scheduler's.
absl::StatusOr<AccreditationChange> ChangeStatus(const Accreditation& acc,
                                                 AccreditationAction action,
                                                 const std::string& reason, absl::Time now,
                                                 const std::string& by);

// The scheduler's expiry at `now`: ACTIVE|SUSPENDED -> EXPIRED once valid_until has passed;
// else FAILED_PRECONDITION NOT_DUE (the schedule entry is stale: dropped without effect).
// The scheduler script (store/due_claim.lua) mirrors it.
absl::StatusOr<AccreditationChange> ExpiryChange(const Accreditation& acc, absl::Time now);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCESS_RULES_H_
