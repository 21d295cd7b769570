#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_OUTCOME_INTEGRITY_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_OUTCOME_INTEGRITY_H_

// What keeps an outcome document and the uptake recorded against it consistent: an outcome
// belongs to a session its process has, its paragraph ids name one paragraph each, and an
// uptake record points only at paragraphs the outcome has (otherwise the report would count
// uptake nobody can find in the document).

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/routing/domain/registry_view.h"

namespace polylateral::routing {

// INVALID_ARGUMENT SESSION_NOT_IN_PROCESS naming "outcome.session" unless `process` has the
// session.
absl::Status CheckOutcomeSession(const ProcessInfo& process, const std::string& session_id);

// INVALID_ARGUMENT DUPLICATE_PARAGRAPH_ID naming "outcome.paragraphs[i].paragraph_id" (the
// first repeat).
absl::Status CheckParagraphIdsUnique(const std::vector<std::string>& paragraph_ids);

// INVALID_ARGUMENT PARAGRAPH_NOT_IN_OUTCOME naming "uptake.paragraph_ids[i]" (the first
// paragraph id the outcome does not have).
absl::Status CheckUptakeParagraphs(const std::vector<std::string>& outcome_paragraph_ids,
                                   const std::vector<std::string>& uptake_paragraph_ids);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_OUTCOME_INTEGRITY_H_
