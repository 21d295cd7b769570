#ifndef POLYLATERAL_SERVICES_ROUTING_STORE_DEAD_LETTER_STORE_H_
#define POLYLATERAL_SERVICES_ROUTING_STORE_DEAD_LETTER_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"

namespace polylateral::routing {

// A dead letter as the list keeps it (pull.lua writes it).
struct StoredDeadLetter {
  std::string delivery_id;
  std::string input_id;
  int64_t delivery_count = 0;
  int64_t moved_ms = 0;
  std::string reason;
};

struct DeadLetterPage {
  std::vector<StoredDeadLetter> items;
  int64_t total = 0;  // on the list now
};

// The operators' handling of a destination's dead letters (key layout: routing_keys.h), apart
// from the delivery path that fills the list. Requeue and drop are one script each, audited.
class RedisDeadLetterStore final {
 public:
  explicit RedisDeadLetterStore(redis::RedisClient* redis) : redis_(redis) {}

  // Up to `limit` dead letters from position `offset`, oldest first.
  absl::StatusOr<DeadLetterPage> List(const std::string& destination, int64_t offset,
                                      int64_t limit);
  // The dead letter `delivery_id` of the destination; NOT_FOUND DEAD_LETTER_NOT_FOUND.
  absl::StatusOr<StoredDeadLetter> Find(const std::string& destination,
                                        const std::string& delivery_id);
  // Puts the dead letter back into the inbox with `route_record` (the route that brought the
  // input there) and returns the new delivery id. NOT_FOUND DEAD_LETTER_NOT_FOUND when another
  // operator took it first.
  absl::StatusOr<std::string> Requeue(const std::string& destination, const StoredDeadLetter& d,
                                      const std::string& route_record, absl::Time now,
                                      const std::string& by);
  // Removes it for good. NOT_FOUND DEAD_LETTER_NOT_FOUND as above.
  absl::Status Drop(const std::string& destination, const StoredDeadLetter& d, absl::Time now,
                    const std::string& by);

 private:
  absl::StatusOr<redis::Reply> Run(const char* op, const std::string& destination,
                                   const StoredDeadLetter& d, const std::string& route_record,
                                   absl::Time now, const std::string& by);

  redis::RedisClient* const redis_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_STORE_DEAD_LETTER_STORE_H_
