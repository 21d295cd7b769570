#include "services/composition/solver/unreachable_types.h"

#include "services/composition/solver/panel_members.h"

namespace polylateral::composition {

absl::StatusOr<std::vector<bool>> UnreachableTypes(const TypeModel& model, ColumnPricer& pricer,
                                                   const SolveLimits& limits) {
  const size_t types = model.types.size();
  std::vector<bool> covered(types, false);
  auto cover = [&](const std::vector<int>& counts) {
    for (size_t j = 0; j < types; ++j) covered[j] = covered[j] || counts[j] > 0;
  };
  for (const std::vector<int>& panel : pricer.panels()) cover(panel);
  for (;;) {
    std::vector<double> value(types, 0.0);
    bool any = false;
    for (size_t j = 0; j < types; ++j) {
      if (!covered[j]) value[j] = 1.0;
      any = any || !covered[j];
    }
    if (!any) return std::vector<bool>(types, false);
    const MipOutcome out = pricer.SolveExact(value, limits);
    if (limits.Expired()) return limits.StopStatus();
    if (out.status != MipOutcome::Status::kOptimal) {
      return absl::InternalError("the MIP looking for unreachable types ended unproven");
    }
    // Seats are integers: an optimum under one seat means none of these types fits any panel.
    if (out.objective < 0.5) {
      std::vector<bool> unreachable(types);
      for (size_t j = 0; j < types; ++j) unreachable[j] = !covered[j];
      return unreachable;
    }
    const std::vector<int> counts = CountsFromSolution(model, out.solution);
    pricer.Add(counts);
    cover(counts);
  }
}

}  // namespace polylateral::composition
