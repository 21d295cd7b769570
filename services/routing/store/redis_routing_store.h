#ifndef POLYLATERAL_SERVICES_ROUTING_STORE_REDIS_ROUTING_STORE_H_
#define POLYLATERAL_SERVICES_ROUTING_STORE_REDIS_ROUTING_STORE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "services/routing/domain/inbox_access.h"
#include "services/routing/domain/input_store.h"

namespace polylateral::routing {

// The routing service's own routing facts, read after their version (so they are at least
// that recent): the version, one state's consultations and every relay declaration (JSON).
struct OwnFacts {
  std::string version;
  std::vector<std::string> consultations;
  std::vector<std::string> relays;
};

// One inbox entry handed out by Pull.
struct PulledDelivery {
  std::string delivery_id;
  std::string input_id;
  std::string route_record;
  std::string input_record;
  int64_t delivery_count = 0;
  int64_t enqueue_ms = 0;
};

// The routing service's Redis persistence (key layout: routing_keys.h), and the domain's
// InputStore. Every write is one script that checks before it writes.
class RedisRoutingStore final : public InputStore {
 public:
  explicit RedisRoutingStore(redis::RedisClient* redis) : redis_(redis) {}

  // InputStore.
  absl::StatusOr<std::string> Submit(const NewInput& in) override;
  absl::StatusOr<StoredInput> Get(const std::string& id) override;
  absl::Status Replace(const std::string& id, int64_t version, const std::string& record) override;
  absl::Status Reroute(const std::string& id, int64_t version, const std::string& record,
                       const std::vector<std::string>& withdrawn,
                       const std::vector<QueuedRoute>& added, int64_t route_count, absl::Time now,
                       const std::string& cause) override;
  absl::StatusOr<std::vector<std::string>> ListIds(const std::string& author, int64_t offset,
                                                   int64_t limit) override;

  absl::StatusOr<std::vector<PulledDelivery>> Pull(const std::string& destination,
                                                   const PullOptions& options, absl::Time now);
  // Whether the delivery was pending (false: already acknowledged, dead-lettered or unknown).
  absl::StatusOr<bool> Ack(const std::string& destination, const std::string& delivery_id);
  // Ack of several deliveries in one script, one answer per id in order. INVALID_ARGUMENT
  // (nothing acknowledged) when an id is no delivery id.
  absl::StatusOr<std::vector<bool>> AckMany(const std::string& destination,
                                            const std::vector<std::string>& delivery_ids);
  // The dead-letter list's JSON entries, oldest first.
  absl::StatusOr<std::vector<std::string>> DeadLetters(const std::string& destination);

  // Consultations (per state) and relay declarations: records by id.
  absl::StatusOr<bool> CreateConsultation(const std::string& id, const std::string& state,
                                          const std::string& record);
  absl::Status PutConsultation(const std::string& id, const std::string& state,
                               const std::string& record);
  // {state, record}; NOT_FOUND CONSULTATION_NOT_FOUND.
  absl::StatusOr<std::pair<std::string, std::string>> GetConsultation(const std::string& id);
  absl::StatusOr<std::vector<std::string>> StateConsultations(const std::string& state);
  absl::Status PutRelay(const std::string& id, const std::string& record);
  // Stores relay `id` of `state` (ISO2) unless the state already declares `max_per_state`:
  // RESOURCE_EXHAUSTED TOO_MANY_RELAYS then, nothing written.
  absl::Status DeclareRelay(const std::string& id, const std::string& state,
                            const std::string& record, int max_per_state);
  // The record; NOT_FOUND RELAY_NOT_FOUND.
  absl::StatusOr<std::string> GetRelay(const std::string& id);
  // Removes relay `id` of `state`; NOT_FOUND RELAY_NOT_FOUND when it is gone.
  absl::Status DeleteRelay(const std::string& id, const std::string& state);
  absl::StatusOr<std::vector<std::string>> Relays();
  // One round trip; `state` may be empty (no consultations read).
  absl::StatusOr<OwnFacts> ReadOwnFacts(const std::string& state);

  // Stores outcome `id` if the outcome stored under it still belongs to `seen_process`
  // (its `processes/{p}` name; empty: nothing stored). ABORTED OUTCOME_CHANGED otherwise.
  absl::Status PutOutcome(const std::string& id, const std::string& record,
                          const std::string& seen_process);
  // NOT_FOUND OUTCOME_NOT_FOUND.
  absl::StatusOr<std::string> GetOutcome(const std::string& id);
  // FAILED_PRECONDITION INPUT_NOT_IN_PROCESS when the input was not routed into the process.
  // `recorded_by`, `outcome_id` and `now` go into the audit entry.
  absl::Status RecordUptake(const std::string& input_id, const std::string& process_id,
                            const std::string& status_name, const std::string& record,
                            const std::string& recorded_by, const std::string& outcome_id,
                            absl::Time now);
  // The process's report counters, "<inputs|status>|<dim>" -> count.
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> ReportCounters(
      const std::string& process_id);

 private:
  absl::Status PutFact(const std::string& hash, const std::string& id, const std::string& record);
  absl::Status ChangeRelay(const char* mode, const std::string& id, const std::string& state,
                           const std::string& record, int max_per_state);

  redis::RedisClient* const redis_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_STORE_REDIS_ROUTING_STORE_H_
