#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_TEST_FIXTURES_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_TEST_FIXTURES_H_

// Routes and applicants shared by the domain tests.

#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation::testing {

inline RouteRule NonObjection(ObjectionRuleKind kind = ObjectionRuleKind::kAnySingle) {
  RouteRule r;
  r.route_id = "non-objection";
  r.kind = RouteKind::kNonObjection;
  r.granted_rights = {1, 4};
  r.objection_kind = kind;
  r.notice_period = absl::Hours(24 * 14);
  return r;
}

inline RouteRule Committee() {
  RouteRule r;
  r.route_id = "committee";
  r.kind = RouteKind::kCommitteeReview;
  r.granted_rights = {1, 3};
  r.committee_states = {"CU", "IN", "US"};
  r.reminder_interval = absl::Hours(24 * 30);
  r.max_unanswered_reminders = 3;
  return r;
}

inline RouteRule Inherited() {
  RouteRule r;
  r.route_id = "ecosoc-general";
  r.kind = RouteKind::kInheritedStatus;
  r.granted_rights = {1, 2, 3, 4};
  r.qualifying_ecosoc = {2};
  r.validity = absl::Hours(24 * 365);
  return r;
}

inline StakeholderInfo Ngo(int ecosoc = 1) { return {"ngo", 4, 1, ecosoc}; }

inline Application Draft(const std::string& id = "app-1") {
  Application a;
  a.process = "oewg";
  a.id = id;
  a.stakeholder = "ngo";
  a.route_id = "non-objection";
  a.state = AppState::kDraft;
  a.version = 1;
  a.create_time = absl::FromUnixSeconds(1700000000);
  return a;
}

}  // namespace polylateral::accreditation::testing

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_TEST_FIXTURES_H_
