#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_JOINT_STATEMENT_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_JOINT_STATEMENT_H_

// The signatory life cycle of a joint statement. Each function checks, then changes `js`
// only on success (nothing half-done). Errors: FAILED_PRECONDITION with reason
// WRONG_SIGNATORY_STATE, NOT_FOUND SIGNATORY_NOT_FOUND, ALREADY_EXISTS SIGNATORY_EXISTS,
// INVALID_ARGUMENT naming kMaxSignatories / kMaxJointStatementVersions / kMaxTextBytes.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/routing/domain/input.h"

namespace polylateral::routing {

// The lead invites a stakeholder; a signatory who declined or withdrew may be invited again.
absl::Status InviteSignatory(JointStatement& js, const std::string& stakeholder_id, absl::Time now);
// The signatory confirms its own invitation, before or after publication (signatories may
// join a published statement; joined_at_version says when).
absl::Status ConfirmSignatory(JointStatement& js, const std::string& stakeholder_id,
                              absl::Time now);
// The signatory declines an invitation.
absl::Status DeclineSignatory(JointStatement& js, const std::string& stakeholder_id);
// A confirmed signatory takes its name off from now on; earlier versions keep it.
absl::Status WithdrawSignatory(JointStatement& js, const std::string& stakeholder_id);

// Publishes `text` as the next version, freezing the signatories listed at `now`.
absl::Status PublishVersion(JointStatement& js, std::string text, absl::Time now);

// The names a reader sees now: confirmed signatories only, in confirmation order (an
// invited, declined or withdrawn stakeholder is never listed).
std::vector<std::string> ListedSignatories(const JointStatement& js);

// The current published version number, 0 before publication.
int64_t CurrentVersion(const JointStatement& js);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_JOINT_STATEMENT_H_
