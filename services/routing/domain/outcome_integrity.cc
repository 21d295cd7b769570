#include "services/routing/domain/outcome_integrity.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::routing {

absl::Status CheckOutcomeSession(const ProcessInfo& process, const std::string& session_id) {
  const bool known = std::any_of(process.sessions.begin(), process.sessions.end(),
                                 [&](const Session& s) { return s.session_id == session_id; });
  if (known) return absl::OkStatus();
  return InvalidArgument("SESSION_NOT_IN_PROCESS", "outcome.session",
                         absl::StrCat("process ", process.id, " has no session ", session_id));
}

absl::Status CheckParagraphIdsUnique(const std::vector<std::string>& ids) {
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!seen.insert(ids[i]).second) {
      return InvalidArgument("DUPLICATE_PARAGRAPH_ID",
                             absl::StrCat("outcome.paragraphs[", i, "].paragraph_id"),
                             absl::StrCat("paragraph id ", ids[i], " is used twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckUptakeParagraphs(const std::vector<std::string>& outcome_ids,
                                   const std::vector<std::string>& uptake_ids) {
  const absl::flat_hash_set<std::string> known(outcome_ids.begin(), outcome_ids.end());
  for (size_t i = 0; i < uptake_ids.size(); ++i) {
    if (!known.contains(uptake_ids[i])) {
      return InvalidArgument("PARAGRAPH_NOT_IN_OUTCOME",
                             absl::StrCat("uptake.paragraph_ids[", i, "]"),
                             absl::StrCat("the outcome has no paragraph ", uptake_ids[i]));
    }
  }
  return absl::OkStatus();
}

}  // namespace polylateral::routing
