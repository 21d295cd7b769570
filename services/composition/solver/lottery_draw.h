#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LOTTERY_DRAW_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LOTTERY_DRAW_H_

// The verifiable draw from a LEXIMIN lottery.
//
// Protocol: (1) publish the distribution (LeximinResult: types, panels in canonical order,
// weights) and the commitment SeedCommitment(seed), the SHA-256 of a seed nobody else knows
// yet (or of one fixed in advance from a public source, e.g. a national lottery's numbers);
// (2) after the draw, publish the seed. Anyone checks the hash and re-runs DrawPanel on the
// published distribution with the seed, getting the same panel on any platform:
//  - the PRNG is std::mt19937_64 seeded with the first 8 bytes (big-endian) of SHA-256(seed);
//    its raw outputs are fixed by the C++ standard;
//  - one output u = (x >> 11) * 2^-53 picks the panel whose cumulative weight, in the
//    published order, first exceeds u (the last panel if rounding leaves u above the total);
//  - within each type, in type order, the panel's count of members is chosen by a partial
//    Fisher-Yates shuffle of the type's members (ascending index), each index drawn by
//    rejection from raw outputs (panel_members.h). No std::*_distribution is used.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/composition/solver/solve_result.h"

namespace polylateral::composition {

std::string SeedCommitment(absl::string_view seed);  // SHA-256 hex of the seed

// The seed is published only after the draw, but its commitment is published before: a
// short seed could be found from the commitment by trying them all, and the panel known in
// advance. So every draw takes at least 128 bits of seed.
inline constexpr size_t kMinSeedBytes = 16;
inline constexpr size_t kMaxSeedBytes = 256;

// INVALID_ARGUMENT naming `field`: WEAK_SEED when shorter than kMinSeedBytes (empty too),
// INVALID_SEED when longer than kMaxSeedBytes.
absl::Status ValidateDrawSeed(absl::string_view seed, absl::string_view field = "seed");

struct Draw {
  int panel = 0;             // index into LeximinResult::panels
  std::vector<int> members;  // ascending candidate indices
  std::string commitment;    // SeedCommitment(seed), to compare with the published one
};

// INVALID_ARGUMENT as ValidateDrawSeed; FAILED_PRECONDITION when the lottery has no panels
// (infeasible rules).
absl::StatusOr<Draw> DrawPanel(const LeximinResult& lottery, absl::string_view seed);

// The same draw over a uniform lottery of m numbered panels (uniform_lottery.h), published
// before the draw: the same PRNG's first output u names panel number floor(u * m) + 1, whose
// members are fixed by the published list (no further randomness). `panel` is the number
// minus one.
absl::StatusOr<Draw> DrawUniformPanel(const std::vector<std::vector<int>>& panels,
                                      absl::string_view seed);

// The number (1..m) the draw above picks with this seed: the check anyone can make.
int UniformPanelNumber(absl::string_view seed, int panel_count);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LOTTERY_DRAW_H_
