#ifndef POLYLATERAL_SERVICES_REGISTRY_STORE_REDIS_STAKEHOLDER_STORE_H_
#define POLYLATERAL_SERVICES_REGISTRY_STORE_REDIS_STAKEHOLDER_STORE_H_

#include "common/redis/redis_client.h"
#include "common/redis/tracked_cache.h"
#include "services/registry/domain/registry_store.h"

namespace polylateral::registry {

// StakeholderStore on Redis: one Lua script per write (record, indexes, unique-name claim,
// references, request id and audit entries together), one script per listing page. Key
// layout in registry_keys.h.
//
// Get reads through an optional TrackedCache of decoded records, kept coherent by Redis
// (CLIENT TRACKING on the "{reg}:sh:" prefix, see common/redis/invalidation_listener.h).
// This replica's own writes drop their key at once, so a caller reads its own writes here;
// another replica's write reaches the cache when Redis's invalidation does (well under a
// millisecond on a healthy link). Writes and listings always go to Redis.
class RedisStakeholderStore final : public StakeholderStore {
 public:
  using Cache = redis::TrackedCache<Stakeholder>;
  // `cache` may be null (no caching); it must outlive the store.
  explicit RedisStakeholderStore(redis::RedisClient* redis, Cache* cache = nullptr);

  absl::StatusOr<Stakeholder> Get(const std::string& id) override;
  absl::StatusOr<Stakeholder> Create(const Stakeholder& s, const std::string& request_key,
                                     const std::string& fingerprint,
                                     const WriteAudit& audit) override;
  absl::StatusOr<Stakeholder> Update(const Stakeholder& before, const Stakeholder& after,
                                     const WriteAudit& audit) override;
  absl::Status Delete(const Stakeholder& current, const std::vector<Stakeholder>& referrers,
                      const std::vector<Stakeholder>& referrers_after,
                      const WriteAudit& audit) override;
  absl::StatusOr<std::vector<Stakeholder>> Referrers(const std::string& id) override;
  absl::StatusOr<Page<Stakeholder>> List(const std::vector<std::string>& labels,
                                         const std::string& prefix, const std::string& cursor,
                                         int limit) override;

 private:
  void Forget(const std::string& id);

  redis::RedisClient* const redis_;
  Cache* const cache_;
  redis::RedisMetrics::CacheCounters cache_counters_;
  redis::RedisScript create_;
  redis::RedisScript update_;
  redis::RedisScript delete_;
  redis::RedisScript list_;
};

// How long a request id is remembered for idempotent retries.
inline constexpr int kRequestIdTtlSeconds = 24 * 3600;
// Index entries one listing call may examine before returning a short page.
inline constexpr int kListScanBudget = 5000;

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_STORE_REDIS_STAKEHOLDER_STORE_H_
