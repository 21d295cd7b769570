#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_TEST_FIXTURES_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_TEST_FIXTURES_H_

// Routes and applicants shared by the domain tests.

#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation::testing {

using Right = vocabulary::ParticipationRight;
using Ecosoc = vocabulary::EcosocStatus;

inline RouteRule NonObjection(ObjectionRuleKind kind = ObjectionRuleKind::kAnySingle) {
  RouteRule r;
  r.route_id = "non-objection";
  r.kind = RouteKind::kNonObjection;
  r.granted_rights = {Right::kAttendPlenary, Right::kWrittenInput};
  r.objection_kind = kind;
  r.notice_period = absl::Hours(24 * 14);
  return r;
}

inline RouteRule Committee() {
  RouteRule r;
  r.route_id = "committee";
  r.kind = RouteKind::kCommitteeReview;
  r.granted_rights = {Right::kAttendPlenary, Right::kOralStatements};
  r.committee_states = {"CU", "IN", "US"};
  r.reminder_interval = absl::Hours(24 * 30);
  r.max_unanswered_reminders = 3;
  return r;
}

inline RouteRule Inherited() {
  RouteRule r;
  r.route_id = "ecosoc-general";
  r.kind = RouteKind::kInheritedStatus;
  r.granted_rights = {Right::kAttendPlenary, Right::kAttendThematicGroups, Right::kOralStatements,
                      Right::kWrittenInput};
  r.qualifying_ecosoc = {Ecosoc::kGeneral};
  r.validity = absl::Hours(24 * 365);
  return r;
}

// A civil-society organisation from the African group.
inline StakeholderInfo Ngo(Ecosoc ecosoc = Ecosoc::kNone) {
  return {"ngo", vocabulary::StakeholderGroup::kCivilSociety, vocabulary::Region::kAfrican, ecosoc};
}

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
