#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_TEST_FIXTURES_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_TEST_FIXTURES_H_

// The Global Mechanism on ICT security with two thematic groups whose agendas rotate
// monthly, a Canadian company, and a joint civil-society statement: valid inputs and facts
// for tests to start from and change one thing at a time.

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/routing/domain/input.h"
#include "services/routing/domain/registry_view.h"
#include "services/routing/domain/routing_facts.h"

namespace polylateral::routing::testing {

inline OptionalDay Day(int y, int m, int d) { return {true, absl::CivilDay(y, m, d)}; }
inline absl::Time At(int y, int m, int d, int h = 12) {
  return absl::FromCivil(absl::CivilHour(y, m, d, h), absl::UTCTimeZone());
}

// March 2026: tg-cip discusses critical infrastructure, tg-capacity capacity needs.
// April 2026: tg-cip moves to incident response, tg-capacity to capacity building for
// critical infrastructure. Plenary session s1 sits 2026-07-06..10; written input for it is
// taken 2026-02-01..2026-06-15.
inline ProcessInfo GlobalMechanism() {
  ProcessInfo p;
  p.id = "global-mechanism";
  p.display_name = "Global Mechanism on developments in the field of ICTs";
  p.themes = {"cybersecurity", "capacity-building"};
  Session s1;
  s1.session_id = "s1";
  s1.start_date = Day(2026, 7, 6);
  s1.end_date = Day(2026, 7, 10);
  s1.written_input_opens = Day(2026, 2, 1);
  s1.written_input_closes = Day(2026, 6, 15);
  p.sessions = {s1};
  ThematicGroup cip{"tg-cip", "Critical infrastructure", {"cybersecurity"}, {}};
  cip.agenda = {
      {"Protecting critical infrastructure",
       {"critical-infrastructure-protection"},
       Day(2026, 3, 1),
       Day(2026, 3, 31)},
      {"Incident response cooperation", {"incident-response"}, Day(2026, 4, 1), Day(2026, 4, 30)}};
  ThematicGroup cap{"tg-capacity", "Capacity building", {"capacity-building"}, {}};
  cap.agenda = {
      {"Capacity needs assessment", {"cyber-capacity-building"}, Day(2026, 3, 1), Day(2026, 3, 31)},
      {"Capacity building for critical infrastructure",
       {"critical-infrastructure-protection", "cyber-capacity-building"},
       Day(2026, 4, 1),
       Day(2026, 4, 30)}};
  p.thematic_groups = {cip, cap};
  return p;
}

inline ProcessInfo AiDialogue() {
  ProcessInfo p;
  p.id = "ai-dialogue";
  p.themes = {"artificial-intelligence"};
  return p;
}

inline AccessAnswer Allowed(
    std::string who, std::string process,
    vocabulary::ParticipationRight right = vocabulary::ParticipationRight::kWrittenInput) {
  return {std::move(who), std::move(process), right, true, "", ""};
}
inline AccessAnswer Denied(
    std::string who, std::string process, std::string reason,
    vocabulary::ParticipationRight right = vocabulary::ParticipationRight::kWrittenInput) {
  return {std::move(who), std::move(process), right, false, std::move(reason), ""};
}

// acme-security (CA) is accredited with written input; Canada consults on the Global
// Mechanism; Chile relays input on critical infrastructure protection.
inline RoutingFacts GlobalMechanismFacts() {
  RoutingFacts f;
  f.processes = {GlobalMechanism(), AiDialogue()};
  f.access = {Allowed("acme-security", "global-mechanism")};
  f.author_country = "CA";
  f.consultations = {{"ca-gm-2026", "CA", "global-mechanism", {}, At(2026, 2, 1), At(2026, 5, 31)},
                     {"fr-ai-2026", "FR", "ai-dialogue", {}, At(2026, 2, 1), At(2026, 5, 31)}};
  f.relays = {{"CL",
               {"critical-infrastructure-protection"},
               "",
               absl::InfinitePast(),
               absl::InfiniteFuture()}};
  return f;
}

inline Input CipSubmission(std::string author) {
  Input in;
  in.id = "in-1";
  in.kind = InputKind::kWrittenSubmission;
  in.author_id = std::move(author);
  in.title = "Protecting hospitals' networks";
  in.themes = {"critical-infrastructure-protection"};
  in.language = "en";
  in.target = {TargetKind::kWhereverItBelongs, "", "", ""};
  in.text = "Hospitals need sector-specific incident playbooks.";
  return in;
}

// A joint statement led by a civil-society network with `n` confirmed signatories.
inline Input JointCivilSocietyStatement(size_t n) {
  Input in;
  in.id = "in-joint";
  in.kind = InputKind::kJointStatement;
  in.author_id = "jcss-network";
  in.themes = {"human-rights-online"};
  in.language = "en";
  in.target = {TargetKind::kProcess, "global-mechanism", "", ""};
  in.text = "Joint civil society statement on human rights in ICT security.";
  JointStatement js;
  js.lead_id = in.author_id;
  for (size_t i = 0; i < n; ++i) {
    Signatory s;
    s.stakeholder_id = absl::StrCat("cso-", i);
    s.state = SignatoryState::kConfirmed;
    js.signatories.push_back(s);
  }
  in.joint = std::move(js);
  return in;
}

}  // namespace polylateral::routing::testing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_TEST_FIXTURES_H_
