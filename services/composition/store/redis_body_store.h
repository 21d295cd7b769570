#ifndef POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_BODY_STORE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_BODY_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_client.h"
#include "polylateral/composition/v1/nomination.pb.h"

namespace polylateral::composition {

// Where a body lives: processes/{process_id}/bodies/{body_id}.
struct BodyKey {
  std::string process_id;
  std::string body_id;
};

// A body with its nominations as one consistent read.
struct BodySnapshot {
  v1::Body body;  // state, nomination_count and draw filled in
  // The nominations version: bumped by every nomination and withdrawal.
  int64_t version = 0;
  std::vector<v1::Nomination> nominations;  // in nomination id order
};

// Bodies and their nominations on Redis (layout in composition_keys.h), stored as protobuf
// bytes. Every write is one run of body_write.lua, which checks the body's state in the same
// step: no nomination lands after the draw, and a draw solved on nominations that changed
// meanwhile is refused.
class RedisBodyStore final {
 public:
  explicit RedisBodyStore(redis::RedisClient* redis);

  // ALREADY_EXISTS (BODY_EXISTS). `body` as given (name, spec, commitment, create_time).
  absl::Status Create(const BodyKey& key, const v1::Body& body);
  // NOT_FOUND (BODY_NOT_FOUND).
  absl::StatusOr<v1::Body> Get(const BodyKey& key);
  absl::StatusOr<BodySnapshot> Snapshot(const BodyKey& key);
  // NOT_FOUND (BODY_NOT_FOUND); FAILED_PRECONDITION (BODY_DRAWN, BODY_FULL); ALREADY_EXISTS
  // (NOMINATION_EXISTS, CANDIDATE_ALREADY_NOMINATED).
  absl::Status Nominate(const BodyKey& key, const std::string& nomination_id,
                        const v1::Nomination& nomination, int max_nominations);
  // NOT_FOUND (NOMINATION_NOT_FOUND).
  absl::StatusOr<v1::Nomination> GetNomination(const BodyKey& key,
                                               const std::string& nomination_id);
  // Removes `read` (as GetNomination returned it). ABORTED (NOMINATION_CHANGED) when it was
  // replaced meanwhile; NOT_FOUND; FAILED_PRECONDITION (BODY_DRAWN).
  absl::Status Withdraw(const BodyKey& key, const std::string& nomination_id,
                        const v1::Nomination& read);
  // Records the draw solved on nominations `version`. ABORTED (NOMINATIONS_CHANGED);
  // FAILED_PRECONDITION (BODY_DRAWN); NOT_FOUND.
  absl::Status RecordDraw(const BodyKey& key, int64_t version, const v1::BodyDraw& draw);

 private:
  absl::Status Write(const BodyKey& key, const std::vector<std::string>& args);

  redis::RedisClient* const redis_;
  redis::RedisScript write_;
  redis::RedisScript snapshot_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_STORE_REDIS_BODY_STORE_H_
