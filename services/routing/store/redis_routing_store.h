#ifndef POLYLATERAL_SERVICES_ROUTING_STORE_REDIS_ROUTING_STORE_H_
#define POLYLATERAL_SERVICES_ROUTING_STORE_REDIS_ROUTING_STORE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"

namespace polylateral::routing {

// Records travel as opaque strings (the API's protobuf, binary or JSON): the store's job is
// atomicity, queues and indexes, not the record's shape.
struct QueuedRoute {
  std::string destination;
  std::string record;  // the Route, as the inbox entry carries it
};

// Uptake-report dimensions of one process an input was routed into ("t,g:4,r:1,k:2,s:BR").
struct ReportDims {
  std::string process_id;
  std::string dims;
};

struct NewInput {
  std::string id;
  std::string author_id;
  std::string record;
  std::string request_id;  // the caller's scoped request_id (CallerRequestKey); may be empty
  // Compared with the first request's when request_id is replayed; empty: not compared.
  std::string request_fingerprint;
  absl::Time now;
  std::vector<QueuedRoute> routes;
  std::vector<ReportDims> dims;
  // The consultations-and-relays version (OwnFacts::version) the routes were decided on; the
  // submission is refused with ABORTED FACTS_CHANGED if it is no longer current. Empty: not
  // checked.
  std::string facts_version;
};

// The routing service's own routing facts, read after their version (so they are at least
// that recent): the version, one state's consultations and every relay declaration (JSON).
struct OwnFacts {
  std::string version;
  std::vector<std::string> consultations;
  std::vector<std::string> relays;
};

struct StoredInput {
  std::string record;
  int64_t version = 0;
  int64_t routes = 0;
  int64_t acked = 0;
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

struct PullOptions {
  std::string consumer = "default";
  int count = 10;
  absl::Duration visibility_timeout = absl::Seconds(30);
  int max_deliveries = 5;
};

// The routing service's Redis persistence (key layout: routing_keys.h). Every write is one
// script that checks before it writes.
class RedisRoutingStore final {
 public:
  explicit RedisRoutingStore(redis::RedisClient* redis) : redis_(redis) {}

  // The input id: the new one, or the first one for a repeated request id.
  absl::StatusOr<std::string> Submit(const NewInput& in);
  // NOT_FOUND INPUT_NOT_FOUND.
  absl::StatusOr<StoredInput> Get(const std::string& id);
  // Replaces the record if its version is still `version`: ABORTED CONCURRENT_CHANGE else.
  absl::Status Replace(const std::string& id, int64_t version, const std::string& record);
  // Withdraws pending entries of `withdrawn` destinations and queues `added`, under the same
  // version check as Replace.
  absl::Status Reroute(const std::string& id, int64_t version, const std::string& record,
                       const std::vector<std::string>& withdrawn,
                       const std::vector<QueuedRoute>& added, int64_t route_count, absl::Time now);
  // Input ids, newest first, from `offset`; empty author = all.
  absl::StatusOr<std::vector<std::string>> ListIds(const std::string& author, int64_t offset,
                                                   int64_t limit);

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
  absl::Status RecordUptake(const std::string& input_id, const std::string& process_id,
                            const std::string& status_name, const std::string& record);
  // The process's report counters, "<inputs|status>|<dim>" -> count.
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> ReportCounters(
      const std::string& process_id);

 private:
  absl::Status PutFact(const std::string& hash, const std::string& id, const std::string& record);

  redis::RedisClient* const redis_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_STORE_REDIS_ROUTING_STORE_H_
