#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_UNIFORM_MAPPING_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_UNIFORM_MAPPING_H_

// The uniform lottery over m numbered panels (solver/uniform_lottery.h) on the wire: the
// request checks, the mapping, the draw of a number and the digest the audit entry keeps.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "polylateral/composition/v1/body.pb.h"
#include "services/composition/solver/body_spec.h"
#include "services/composition/solver/uniform_lottery.h"

namespace polylateral::composition {

// The m panels are returned and kept with the draw: at most this many seats in all
// (m * max_seats), so that a response or a body stays around a megabyte.
inline constexpr int64_t kMaxUniformSeats = 500000;

// 0 (no uniform lottery) or 1..kMaxUniformPanels with m * max_seats <= kMaxUniformSeats;
// otherwise INVALID_ARGUMENT UNIFORM_PANELS_OUT_OF_RANGE naming `field`.
absl::Status CheckUniformPanels(int m, int max_seats, absl::string_view field);

// `pool` gives the candidate ids of the probabilities (pool order).
void UniformToProto(const Pool& pool, const UniformLottery& in, v1::UniformLottery* out);

// SHA-256 hex of the numbered panels as text, one line per panel: "number:i,j,k\n" with the
// members' pool indices. The audit entry keeps it so that the published list is pinned.
std::string UniformPanelsDigest(const v1::UniformLottery& lottery);

struct DrawnNumber {
  int number = 0;            // 1..m
  std::vector<int> members;  // pool indices
};

// Checks the seed against its commitment and the lottery's shape (fields under
// `field_prefix`), then draws the number from the seed (lottery_draw.h). INVALID_ARGUMENT
// (INVALID_UNIFORM_LOTTERY, WEAK_SEED, INVALID_SEED); FAILED_PRECONDITION
// (SEED_COMMITMENT_MISMATCH).
absl::StatusOr<DrawnNumber> DrawFromUniform(const v1::UniformLottery& lottery,
                                            absl::string_view seed, absl::string_view commitment,
                                            const std::string& field_prefix);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_UNIFORM_MAPPING_H_
