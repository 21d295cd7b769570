#ifndef POLYLATERAL_SERVICES_REGISTRY_STORE_REDIS_STAKEHOLDER_STORE_H_
#define POLYLATERAL_SERVICES_REGISTRY_STORE_REDIS_STAKEHOLDER_STORE_H_

#include "common/redis/redis_client.h"
#include "services/registry/domain/registry_store.h"

namespace polylateral::registry {

// StakeholderStore on Redis: one Lua script per write (record, indexes, unique-name claim,
// references and request id together), one script per listing page. Key layout in
// registry_keys.h.
class RedisStakeholderStore final : public StakeholderStore {
 public:
  explicit RedisStakeholderStore(redis::RedisClient* redis);

  absl::StatusOr<Stakeholder> Get(const std::string& id) override;
  absl::StatusOr<Stakeholder> Create(const Stakeholder& s, const std::string& request_id) override;
  absl::StatusOr<Stakeholder> Update(const Stakeholder& before, const Stakeholder& after) override;
  absl::Status Delete(const Stakeholder& current) override;
  absl::StatusOr<Page<Stakeholder>> List(const std::vector<std::string>& labels,
                                         const std::string& prefix, const std::string& cursor,
                                         int limit) override;

 private:
  redis::RedisClient* const redis_;
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
