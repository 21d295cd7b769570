#ifndef POLYLATERAL_COMMON_REDIS_REDIS_METRICS_H_
#define POLYLATERAL_COMMON_REDIS_REDIS_METRICS_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace polylateral::redis {

// Redis call latency and errors: `polylateral_redis_command_duration_seconds{command}` and
// `polylateral_redis_errors_total{kind}`. Series are created when a command label is first
// registered (at start-up), never per call: prometheus-cpp's Family::Add locks and allocates.
class RedisMetrics final {
 public:
  explicit RedisMetrics(prometheus::Registry& registry);

  // Creates the series for `command` ("GET", a script name); idempotent.
  void RegisterCommand(absl::string_view command);
  // Unregistered labels land in the "other" series.
  void ObserveLatency(absl::string_view command, double seconds);
  // kind: "connect", "io", "timeout", "not_primary", "replicas_behind".
  void CountError(absl::string_view kind);

  // `polylateral_read_cache_lookups_total{cache, result}` of a read cache kept coherent by
  // Redis tracking (tracked_cache.h): hit, miss (read from Redis and cached), bypass (read
  // from Redis while invalidations are not flowing, not cached).
  struct CacheCounters {
    prometheus::Counter* hit = nullptr;
    prometheus::Counter* miss = nullptr;
    prometheus::Counter* bypass = nullptr;
  };
  // Creates the series of `cache` ("stakeholders"); call once per cache at start-up.
  CacheCounters RegisterCache(absl::string_view cache);

 private:
  prometheus::Family<prometheus::Histogram>& latency_family_;
  prometheus::Family<prometheus::Counter>& error_family_;
  prometheus::Family<prometheus::Counter>& cache_family_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, prometheus::Histogram*> latency_ ABSL_GUARDED_BY(mu_);
  prometheus::Counter* connect_errors_;
  prometheus::Counter* io_errors_;
  prometheus::Counter* timeout_errors_;
  // A primary that answered READONLY (demoted in a failover); writes the replicas did not
  // confirm within --redis_replicas_ack_timeout.
  prometheus::Counter* not_primary_errors_;
  prometheus::Counter* replicas_behind_errors_;
};

// Increments `c` when there is one (metrics are optional in tools and tests).
inline void CountIf(prometheus::Counter* c) {
  if (c != nullptr) c->Increment();
}

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_REDIS_METRICS_H_
