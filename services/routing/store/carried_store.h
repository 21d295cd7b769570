#ifndef POLYLATERAL_SERVICES_ROUTING_STORE_CARRIED_STORE_H_
#define POLYLATERAL_SERVICES_ROUTING_STORE_CARRIED_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_client.h"

namespace polylateral::routing {

struct StoredMark {
  std::string record;  // the CarriedForward, as first stored
  bool first = false;  // false: the state had marked the input before; `record` is that mark
};

// The state missions' carried-forward marks (key layout: routing_keys.h), kept apart from
// RedisRoutingStore's submission and delivery path. One script per mark.
class RedisCarriedStore final {
 public:
  explicit RedisCarriedStore(redis::RedisClient* redis) : redis_(redis) {}

  // Stores `record` as `state`'s mark on the input unless it marked it before, and counts it
  // in the reports of `processes`, if the input's record is still at `version` (the one its
  // routes were checked on). NOT_FOUND INPUT_NOT_FOUND; ABORTED CONCURRENT_CHANGE when the
  // record changed meanwhile (check again).
  absl::StatusOr<StoredMark> Mark(const std::string& input_id, int64_t version,
                                  const std::string& state, const std::string& record,
                                  const std::vector<std::string>& processes);

 private:
  redis::RedisClient* const redis_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_STORE_CARRIED_STORE_H_
