#ifndef POLYLATERAL_SERVICES_ROUTING_API_ACCREDITATION_EVENTS_H_
#define POLYLATERAL_SERVICES_ROUTING_API_ACCREDITATION_EVENTS_H_

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_client.h"
#include "services/routing/domain/input_router.h"

namespace polylateral::routing {

// The accreditation service's decision stream ({acc}:events, its documented contract), read
// through the consumer group "routing" so that replicas share the work and an event is
// acknowledged only after the inputs it affects were re-routed (a crash re-reads it; a
// re-routing is idempotent). accreditation.granted|revoked|suspended|expired|reinstated
// and application.blocked re-route that stakeholder's queued inputs.
class AccreditationEvents final {
 public:
  static constexpr char kStream[] = "{acc}:events";
  static constexpr char kGroup[] = "routing";

  AccreditationEvents(redis::RedisClient* redis, InputRouter* router,
                      std::function<void(int)> on_rerouted = nullptr);
  ~AccreditationEvents() { Stop(); }

  // Creates the group if needed (at the stream's end: older decisions are already reflected
  // in CheckAccess, which every submission asks).
  absl::Status Prepare();
  // Reads and handles one batch (pending first, then new), blocking at most `block`. Returns
  // the number of events handled.
  absl::StatusOr<int> Poll(absl::Duration block);
  void Start();
  void Stop();

  // Exposed for tests: the event an entry's fields describe, or nullopt when routing ignores it.
  static std::optional<AccreditationEvent> Parse(
      const std::vector<std::pair<std::string, std::string>>& fields);

 private:
  absl::StatusOr<int> Handle(const redis::ReplyView& entries);

  redis::RedisClient* const redis_;
  InputRouter* const router_;
  std::function<void(int)> on_rerouted_;
  const std::string consumer_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_ACCREDITATION_EVENTS_H_
