#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_FACTS_GATHERER_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_FACTS_GATHERER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/routing/domain/access_lookup.h"
#include "services/routing/domain/own_facts_source.h"
#include "services/routing/domain/registry_lookup.h"
#include "services/routing/domain/routing_facts.h"
#include "services/routing/domain/routing_policy.h"

namespace polylateral::routing {

struct GatheredFacts {
  StakeholderInfo author;
  RoutingFacts facts;
  // The version of the consultations and relays used (NewInput::facts_version).
  std::string facts_version;
};

// kCached: the hot path (SubmitInput). Access answers from the AccessCache, consultations
// and relays from memory as of `facts_version` (the submission script refuses a stale
// version, and the caller gathers again kFresh). kFresh: everything asked again.
enum class Freshness { kFresh, kCached };

// Collects what DecideRoutes reads for one input: the process(es) and the author (with its
// networks) from the registry, the author's and networks' access from accreditation (at
// `now`, blocked-by-objection resolved), the author's government's consultations and every
// relay declaration from the routing service's own facts. Outgoing calls carry `deadline`.
// NOT_FOUND STAKEHOLDER_NOT_FOUND / PROCESS_NOT_FOUND / CONSULTATION_NOT_FOUND.
// Thread-safe.
class FactsGatherer final {
 public:
  FactsGatherer(RegistryLookup* registry, AccessLookup* access, OwnFactsSource* own)
      : registry_(registry), access_(access), own_facts_(own) {}

  absl::StatusOr<GatheredFacts> Gather(const RoutingInput& input, absl::Time now,
                                       absl::Time deadline,
                                       Freshness freshness = Freshness::kFresh);

 private:
  // One version's consultations (by state) and relays, parsed.
  struct OwnFactsCache {
    std::string version;
    absl::Time fetched;
    absl::flat_hash_map<std::string, std::vector<Consultation>> by_state;
    std::vector<RelayDeclaration> relays;
  };
  absl::Status AddConsultations(const RoutingInput& input, Freshness freshness, GatheredFacts& out);
  absl::Status AddOwnFacts(const std::string& state, Freshness freshness, GatheredFacts& out);

  RegistryLookup* const registry_;
  AccessLookup* const access_;
  OwnFactsSource* const own_facts_;
  absl::Mutex mu_;
  std::shared_ptr<const OwnFactsCache> own_ ABSL_GUARDED_BY(mu_);
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_FACTS_GATHERER_H_
