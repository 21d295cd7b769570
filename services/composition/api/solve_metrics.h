#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_SOLVE_METRICS_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_SOLVE_METRICS_H_

#include <array>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "polylateral/composition/v1/body.pb.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace polylateral::composition {

// The solver's figures, every series created at start-up (prometheus-cpp's Family::Add locks
// and allocates), so the hot path only increments:
//   polylateral_composition_solves_total{mode,outcome}
//     mode: quick | minimal | leximin | invalid
//     outcome: ok | infeasible | invalid_argument | deadline_exceeded | cancelled | error
//   polylateral_composition_solve_duration_seconds{mode} (histogram, 1 ms .. 120 s)
class SolveMetrics final {
 public:
  explicit SolveMetrics(prometheus::Registry& registry);

  // `feasible`: the response's flag (an OK status with feasible == false is "infeasible").
  void Record(v1::SolveMode mode, const absl::Status& status, bool feasible, absl::Duration took);

  static constexpr int kModes = 4;     // unspecified/invalid, quick, minimal, leximin
  static constexpr int kOutcomes = 6;  // see above

 private:
  std::array<std::array<prometheus::Counter*, kOutcomes>, kModes> solves_{};
  std::array<prometheus::Histogram*, kModes> duration_{};
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_SOLVE_METRICS_H_
