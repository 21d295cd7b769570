#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_RULES_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_RULES_H_

// The rules a process record obeys: modalities, sessions and rotating agendas that make sense,
// the update mask, and who may change a process. Pure functions.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/base/principal.h"
#include "services/registry/domain/process.h"

namespace polylateral::registry {

inline constexpr int kMaxRoutes = 20;
inline constexpr int kMaxSessions = 200;
inline constexpr int kMaxThematicGroups = 50;
inline constexpr int kMaxAgendaItems = 100;
inline constexpr int kDefaultMaxUnansweredReminders = 3;

// Checks every field (violations name `prefix`.field path) and fills defaults
// (max_unanswered_reminders 0 -> 3 for committee review).
absl::Status ValidateProcess(Process& p, const std::string& prefix = "process");

const std::vector<std::string>& UpdatableProcessFields();
absl::StatusOr<Process> ApplyProcessMask(const Process& current, const Process& patch,
                                         const std::vector<std::string>& mask);

// Operators, and the secretariat of the process itself.
absl::Status CheckCanEditProcess(const Principal& principal, const std::string& process_id);

// Keeps each committee route's history of membership: a route whose committee_states differ
// (as a set) from `current`'s route of the same id (or that is new) starts a term at `now`;
// otherwise it keeps the stored history. `current` is null on creation. The oldest terms go
// past kMaxCommitteeTerms.
inline constexpr int kMaxCommitteeTerms = 100;
void RecordCommitteeTerms(const Process* current, Process& updated, absl::Time now);

std::string ProcessEtag(const Process& p);

// "all" and "theme:<id>" for each theme and its ancestors.
std::vector<std::string> ProcessIndexLabels(const Process& p);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_RULES_H_
