#ifndef POLYLATERAL_COMMON_REDIS_CACHED_READ_H_
#define POLYLATERAL_COMMON_REDIS_CACHED_READ_H_

// The read-through protocol of a TrackedCache, in one place for every store that has one:
// answer from memory, or reserve, fetch from Redis and fill; count hit / miss / bypass.

#include <string>

#include "absl/status/statusor.h"
#include "common/redis/redis_metrics.h"
#include "common/redis/tracked_cache.h"

namespace polylateral::redis {

// `fetch` reads `key` from Redis: absl::StatusOr<V>. Only OK values are cached; `cache` may be
// null (no caching).
template <typename V, typename Fetch>
absl::StatusOr<V> CachedRead(TrackedCache<V>* cache, const RedisMetrics::CacheCounters& counters,
                             const std::string& key, Fetch fetch) {
  if (cache == nullptr) return fetch();
  if (auto hit = cache->Find(key)) {
    CountIf(counters.hit);
    return *hit;
  }
  const typename TrackedCache<V>::Ticket ticket = cache->Reserve(key);
  CountIf(ticket ? counters.miss : counters.bypass);
  absl::StatusOr<V> value = fetch();
  if (value.ok()) cache->Fill(key, ticket, *value);
  return value;
}

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_CACHED_READ_H_
