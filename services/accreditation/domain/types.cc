#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

bool IsTerminal(AppState s) {
  return s == AppState::kApproved || s == AppState::kRejected || s == AppState::kWithdrawn ||
         s == AppState::kClosed;
}

const char* AppStateName(AppState s) {
  switch (s) {
    case AppState::kDraft:
      return "DRAFT";
    case AppState::kSubmitted:
      return "SUBMITTED";
    case AppState::kInNotice:
      return "IN_NOTICE";
    case AppState::kInReview:
      return "IN_REVIEW";
    case AppState::kDeferred:
      return "DEFERRED";
    case AppState::kApproved:
      return "APPROVED";
    case AppState::kRejected:
      return "REJECTED";
    case AppState::kWithdrawn:
      return "WITHDRAWN";
    case AppState::kClosed:
      return "CLOSED";
    default:
      return "STATE_UNSPECIFIED";
  }
}

const char* RouteKindName(RouteKind k) {
  switch (k) {
    case RouteKind::kInheritedStatus:
      return "INHERITED_STATUS";
    case RouteKind::kNonObjection:
      return "NON_OBJECTION";
    case RouteKind::kCommitteeReview:
      return "COMMITTEE_REVIEW";
    case RouteKind::kOpen:
      return "OPEN_REGISTRATION";
    default:
      return "ROUTE_KIND_UNSPECIFIED";
  }
}

const char* AccStatusName(AccStatus s) {
  switch (s) {
    case AccStatus::kActive:
      return "ACTIVE";
    case AccStatus::kSuspended:
      return "SUSPENDED";
    case AccStatus::kRevoked:
      return "REVOKED";
    case AccStatus::kExpired:
      return "EXPIRED";
    default:
      return "STATUS_UNSPECIFIED";
  }
}

const char* DecisionKindName(DecisionKind k) {
  switch (k) {
    case DecisionKind::kGranted:
      return "GRANTED";
    case DecisionKind::kBlockedByObjections:
      return "BLOCKED_BY_OBJECTIONS";
    case DecisionKind::kRejectedByCommittee:
      return "REJECTED_BY_COMMITTEE";
    case DecisionKind::kWithdrawn:
      return "WITHDRAWN";
    case DecisionKind::kClosedUnanswered:
      return "CLOSED_UNANSWERED";
    default:
      return "DECISION_KIND_UNSPECIFIED";
  }
}

}  // namespace polylateral::accreditation
