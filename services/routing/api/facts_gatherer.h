#ifndef POLYLATERAL_SERVICES_ROUTING_API_FACTS_GATHERER_H_
#define POLYLATERAL_SERVICES_ROUTING_API_FACTS_GATHERER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/registry/domain/stakeholder.h"
#include "services/routing/client/accreditation_client.h"
#include "services/routing/client/registry_client.h"
#include "services/routing/domain/routing_facts.h"
#include "services/routing/domain/routing_policy.h"
#include "services/routing/store/redis_routing_store.h"

namespace polylateral::routing {

struct GatheredFacts {
  registry::Stakeholder author;
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
// relay declaration from the routing service's own store. Outgoing calls carry `deadline`.
// NOT_FOUND STAKEHOLDER_NOT_FOUND / PROCESS_NOT_FOUND / CONSULTATION_NOT_FOUND.
// Thread-safe.
class FactsGatherer final {
 public:
  FactsGatherer(RegistryClient* registry, AccreditationClient* accreditation,
                RedisRoutingStore* store)
      : registry_(registry), accreditation_(accreditation), store_(store) {}

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

  RegistryClient* const registry_;
  AccreditationClient* const accreditation_;
  RedisRoutingStore* const store_;
  absl::Mutex mu_;
  std::shared_ptr<const OwnFactsCache> own_ ABSL_GUARDED_BY(mu_);
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_FACTS_GATHERER_H_
