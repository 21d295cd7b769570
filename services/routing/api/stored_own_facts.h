#ifndef POLYLATERAL_SERVICES_ROUTING_API_STORED_OWN_FACTS_H_
#define POLYLATERAL_SERVICES_ROUTING_API_STORED_OWN_FACTS_H_

#include <string>

#include "services/routing/domain/own_facts_source.h"
#include "services/routing/store/redis_routing_store.h"

namespace polylateral::routing {

// OwnFactsSource over the store: consultations and relay declarations are kept as their
// v1 messages (the API's records), decoded here with routing_mapping.
class StoredOwnFacts final : public OwnFactsSource {
 public:
  explicit StoredOwnFacts(RedisRoutingStore* store) : store_(store) {}

  absl::StatusOr<OwnFactsSnapshot> Read(const std::string& state) override;
  absl::StatusOr<StoredConsultation> GetConsultation(const std::string& id) override;

 private:
  RedisRoutingStore* const store_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_STORED_OWN_FACTS_H_
