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
  // kNothingAbove (SolveAbove only): proven that no solution is worth more than the floor.
  enum class Status { kOptimal, kInfeasible, kStopped, kNothingAbove };
  Status status = Status::kStopped;
  bool has_solution = false;
  std::vector<double> solution;
  double objective = 0;   // of `solution`, in the program's own sense
  double best_bound = 0;  // CBC's proven bound on the optimum (same sense)
  // Other integer solutions CBC met on the way (best first after `solution`), each rounded:
  // column generation takes every improving one, not only the best.
  std::vector<std::vector<double>> others;
};

// How much CBC does at each MIP.
enum class MipEffort {
  // CBC's defaults (CbcStrategyDefault: every cut generator for up to 50 rounds at the root,
  // strong branching on 5 candidates): one-off MIPs (MINIMAL, QUICK's fallback, relaxations).
  kThorough,
  // Column generation's many small MIPs: the same cut generators and heuristics for a few
  // rounds at the root, and branching on pseudo-costs without strong branching. On pools with
  // exact quotas the 50 root rounds and the strong branching were most of a pricing MIP's time
  // and saved few nodes (benchmarks.md, "Hard pools").
  kLight,
};

// Loads the program once; Solve may be called again after SetObjective (the pricing loop).
class MipSolver final {
 public:
  explicit MipSolver(const LinearProgram& program, MipEffort effort = MipEffort::kThorough);
  ~MipSolver();
  MipSolver(const MipSolver&) = delete;
  MipSolver& operator=(const MipSolver&) = delete;

  void SetObjective(const std::vector<double>& objective, bool maximize);
  // `start` (optional, may be empty) is a feasible solution that CBC starts from.
  MipOutcome Solve(const SolveLimits& limits, const std::vector<double>& start = {});
  // Column generation's pricing, where only solutions worth more than `floor` (in the
  // objective's sense) matter: CBC prunes every node whose bound does not beat it (a cutoff)
  // rather than proving the optimum of a program whose optimum is below it. Either the best
  // solution above the floor (kOptimal), or kNothingAbove: no solution beats the floor, which
  // is all a pricing round at the end of a stage must prove.
  MipOutcome SolveAbove(const SolveLimits& limits, double floor);
  // Any feasible solution, no optimality (QUICK): stops at CBC's first integer solution.
  MipOutcome SolveFirstFeasible(const SolveLimits& limits);
  // The optimum of the LP relaxation (integrality dropped); nullopt when it is infeasible.
  std::optional<double> RelaxationOptimum();

 private:
  struct Search {
    bool first = false;      // stop at the first solution
    bool has_floor = false;  // prune at `floor` (SolveAbove)
    double floor = 0;
  };
  MipOutcome Run(const SolveLimits& limits, const std::vector<double>& start, const Search& search);

  MipEffort effort_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_MIP_SOLVER_H_
