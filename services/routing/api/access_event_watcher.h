#ifndef POLYLATERAL_SERVICES_ROUTING_API_ACCESS_EVENT_WATCHER_H_
#define POLYLATERAL_SERVICES_ROUTING_API_ACCESS_EVENT_WATCHER_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "services/routing/client/access_cache.h"

namespace polylateral::routing {

// Keeps this replica's AccessCache honest: follows every entry of accreditation's decision
// stream ({acc}:events) with plain XREAD — not the consumer group, whose events are shared
// out between replicas while every replica holds its own cache — and drops the answers of
// the stakeholder each entry names (all answers for an entry naming none). It blocks on a
// connection of its own, so it never holds one of the workers' connections.
// The cache answers only while the stream is followed: it is enabled once the watcher knows
// where the stream ends, and disabled (emptied) whenever a read fails, until the watcher is
// back.
class AccessEventWatcher final {
 public:
  static constexpr char kStream[] = "{acc}:events";

  // `redis`: where the stream lives (a dedicated one-connection client is made from it).
  AccessEventWatcher(const redis::RedisOptions& redis, AccessCache* cache,
                     absl::Duration block = absl::Milliseconds(500));
  ~AccessEventWatcher() { Stop(); }

  void Start();
  void Stop();
  // One step (exposed for tests): positions at the stream's end when not yet positioned
  // (enabling the cache), else reads what was added since, blocking at most `block`.
  absl::Status Step();

 private:
  std::unique_ptr<redis::RedisClient> redis_;
  AccessCache* const cache_;
  const absl::Duration block_;
  std::string last_id_;  // empty: not positioned (the cache is disabled)
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_ACCESS_EVENT_WATCHER_H_
