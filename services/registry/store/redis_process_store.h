#ifndef POLYLATERAL_SERVICES_REGISTRY_STORE_REDIS_PROCESS_STORE_H_
#define POLYLATERAL_SERVICES_REGISTRY_STORE_REDIS_PROCESS_STORE_H_

#include "common/redis/redis_client.h"
#include "services/registry/domain/registry_store.h"

namespace polylateral::registry {

// ProcessStore on Redis: a JSON record per process and id-ordered indexes ("all", themes),
// each write one Lua script, with its audit entries.
class RedisProcessStore final : public ProcessStore {
 public:
  explicit RedisProcessStore(redis::RedisClient* redis);

  absl::StatusOr<Process> Get(const std::string& id) override;
  absl::StatusOr<Process> Create(const Process& p, const std::string& request_key,
                                 const std::string& fingerprint, const WriteAudit& audit) override;
  absl::StatusOr<Process> Update(const Process& before, const Process& after,
                                 const WriteAudit& audit) override;
  absl::Status Delete(const Process& current, const WriteAudit& audit) override;
  absl::StatusOr<Page<Process>> List(const std::string& label, const std::string& cursor,
                                     int limit) override;

 private:
  redis::RedisClient* const redis_;
  redis::RedisScript create_;
  redis::RedisScript update_;
  redis::RedisScript delete_;
  redis::RedisScript list_;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_STORE_REDIS_PROCESS_STORE_H_
