#ifndef POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_BODY_STORE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_BODY_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_client.h"
#include "services/composition/bodies/body_store.h"

namespace polylateral::composition {

// Bodies and their nominations on Redis (layout in composition_keys.h), their records kept as
// given. Every write is one run of body_write.lua, which checks the body's state in the same
// step: no nomination lands after the draw, and a draw solved on nominations that changed
// meanwhile is refused.
class RedisBodyStore final : public BodyStore {
 public:
  explicit RedisBodyStore(redis::RedisClient* redis);

  absl::Status Create(const BodyKey& key, const std::string& record) override;
  absl::StatusOr<StoredBody> Get(const BodyKey& key) override;
  absl::StatusOr<BodySnapshot> Snapshot(const BodyKey& key) override;
  absl::Status Nominate(const BodyKey& key, const NominationRecord& nomination,
                        int max_nominations) override;
  absl::StatusOr<std::string> GetNomination(const BodyKey& key,
                                            const std::string& nomination_id) override;
  absl::Status Withdraw(const BodyKey& key, const NominationRecord& read) override;
  absl::Status RecordDraw(const BodyKey& key, int64_t version, const std::string& draw,
                          const DrawStamp& stamp) override;

 private:
  absl::Status Write(const BodyKey& key, const std::vector<std::string>& args);

  redis::RedisClient* const redis_;
  redis::RedisScript write_;
  redis::RedisScript snapshot_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_BODY_STORE_H_
