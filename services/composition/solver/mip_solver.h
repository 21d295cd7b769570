#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_MIP_SOLVER_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_MIP_SOLVER_H_

// A small facade over COIN-OR CBC (branch and cut on CLP) so that the rest of the solver does
// not see COIN types: a mixed-integer program in plain vectors in, a solution and a proven
// bound out.

#include <memory>
#include <optional>
#include <vector>

#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

// lower <= A x <= upper, col_lower <= x <= col_upper, optimise objective . x.
// A is column-major: column j holds entries [col_start[j], col_start[j+1]).
struct LinearProgram {
  std::vector<double> col_lower, col_upper, objective;
  std::vector<bool> integer;
  std::vector<int> col_start{0};
  std::vector<int> row_index;
  std::vector<double> value;
  std::vector<double> row_lower, row_upper;
  bool maximize = false;

  int cols() const { return static_cast<int>(objective.size()); }
  int rows() const { return static_cast<int>(row_lower.size()); }
  // Appends a column; `entries` are (row, coefficient).
  void AddColumn(double lower, double upper, double cost, bool is_integer,
                 const std::vector<std::pair<int, double>>& entries);
};

// One integer count variable in [0, size] per type, one row per constraint row.
LinearProgram PanelProgram(const TypeModel& model);

struct MipOutcome {
  enum class Status { kOptimal, kInfeasible, kStopped };
  Status status = Status::kStopped;
  bool has_solution = false;
  std::vector<double> solution;
  double objective = 0;   // of `solution`, in the program's own sense
  double best_bound = 0;  // CBC's proven bound on the optimum (same sense)
  // Other integer solutions CBC met on the way (best first after `solution`), each rounded:
  // column generation takes every improving one, not only the best.
  std::vector<std::vector<double>> others;
};

// Loads the program once; Solve may be called again after SetObjective (the pricing loop).
class MipSolver final {
 public:
  explicit MipSolver(const LinearProgram& program);
  ~MipSolver();
  MipSolver(const MipSolver&) = delete;
  MipSolver& operator=(const MipSolver&) = delete;

  void SetObjective(const std::vector<double>& objective, bool maximize);
  // `start` (optional, may be empty) is a feasible solution that CBC starts from.
  MipOutcome Solve(const SolveLimits& limits, const std::vector<double>& start = {});
  // Any feasible solution, no optimality (QUICK): stops at CBC's first integer solution.
  MipOutcome SolveFirstFeasible(const SolveLimits& limits);
  // The optimum of the LP relaxation (integrality dropped); nullopt when it is infeasible.
  std::optional<double> RelaxationOptimum();

 private:
  MipOutcome Run(const SolveLimits& limits, const std::vector<double>& start, bool first);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_MIP_SOLVER_H_
