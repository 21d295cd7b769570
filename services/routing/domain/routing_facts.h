#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_FACTS_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_FACTS_H_

// Everything the routing policy reads, gathered by the caller beforehand (registry reads,
// accreditation's CheckAccess answers, the service's own consultations and relay
// declarations), so that the policy is a pure function of data and a time.

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/vocabulary/groups.h"
#include "services/routing/domain/input.h"
#include "services/routing/domain/registry_view.h"

namespace polylateral::routing {

// The accreditation service's answer to CheckAccess(stakeholder, process, right), with
// BLOCKED_BY_OBJECTION added for an application a state's objection stopped (the caller
// knows it from the application's state; CheckAccess alone says NOT_ACCREDITED).
struct AccessAnswer {
  std::string stakeholder_id;
  std::string process_id;
  vocabulary::ParticipationRight right = vocabulary::ParticipationRight::kUnspecified;
  bool allowed = false;
  std::string denial_reason;  // NOT_ACCREDITED, BLOCKED_BY_OBJECTION, SUSPENDED, ...
  std::string detail;         // e.g. "objection lodged by state XX on 2026-02-01"
};
inline constexpr char kNotAccredited[] = "NOT_ACCREDITED";
inline constexpr char kBlockedByObjection[] = "BLOCKED_BY_OBJECTION";

// A state's consultation of its stakeholders (Canada and Chile beside the UN cyber talks):
// on one process, or on themes, or both; open in [opens, closes).
struct Consultation {
  std::string consultation_id;
  std::string state;                // ISO alpha-2
  std::string process_id;           // optional
  std::vector<std::string> themes;  // optional; sub-themes match
  absl::Time opens = absl::InfinitePast();
  absl::Time closes = absl::InfiniteFuture();
};

// A state's declaration that it relays stakeholder input on some themes (from anyone, not
// only its nationals), optionally into one process, valid in [since, until).
struct RelayDeclaration {
  std::string state;
  std::vector<std::string> themes;
  std::string process_id;  // optional
  absl::Time since = absl::InfinitePast();
  absl::Time until = absl::InfiniteFuture();
};

// A network the author belongs to; whether it is accredited is in RoutingFacts::access
// under the network's own id.
struct NetworkFacts {
  std::string network_id;
  std::string display_name;
};

struct RoutingFacts {
  // The target process, or for kWhereverItBelongs every process that might own the themes.
  std::vector<ProcessInfo> processes;
  // CheckAccess answers for the author (the lead of a joint statement) and its networks.
  // A missing answer counts as NOT_ACCREDITED.
  std::vector<AccessAnswer> access;
  std::string author_country;  // ISO alpha-2; empty for a stakeholder without one
  std::vector<Consultation> consultations;
  std::vector<RelayDeclaration> relays;
  std::vector<NetworkFacts> networks;
};

// The answer for (stakeholder, process, right): the listed one or NOT_ACCREDITED.
AccessAnswer FindAccess(const RoutingFacts& facts, absl::string_view stakeholder,
                        absl::string_view process, vocabulary::ParticipationRight right);

// The right an input kind exercises: oral statements for a statement request, written input
// otherwise.
vocabulary::ParticipationRight NeededRight(InputKind kind);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_FACTS_H_
