#ifndef POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_DELEGATION_STORE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_DELEGATION_STORE_H_

#include "common/redis/redis_client.h"
#include "services/composition/delegation/delegation_store.h"

namespace polylateral::composition {

// DelegationStore on Redis (layout in composition_keys.h): each write is one run of
// delegation_write.lua; reads are plain commands and one pipeline.
class RedisDelegationStore final : public DelegationStore {
 public:
  explicit RedisDelegationStore(redis::RedisClient* redis);

  absl::StatusOr<Delegation> Get(const std::string& process_id, const std::string& session_id,
                                 const std::string& state) override;
  absl::StatusOr<DelegationPage> List(const std::string& process_id, const std::string& session_id,
                                      const std::string& cursor, int limit) override;
  absl::StatusOr<Delegation> Create(const Delegation& d, const OpennessDelta& delta,
                                    const std::string& request_key, const std::string& fingerprint,
                                    const WriteStamp& by) override;
  absl::StatusOr<Delegation> Update(const Delegation& before, const Delegation& after,
                                    const OpennessDelta& delta, const WriteStamp& by) override;
  absl::Status Delete(const Delegation& current, const OpennessDelta& delta,
                      const WriteStamp& by) override;
  absl::StatusOr<OpennessCounters> Counters(const std::string& process_id) override;

 private:
  absl::StatusOr<redis::Reply> Write(const std::string& op, const Delegation& d,
                                     int64_t expected_version, const std::string& json,
                                     const OpennessDelta& delta, const std::string& request_key,
                                     const std::string& fingerprint, const WriteStamp& by);

  redis::RedisClient* const redis_;
  redis::RedisScript write_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_DELEGATION_STORE_H_
