#ifndef POLYLATERAL_SERVICES_COMPOSITION_BODIES_BODY_STORE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_BODIES_BODY_STORE_H_

// What the body rules need from storage; store/ implements it on Redis. A body, its
// nominations and its draw are records the API layer serialises: the store keeps them
// verbatim and knows, as plain fields, only what it checks in the same atomic step as each
// write: the body's state, each nominee's candidate id (one nomination per candidate) and the
// nominations version (a draw is kept only if the nominations it was solved on are current).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace polylateral::composition {

// Where a body lives: processes/{process_id}/bodies/{body_id}.
struct BodyKey {
  std::string process_id;
  std::string body_id;
};

// A body as stored.
struct StoredBody {
  std::string record;  // as created
  bool drawn = false;
  std::string draw;  // the draw's record, when drawn
  int nomination_count = 0;
};

// A body with its nominations as one consistent read.
struct BodySnapshot {
  StoredBody body;
  // The nominations version: bumped by every nomination and withdrawal.
  int64_t version = 0;
  std::vector<std::string> nominations;  // records, in nomination id order
};

// A nomination as written or read back.
struct NominationRecord {
  std::string id;            // within the body
  std::string candidate_id;  // the nominee
  std::string record;
};

// What a draw's audit entry records besides the draw itself (docs/audit.md): who drew, when,
// and the seed, so that anyone can replay the draw from the published lottery.
// A draw over m numbered panels (DrawBodyRequest.uniform_panels): the number drawn, whether a
// public physical draw gave it rather than the seed, and the SHA-256 of the published list.
struct UniformDrawStamp {
  int panels = 0;
  int panel_number = 0;
  bool public_draw = false;
  std::string panels_sha256;
};

struct DrawStamp {
  std::string drawn_by;  // Principal::ToString
  int64_t time_ms = 0;
  std::string seed;
  std::string seed_sha256;
  std::vector<std::string> member_ids;
  int panel_index = 0;
  std::optional<UniformDrawStamp> uniform;
};

class BodyStore {
 public:
  virtual ~BodyStore() = default;
  // ALREADY_EXISTS (BODY_EXISTS).
  virtual absl::Status Create(const BodyKey& key, const std::string& record) = 0;
  // NOT_FOUND (BODY_NOT_FOUND).
  virtual absl::StatusOr<StoredBody> Get(const BodyKey& key) = 0;
  virtual absl::StatusOr<BodySnapshot> Snapshot(const BodyKey& key) = 0;
  // NOT_FOUND (BODY_NOT_FOUND); FAILED_PRECONDITION (BODY_DRAWN, BODY_FULL past
  // `max_nominations`); ALREADY_EXISTS (NOMINATION_EXISTS, CANDIDATE_ALREADY_NOMINATED).
  virtual absl::Status Nominate(const BodyKey& key, const NominationRecord& nomination,
                                int max_nominations) = 0;
  // The record. NOT_FOUND (NOMINATION_NOT_FOUND).
  virtual absl::StatusOr<std::string> GetNomination(const BodyKey& key,
                                                    const std::string& nomination_id) = 0;
  // Removes `read` (its record as GetNomination returned it). ABORTED (NOMINATION_CHANGED)
  // when it was replaced meanwhile; NOT_FOUND; FAILED_PRECONDITION (BODY_DRAWN).
  virtual absl::Status Withdraw(const BodyKey& key, const NominationRecord& read) = 0;
  // Records the draw solved on nominations `version`. ABORTED (NOMINATIONS_CHANGED);
  // FAILED_PRECONDITION (BODY_DRAWN); NOT_FOUND.
  virtual absl::Status RecordDraw(const BodyKey& key, int64_t version, const std::string& draw,
                                  const DrawStamp& stamp) = 0;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_BODIES_BODY_STORE_H_
