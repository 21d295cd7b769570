#include "services/routing/domain/change_disclosure.h"

#include <algorithm>

#include "services/routing/domain/inbox_access.h"

namespace polylateral::routing {

bool MaySeeChange(const Principal& caller, const RoutingChange& change) {
  switch (change.kind) {
    case ChangeKind::kInputSubmitted:
    case ChangeKind::kInputRerouted:
    case ChangeKind::kUptakeRecorded:
    case ChangeKind::kCarriedForward:
    case ChangeKind::kOutcomeRegistered:
      return true;
    case ChangeKind::kDeliveryAcked:
      return MayReadInbox(caller, change.destination).ok();
    case ChangeKind::kDeliveryDeadLettered:
    case ChangeKind::kDeadLetterRequeued:
    case ChangeKind::kDeadLetterDropped:
      return MayHandleDeadLetters(caller, change.destination).ok();
    case ChangeKind::kUnknown:
      return false;
  }
  return false;
}

bool ChangeConcernsProcess(const RoutingChange& change, const std::string& process_id) {
  if (process_id.empty()) return true;
  return std::find(change.process_ids.begin(), change.process_ids.end(), process_id) !=
         change.process_ids.end();
}

}  // namespace polylateral::routing
