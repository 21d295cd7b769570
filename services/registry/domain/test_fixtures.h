#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_TEST_FIXTURES_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_TEST_FIXTURES_H_

// Valid records for tests to start from and break one field at a time.

#include "services/registry/domain/process.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry::testing {

inline Stakeholder ValidOrganisation(std::string id = "cgi-br") {
  Stakeholder s;
  s.id = std::move(id);
  s.kind = StakeholderKind::kOrganisation;
  s.display_name = "Comitê Gestor da Internet no Brasil";
  s.group = vocabulary::StakeholderGroup::kTechnicalCommunity;
  s.country = "BR";
  s.themes = {"internet-governance", "incident-response"};
  s.ecosoc_status = vocabulary::EcosocStatus::kSpecial;
  s.languages = {"pt", "en"};
  s.developing_country = true;
  s.contact_email = "secretaria@cgi.br";
  s.website = "https://cgi.br";
  return s;
}

inline Process ValidProcess(std::string id = "oewg-ict") {
  Process p;
  p.id = std::move(id);
  p.display_name = "Open-ended Working Group on ICT security 2021-2025";
  p.host_institution = "UN General Assembly";
  p.themes = {"cybersecurity", "capacity-building"};
  p.has_modalities = true;
  AccreditationRoute ecosoc;
  ecosoc.route_id = "ecosoc";
  ecosoc.kind = RouteKind::kInheritedStatus;
  ecosoc.granted_rights = {vocabulary::ParticipationRight::kAttendPlenary,
                           vocabulary::ParticipationRight::kWrittenInput};
  ecosoc.qualifying_ecosoc_statuses = {vocabulary::EcosocStatus::kGeneral,
                                       vocabulary::EcosocStatus::kSpecial};
  AccreditationRoute non_objection;
  non_objection.route_id = "non-objection";
  non_objection.kind = RouteKind::kNonObjection;
  non_objection.granted_rights = {vocabulary::ParticipationRight::kAttendPlenary};
  non_objection.objection_rule.kind = ObjectionRuleKind::kAnySingleObjection;
  non_objection.notice_period = absl::Hours(24 * 14);
  p.modalities.routes = {ecosoc, non_objection};
  p.modalities.disclosure_policy = DisclosurePolicy::kCountOnly;
  Session s;
  s.session_id = "s1";
  s.display_name = "Organizational session";
  s.start_date = {true, absl::CivilDay(2021, 6, 1)};
  s.end_date = {true, absl::CivilDay(2021, 6, 2)};
  p.sessions = {s};
  return p;
}

}  // namespace polylateral::registry::testing

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_TEST_FIXTURES_H_
