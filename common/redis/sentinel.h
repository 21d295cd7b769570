#ifndef POLYLATERAL_COMMON_REDIS_SENTINEL_H_
#define POLYLATERAL_COMMON_REDIS_SENTINEL_H_

// Finding the Redis primary through Redis Sentinel, and hearing when it changes.
//
// Follows Sentinel's client guidelines (redis.io/docs/reference/sentinel-clients): ask the
// sentinels in turn for `SENTINEL get-master-addr-by-name`, take the first answer, and check
// with ROLE on the connection that the node really is a primary (a sentinel may answer before
// it has heard of a failover). Sentinel's `+switch-master` messages make the switch quicker than
// waiting for a connection to fail, and catch a primary demoted while still reachable.

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace polylateral::redis {

// "host:port" of the primary of `master_name` from the first sentinel that knows it.
// UNAVAILABLE REDIS_PRIMARY_UNKNOWN when none answers (the message names each one's failure).
absl::StatusOr<std::string> AskSentinelsForPrimary(const std::vector<std::string>& sentinels,
                                                   const std::string& master_name,
                                                   absl::Duration timeout);

// Subscribes to `+switch-master` on one sentinel at a time (the next one when it fails) and
// calls `on_switch(new "host:port")` for every switch of `master_name`, from its own thread.
class SentinelWatcher final {
 public:
  SentinelWatcher(std::vector<std::string> sentinels, std::string master_name,
                  std::function<void(const std::string&)> on_switch);
  // Stops the thread within about kPollInterval.
  ~SentinelWatcher();
  SentinelWatcher(const SentinelWatcher&) = delete;
  SentinelWatcher& operator=(const SentinelWatcher&) = delete;

  static constexpr absl::Duration kPollInterval = absl::Milliseconds(100);

 private:
  void Run();
  // One subscription's life on `sentinel`, until it breaks or we stop.
  void Watch(const std::string& sentinel);

  const std::vector<std::string> sentinels_;
  const std::string master_name_;
  const std::function<void(const std::string&)> on_switch_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_SENTINEL_H_
