#ifndef POLYLATERAL_COMMON_AUDIT_STORE_REDIS_AUDIT_LOG_H_
#define POLYLATERAL_COMMON_AUDIT_STORE_REDIS_AUDIT_LOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/audit/audit_entry.h"
#include "common/audit/signed_head.h"
#include "common/redis/redis_client.h"

namespace polylateral::audit {

// An entry and its seal (hash_seq, raw bytes; empty while not yet sealed).
struct SealedEntry {
  AuditEntry entry;
  std::string hash;
};

// The seals stored so far: `count` entries sealed, the last ending at `hash` (GenesisHash()
// when none).
struct SealState {
  uint64_t count = 0;
  std::string hash;
};

// One service's audit log in Redis (keys in audit_keys.h), as the sealer, the readers and the
// head publisher see it. Entries are appended by the write scripts (audit_append.lua), never
// here. Thread-safe: every call is one or two Redis commands or one script.
class RedisAuditLog final {
 public:
  RedisAuditLog(redis::RedisClient* redis, std::string tag) : redis_(redis), tag_(std::move(tag)) {}
  const std::string& tag() const { return tag_; }

  // Chains and seals up to `max_entries` unsealed entries in batches, with a compare-and-set
  // (seal.lua), so that replicas sealing the same log at once store the same seals once.
  // Returns how many entries this call sealed. DATA_LOSS SEAL_CONFLICT when a stored seal
  // differs from the one computed here (an entry edited after it was sealed).
  absl::StatusOr<uint64_t> SealPending(uint64_t max_entries);

  // Entries from `from_seq` (>= 1), at most `limit`, with their seals where stored.
  absl::StatusOr<std::vector<SealedEntry>> Read(uint64_t from_seq, uint64_t limit);
  // How many entries the log holds (sealed or not).
  absl::StatusOr<uint64_t> Length();
  absl::StatusOr<SealState> Sealed();

  // Signs the sealed state as of `now` and publishes it: the head key (kept at the highest seq
  // published) and the list of heads. Returns the head signed.
  absl::StatusOr<SignedHead> PublishHead(const HeadSigner& signer, absl::Time now);
  // The latest published head; NOT_FOUND HEAD_NOT_PUBLISHED before the first.
  absl::StatusOr<SignedHead> LatestHead();

 private:
  absl::StatusOr<uint64_t> SealBatch(uint64_t max_entries);

  redis::RedisClient* const redis_;
  const std::string tag_;
};

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_STORE_REDIS_AUDIT_LOG_H_
