#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_ROUTER_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_ROUTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/base/clock.h"
#include "common/base/principal.h"
#include "services/routing/domain/facts_gatherer.h"
#include "services/routing/domain/input.h"
#include "services/routing/domain/input_record.h"
#include "services/routing/domain/input_store.h"
#include "services/routing/domain/rerouting.h"
#include "services/routing/domain/route.h"

namespace polylateral::routing {

// A record and the store version it was read at.
struct LoadedRecord {
  std::unique_ptr<InputRecord> record;
  int64_t version = 0;
};

// The input use cases around the pure policy: gather facts, decide, store atomically; joint
// statement changes under optimistic concurrency; re-routing after accreditation events.
// Records are the stored form (every signatory); the caller trims them for readers.
class InputRouter final {
 public:
  InputRouter(FactsGatherer* facts, InputStore* store, const InputRecordCodec* codec,
              const Clock* clock)
      : facts_(facts), store_(store), codec_(codec), clock_(clock) {}

  // `input` is `submitted` read (InputRecordCodec::Read). PERMISSION_DENIED NOT_AUTHOR unless
  // the author or an operator submits; INVALID_ARGUMENT as ValidateInput; errors of the facts.
  absl::StatusOr<std::unique_ptr<InputRecord>> Submit(const Principal& who, Input input,
                                                      const InputRecord& submitted,
                                                      const std::string& request_id,
                                                      const std::string& fingerprint,
                                                      absl::Time deadline);
  absl::StatusOr<RoutingDecision> Preview(Input input, absl::Time at, absl::Time deadline);
  // The stored record (every signatory) and its version.
  absl::StatusOr<LoadedRecord> Load(const std::string& id);

  enum class SignatoryOp { kInvite, kConfirm };
  absl::StatusOr<std::unique_ptr<InputRecord>> ChangeSignatory(const Principal& who,
                                                               const std::string& input_id,
                                                               const std::string& stakeholder,
                                                               SignatoryOp op);
  absl::StatusOr<std::unique_ptr<InputRecord>> Publish(const Principal& who,
                                                       const std::string& input_id,
                                                       const std::string& text);

  // Re-decides the author's inputs not yet acknowledged everywhere after `event`; returns how
  // many inputs changed routes.
  absl::StatusOr<int> ReactTo(const AccreditationEvent& event, absl::Time deadline);

 private:
  absl::StatusOr<std::unique_ptr<InputRecord>> Mutate(
      const std::string& input_id, const std::function<absl::Status(JointStatement&)>& change);
  absl::StatusOr<bool> RerouteOne(const std::string& input_id, const AccreditationEvent& event,
                                  absl::Time deadline);
  std::vector<QueuedRoute> Queued(const std::vector<Route>& routes) const;

  FactsGatherer* const facts_;
  InputStore* const store_;
  const InputRecordCodec* const codec_;
  const Clock* const clock_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_ROUTER_H_
