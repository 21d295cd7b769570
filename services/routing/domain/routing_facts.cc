#include "services/routing/domain/routing_facts.h"

namespace polylateral::routing {

AccessAnswer FindAccess(const RoutingFacts& facts, absl::string_view stakeholder,
                        absl::string_view process, vocabulary::ParticipationRight right) {
  for (const AccessAnswer& a : facts.access) {
    if (a.stakeholder_id == stakeholder && a.process_id == process && a.right == right) return a;
  }
  AccessAnswer none;
  none.stakeholder_id = std::string(stakeholder);
  none.process_id = std::string(process);
  none.right = right;
  none.denial_reason = kNotAccredited;
  return none;
}

vocabulary::ParticipationRight NeededRight(InputKind kind) {
  return kind == InputKind::kStatementRequest ? vocabulary::ParticipationRight::kOralStatements
                                              : vocabulary::ParticipationRight::kWrittenInput;
}

}  // namespace polylateral::routing
