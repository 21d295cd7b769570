#ifndef POLYLATERAL_SERVICES_ROUTING_API_INPUT_ROUTER_H_
#define POLYLATERAL_SERVICES_ROUTING_API_INPUT_ROUTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/base/clock.h"
#include "common/base/principal.h"
#include "polylateral/routing/v1/routing.pb.h"
#include "services/routing/domain/facts_gatherer.h"
#include "services/routing/domain/rerouting.h"
#include "services/routing/store/redis_routing_store.h"

namespace polylateral::routing {

// The input use cases around the pure policy: gather facts, decide, store atomically; joint
// statement changes under optimistic concurrency; re-routing after accreditation events.
// Records in and out are v1::Input (the stored form keeps every signatory; callers get
// ForReaders' view).
class InputRouter final {
 public:
  InputRouter(FactsGatherer* facts, RedisRoutingStore* store, const Clock* clock)
      : facts_(facts), store_(store), clock_(clock) {}

  absl::StatusOr<v1::Input> Submit(const Principal& who, const v1::Input& input,
                                   const std::string& request_id, const std::string& fingerprint,
                                   absl::Time deadline);
  absl::StatusOr<RoutingDecision> Preview(const v1::Input& input, absl::Time at,
                                          absl::Time deadline);
  // The stored record (every signatory) and its version.
  absl::StatusOr<std::pair<v1::Input, int64_t>> Load(const std::string& id);

  enum class SignatoryOp { kInvite, kConfirm };
  absl::StatusOr<v1::Input> ChangeSignatory(const Principal& who, const std::string& input_id,
                                            const std::string& stakeholder, SignatoryOp op);
  absl::StatusOr<v1::Input> Publish(const Principal& who, const std::string& input_id,
                                    std::string text);

  // Re-decides the author's inputs not yet acknowledged everywhere after `event`; returns how
  // many inputs changed routes.
  absl::StatusOr<int> ReactTo(const AccreditationEvent& event, absl::Time deadline);

 private:
  absl::StatusOr<v1::Input> Mutate(const std::string& input_id,
                                   const std::function<absl::Status(JointStatement&)>& change);
  absl::StatusOr<bool> RerouteOne(const std::string& input_id, const AccreditationEvent& event,
                                  absl::Time deadline);

  FactsGatherer* const facts_;
  RedisRoutingStore* const store_;
  const Clock* const clock_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_INPUT_ROUTER_H_
