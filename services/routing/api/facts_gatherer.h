#ifndef POLYLATERAL_SERVICES_ROUTING_API_FACTS_GATHERER_H_
#define POLYLATERAL_SERVICES_ROUTING_API_FACTS_GATHERER_H_

#include "absl/status/statusor.h"
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
};

// Collects what DecideRoutes reads for one input: the process(es) and the author (with its
// networks) from the registry, the author's and networks' access from accreditation (at
// `now`, blocked-by-objection resolved), the author's government's consultations and every
// relay declaration from the routing service's own store. Outgoing calls carry `deadline`.
// NOT_FOUND STAKEHOLDER_NOT_FOUND / PROCESS_NOT_FOUND / CONSULTATION_NOT_FOUND.
class FactsGatherer final {
 public:
  FactsGatherer(RegistryClient* registry, AccreditationClient* accreditation,
                RedisRoutingStore* store)
      : registry_(registry), accreditation_(accreditation), store_(store) {}

  absl::StatusOr<GatheredFacts> Gather(const RoutingInput& input, absl::Time now,
                                       absl::Time deadline);

 private:
  absl::Status AddConsultations(const RoutingInput& input, GatheredFacts& out);

  RegistryClient* const registry_;
  AccreditationClient* const accreditation_;
  RedisRoutingStore* const store_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_FACTS_GATHERER_H_
