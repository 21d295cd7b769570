#include "services/routing/domain/rerouting.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace polylateral::routing {
namespace {

using Kind = AccreditationEvent::Kind;

absl::string_view DenialFor(Kind k) {
  switch (k) {
    case Kind::kRevoked:
      return "REVOKED";
    case Kind::kSuspended:
      return "SUSPENDED";
    case Kind::kExpired:
      return "EXPIRED";
    case Kind::kBlockedByObjection:
      return kBlockedByObjection;
    default:
      return "";
  }
}

absl::string_view Verb(Kind k) {
  switch (k) {
    case Kind::kApproved:
      return "approved";
    case Kind::kRevoked:
      return "revoked";
    case Kind::kSuspended:
      return "suspended";
    case Kind::kExpired:
      return "expired";
    case Kind::kReinstated:
      return "reinstated";
    case Kind::kBlockedByObjection:
      return "blocked by objection";
  }
  return "changed";
}

bool Contains(const std::vector<Route>& routes, const Route& r) {
  return std::any_of(routes.begin(), routes.end(), [&](const Route& x) { return x.SameRoute(r); });
}

// Both lists come ordered by destination, then code (DecideRoutes); reasons may be reworded.
bool SameExclusions(const std::vector<Exclusion>& a, const std::vector<Exclusion>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Exclusion& x, const Exclusion& y) {
                      return x.destination == y.destination && x.code == y.code;
                    });
}

}  // namespace

void ApplyAccreditationEvent(const AccreditationEvent& e, RoutingFacts& facts) {
  const bool allowed = e.kind == Kind::kApproved || e.kind == Kind::kReinstated;
  // Every right the event speaks for is replaced; a revocation names the rights it took.
  auto& access = facts.access;
  access.erase(std::remove_if(access.begin(), access.end(),
                              [&](const AccessAnswer& a) {
                                return a.stakeholder_id == e.stakeholder_id &&
                                       a.process_id == e.process_id &&
                                       std::find(e.rights.begin(), e.rights.end(), a.right) !=
                                           e.rights.end();
                              }),
               access.end());
  for (vocabulary::ParticipationRight right : e.rights) {
    access.push_back({e.stakeholder_id, e.process_id, right, allowed,
                      std::string(allowed ? "" : DenialFor(e.kind)), e.detail});
  }
}

bool AffectsInput(const AccreditationEvent& e, const RoutingInput& input,
                  const RoutingFacts& facts) {
  if (e.stakeholder_id == input.author_id) return true;
  return std::any_of(facts.networks.begin(), facts.networks.end(),
                     [&](const NetworkFacts& n) { return n.network_id == e.stakeholder_id; });
}

std::string DescribeEvent(const AccreditationEvent& e) {
  return absl::StrCat("accreditation of ", e.stakeholder_id, " in ", e.process_id, " ",
                      Verb(e.kind));
}

absl::StatusOr<RouteChange> Reroute(const RoutingInput& input, const std::vector<Route>& current,
                                    const RoutingFacts& facts, absl::Time now, std::string cause,
                                    const std::vector<Exclusion>& current_exclusions) {
  absl::StatusOr<RoutingDecision> decision = DecideRoutes(input, facts, now);
  if (!decision.ok()) return decision.status();
  RouteChange change;
  change.input_id = input.input_id;
  change.change_time = now;
  change.cause = std::move(cause);
  for (const Route& r : current) {
    if (!Contains(decision->routes, r)) change.withdrawn.push_back(r);
  }
  for (const Route& r : decision->routes) {
    (Contains(current, r) ? change.kept : change.added).push_back(r);
  }
  change.exclusions_changed = !SameExclusions(current_exclusions, decision->exclusions);
  change.decision = *std::move(decision);
  return change;
}

}  // namespace polylateral::routing
