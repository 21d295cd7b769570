#include "common/redis/redis_metrics.h"

namespace polylateral::redis {
namespace {
// Redis answers in tens of microseconds on loopback; the buckets resolve that and still
// catch the tail of a slow script or a network hop.
const prometheus::Histogram::BucketBoundaries kBuckets = {
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};
}  // namespace

RedisMetrics::RedisMetrics(prometheus::Registry& registry)
    : latency_family_(prometheus::BuildHistogram()
                          .Name("polylateral_redis_command_duration_seconds")
                          .Help("Latency of Redis commands, pipelines and scripts")
                          .Register(registry)),
      error_family_(prometheus::BuildCounter()
                        .Name("polylateral_redis_errors_total")
                        .Help("Redis connection and I/O failures")
                        .Register(registry)),
      cache_family_(prometheus::BuildCounter()
                        .Name("polylateral_read_cache_lookups_total")
                        .Help("Reads through a cache kept coherent by Redis tracking, by result")
                        .Register(registry)),
      connect_errors_(&error_family_.Add({{"kind", "connect"}})),
      io_errors_(&error_family_.Add({{"kind", "io"}})),
      timeout_errors_(&error_family_.Add({{"kind", "timeout"}})),
      not_primary_errors_(&error_family_.Add({{"kind", "not_primary"}})),
      replicas_behind_errors_(&error_family_.Add({{"kind", "replicas_behind"}})) {
  RegisterCommand("other");
}

void RedisMetrics::RegisterCommand(absl::string_view command) {
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = latency_.try_emplace(std::string(command), nullptr);
  if (inserted) it->second = &latency_family_.Add({{"command", std::string(command)}}, kBuckets);
}

void RedisMetrics::ObserveLatency(absl::string_view command, double seconds) {
  prometheus::Histogram* h = nullptr;
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = latency_.find(command);
    h = it != latency_.end() ? it->second : latency_.find("other")->second;
  }
  h->Observe(seconds);
}

RedisMetrics::CacheCounters RedisMetrics::RegisterCache(absl::string_view cache) {
  const std::string name(cache);
  return {&cache_family_.Add({{"cache", name}, {"result", "hit"}}),
          &cache_family_.Add({{"cache", name}, {"result", "miss"}}),
          &cache_family_.Add({{"cache", name}, {"result", "bypass"}})};
}

void RedisMetrics::CountError(absl::string_view kind) {
  if (kind == "connect") {
    connect_errors_->Increment();
  } else if (kind == "timeout") {
    timeout_errors_->Increment();
  } else if (kind == "not_primary") {
    not_primary_errors_->Increment();
  } else if (kind == "replicas_behind") {
    replicas_behind_errors_->Increment();
  } else {
    io_errors_->Increment();
  }
}

}  // namespace polylateral::redis
