#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_PANEL_DRAW_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_PANEL_DRAW_H_

// The verifiable lottery: one panel drawn from a LEXIMIN distribution with a seed whose
// SHA-256 was published before the draw. Everything is a pure function of (distribution,
// seed), on raw mt19937_64 outputs, so anyone re-running it gets the same panel.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "polylateral/composition/v1/body.pb.h"
#include "services/composition/solver/solve_result.h"

namespace polylateral::composition {

// A wire distribution's candidate ids flattened in type order; types become index ranges.
struct IndexedDistribution {
  std::vector<std::string> ids;
  std::vector<std::vector<int>> types;
  std::vector<WeightedPanel> panels;
};
IndexedDistribution IndexDistribution(const v1::LeximinDistribution& d);

struct DrawnPanel {
  int panel_index = 0;
  std::vector<int> members;  // ascending indices into the flattened types
};

// `types[t]` lists the member indices of type t; `panels` carry counts per type and weights.
// Checks the published commitment and the distribution, then draws with the solver's
// DrawPanel (the protocol is in services/composition/solver/lottery_draw.h).
// INVALID_ARGUMENT (INVALID_DISTRIBUTION naming `field_prefix`-rooted fields; WEAK_SEED or
// INVALID_SEED naming "seed", INVALID_SEED naming "seed_sha256");
// FAILED_PRECONDITION (SEED_COMMITMENT_MISMATCH) when SHA-256(seed) != commitment.
absl::StatusOr<DrawnPanel> DrawFromDistribution(const std::vector<std::vector<int>>& types,
                                                const std::vector<WeightedPanel>& panels,
                                                absl::string_view seed,
                                                absl::string_view commitment,
                                                const std::string& field_prefix);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_PANEL_DRAW_H_
