#include "services/routing/domain/input.h"

namespace polylateral::routing {

absl::string_view InputKindName(InputKind k) {
  switch (k) {
    case InputKind::kWrittenSubmission:
      return "WRITTEN_SUBMISSION";
    case InputKind::kStatementRequest:
      return "STATEMENT_REQUEST";
    case InputKind::kConsultationResponse:
      return "CONSULTATION_RESPONSE";
    case InputKind::kJointStatement:
      return "JOINT_STATEMENT";
    default:
      return "UNSPECIFIED";
  }
}

absl::string_view SignatoryStateName(SignatoryState s) {
  switch (s) {
    case SignatoryState::kInvited:
      return "INVITED";
    case SignatoryState::kConfirmed:
      return "CONFIRMED";
    case SignatoryState::kDeclined:
      return "DECLINED";
    case SignatoryState::kWithdrawn:
      return "WITHDRAWN";
    default:
      return "UNSPECIFIED";
  }
}

}  // namespace polylateral::routing
