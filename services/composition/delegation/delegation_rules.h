#ifndef POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_RULES_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_RULES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/base/principal.h"
#include "services/composition/delegation/delegation.h"
#include "services/composition/delegation/registry_lookup.h"

namespace polylateral::composition {

// Only the state's own mission or an operator writes its delegation: PERMISSION_DENIED
// (ACCESS_DENIED) otherwise.
absl::Status CheckDelegationWriter(const Principal& caller, const std::string& state);

// Shape: the state code, one HEAD, names and functions within bounds, a stakeholder exactly
// on non-governmental members and at most once. INVALID_ARGUMENT (INVALID_DELEGATION) with
// every violation under `prefix` ("delegation.").
absl::Status ValidateDelegationShape(const Delegation& d, const std::string& prefix);

// The session's rules at `now`: FAILED_PRECONDITION (SESSION_STARTED) from its start day on
// (UTC), and (DELEGATION_CAP_EXCEEDED) above the process's cap.
absl::Status CheckSessionRules(const SessionFacts& session, const Delegation& d, absl::Time now,
                               const std::string& prefix);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_RULES_H_
