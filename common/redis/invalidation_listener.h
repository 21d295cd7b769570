#ifndef POLYLATERAL_COMMON_REDIS_INVALIDATION_LISTENER_H_
#define POLYLATERAL_COMMON_REDIS_INVALIDATION_LISTENER_H_

// Feeds a TrackedCache from Redis's server-assisted client-side caching. One connection of
// its own runs
//   CLIENT TRACKING on REDIRECT <its own id> BCAST PREFIX <prefix>
//   SUBSCRIBE __redis__:invalidate
// so that Redis pushes the name of every key under <prefix> that anyone writes. Broadcasting
// mode keeps no per-key state in Redis, whatever the number of keys read. When the connection
// breaks (Redis restarted) the cache is reset and bypassed until tracking is back: a missed
// invalidation can never leave a stale value behind.

#include <atomic>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "common/redis/redis_metrics.h"
#include "common/redis/tracked_cache.h"

namespace polylateral::redis {

class InvalidationListener final {
 public:
  // Connects where `client` does (its primary, followed across failovers) as its user (which
  // needs CLIENT ID, CLIENT TRACKING, SUBSCRIBE and the channel __redis__:invalidate); `client`
  // and `target` must outlive the listener; `metrics` may be null.
  InvalidationListener(RedisClient* client, std::string prefix, InvalidationTarget* target,
                       RedisMetrics* metrics);
  // Stops the thread (within about kPollInterval) and resets the target to untracked.
  ~InvalidationListener();
  InvalidationListener(const InvalidationListener&) = delete;
  InvalidationListener& operator=(const InvalidationListener&) = delete;

  // Whether invalidations are flowing now.
  bool tracking() const { return tracking_.load(std::memory_order_acquire); }
  // Waits until tracking (start-up, tests); false on timeout.
  bool WaitTracking(absl::Duration timeout) const;

  static constexpr absl::Duration kPollInterval = absl::Milliseconds(100);
  static constexpr absl::Duration kReconnectDelay = absl::Milliseconds(250);

 private:
  void Run();
  // One connection's life: subscribe, then dispatch until it breaks or we stop.
  void Session();

  RedisClient* const client_;
  const std::string prefix_;
  InvalidationTarget* const target_;
  RedisMetrics* const metrics_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> tracking_{false};
  std::thread thread_;
};

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_INVALIDATION_LISTENER_H_
