#ifndef POLYLATERAL_COMMON_SERVER_WRITE_RATE_LIMITER_H_
#define POLYLATERAL_COMMON_SERVER_WRITE_RATE_LIMITER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/base/clock.h"
#include "common/base/principal.h"
#include "common/redis/redis_client.h"

namespace polylateral::server {

struct WriteRateOptions {
  // Writes per second each limited caller regains, and how many it may make at once after
  // being idle. A rate of 0 turns the limit off.
  double rate = 100;
  int burst = 2000;
  // The service's own key space: buckets are "<key_prefix><kind>:<id>" ("{reg}:rate:" gives
  // "{reg}:rate:stakeholder:acme"). Empty: the limit is off (a service that set none).
  std::string key_prefix;
  // Methods ("DrawPanel", the name after the last '/') that write nothing although
  // IsWriteMethod's name rule would count them as writes.
  std::vector<std::string> not_writes;
};

// Whether `full_method` ("/polylateral.registry.v1.RegistryService/CreateStakeholder") writes:
// every method except those named Get*, List*, Check*, Preview*, Stream* or Solve, and except
// the service's `not_writes`. A rule on names rather than a list, so a new method is limited
// unless someone decides otherwise.
bool IsWriteMethod(absl::string_view full_method, const std::vector<std::string>& not_writes);

// Whether writes of `caller` are limited: stakeholders and states. Secretariats, operators and
// services are trusted with bulk work (imports, benchmarks); anonymous callers cannot write.
bool IsRateLimited(const Principal& caller);

// A token bucket per limited caller, kept in Redis so that every replica of a service shares
// it: one Lua script refills and takes atomically, and an idle bucket expires. Thread-safe.
class WriteRateLimiter final {
 public:
  // `redis` and `clock` must outlive the limiter.
  WriteRateLimiter(redis::RedisClient* redis, const Clock* clock, WriteRateOptions options);

  // OK, or RESOURCE_EXHAUSTED with reason WRITE_RATE_EXCEEDED when `caller` has no token left
  // for the write `full_method`. Reads and exempt callers pass without a Redis call.
  absl::Status Admit(const Principal& caller, absl::string_view full_method);

  const WriteRateOptions& options() const { return options_; }

 private:
  redis::RedisClient* const redis_;
  const Clock* const clock_;
  const WriteRateOptions options_;
  const std::string rate_arg_;
  const std::string burst_arg_;
  redis::RedisScript take_;
};

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_WRITE_RATE_LIMITER_H_
