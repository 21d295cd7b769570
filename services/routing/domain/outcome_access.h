#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_OUTCOME_ACCESS_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_OUTCOME_ACCESS_H_

// Who may write a process's outcome documents and the uptake judged against them: the
// secretariat of that process (`secretariat:P` for process P) and operators. An outcome id
// stays with the process it was first registered for, so a secretariat cannot replace
// another process's outcome by registering its own under the same id. Pure functions.

#include <string>

#include "absl/status/status.h"
#include "common/base/principal.h"

namespace polylateral::routing {

// Whether `caller` may register (or replace) an outcome of `process_id` under an id whose
// stored outcome belongs to `stored_process_id` (empty: nothing stored under the id yet).
// PERMISSION_DENIED NOT_SECRETARIAT when the caller is not the secretariat of `process_id`,
// OUTCOME_OF_ANOTHER_PROCESS when the stored outcome is another process's (an operator may
// do either).
absl::Status CheckCanRegisterOutcome(const Principal& caller, const std::string& process_id,
                                     const std::string& stored_process_id);

// Whether `caller` may record uptake against an outcome of `process_id`. PERMISSION_DENIED
// NOT_SECRETARIAT otherwise.
absl::Status CheckCanRecordUptake(const Principal& caller, const std::string& process_id);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_OUTCOME_ACCESS_H_
