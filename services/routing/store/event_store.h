#ifndef POLYLATERAL_SERVICES_ROUTING_STORE_EVENT_STORE_H_
#define POLYLATERAL_SERVICES_ROUTING_STORE_EVENT_STORE_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "services/routing/domain/routing_change.h"

namespace polylateral::routing {

// How much of the feed Redis still holds.
struct FeedBounds {
  // The oldest entry held; nullopt when the feed is empty.
  std::optional<FeedPosition> first;
  // The newest entry ever deleted with XDEL, 0-0 when none. Redis 7.0 does not move it when
  // XADD MAXLEN trims, hence `trimmed`.
  FeedPosition max_deleted;
  // Whether entries were ever removed (added more than held): then every position before
  // `first` may have lost its successors.
  bool trimmed = false;
  // The newest entry ever added, 0-0 when none.
  FeedPosition last;
};

// Routing's change feed in Redis, {rt}:events (routing_keys.h): a stream the write scripts
// append to (event_append.lua), read here by position.
class RedisEventStore final {
 public:
  explicit RedisEventStore(redis::RedisClient* redis) : redis_(redis) {}

  // The length the scripts trim the feed to (approximately): {rt}:events:cap.
  absl::Status SetCap(int64_t max_len);
  // Entries after `after` (excluded), oldest first, at most `count`.
  absl::StatusOr<std::vector<RoutingChange>> After(const FeedPosition& after, int count);
  // Entries after `after`, waiting up to `block` for the first (XREAD BLOCK: call it on a
  // client of its own, whose command timeout exceeds `block`).
  absl::StatusOr<std::vector<RoutingChange>> Next(const FeedPosition& after, int count,
                                                  absl::Duration block);
  absl::StatusOr<FeedBounds> Bounds();
  // Whether a watcher that saw everything up to `seen` can still replay all that followed.
  static bool Complete(const FeedBounds& bounds, const FeedPosition& seen);
  // Where to resume to replay everything the feed holds: just before its oldest entry.
  static FeedPosition Oldest(const FeedBounds& bounds);

 private:
  redis::RedisClient* const redis_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_STORE_EVENT_STORE_H_
