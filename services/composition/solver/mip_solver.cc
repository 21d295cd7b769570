#include "services/composition/solver/mip_solver.h"

#include <algorithm>
#include <cmath>

#include "CbcEventHandler.hpp"
#include "CbcModel.hpp"
#include "CbcStrategy.hpp"
#include "CoinPackedMatrix.hpp"
#include "OsiClpSolverInterface.hpp"
#include "services/composition/solver/clp_recovery.h"

namespace polylateral::composition {
namespace {

double Coin(double v) {
  if (v == kInfinity) return COIN_DBL_MAX;
  if (v == -kInfinity) return -COIN_DBL_MAX;
  return v;
}

// Integer solutions kept besides the best (MipOutcome::others).
constexpr int kSavedSolutions = 16;
// MipEffort::kLight's rounds of cuts at the root. On the generated n = 100, k = 10 exact-quota
// pool a pricing MIP took about 0.2 s with CBC's 50 rounds and strong branching, and about
// 0.05 s with 3 rounds and none (more nodes, far cheaper ones).
constexpr int kLightRootPasses = 3;

// Lets CBC poll the deadline and the cancellation check at every node. Between nodes (the
// root LP, cut rounds, strong branching) the LP solver polls them itself (AttachLimits).
class StopHandler final : public CbcEventHandler {
 public:
  explicit StopHandler(const SolveLimits* limits) : limits_(limits) {}
  CbcAction event(CbcEvent) override { return limits_->Expired() ? stop : noAction; }
  CbcEventHandler* clone() const override { return new StopHandler(*this); }

 private:
  const SolveLimits* limits_;
};

}  // namespace

void LinearProgram::AddColumn(double lower, double upper, double cost, bool is_integer,
                              const std::vector<std::pair<int, double>>& entries) {
  col_lower.push_back(lower);
  col_upper.push_back(upper);
  objective.push_back(cost);
  integer.push_back(is_integer);
  for (const auto& [row, coef] : entries) {
    row_index.push_back(row);
    value.push_back(coef);
  }
  col_start.push_back(static_cast<int>(row_index.size()));
}

LinearProgram PanelProgram(const TypeModel& model) {
  LinearProgram lp;
  for (const ConstraintRow& row : model.rows) {
    lp.row_lower.push_back(row.lower);
    lp.row_upper.push_back(row.upper);
  }
  std::vector<std::pair<int, double>> entries;
  for (const CandidateType& type : model.types) {
    entries.assign(type.entries.begin(), type.entries.end());
    lp.AddColumn(0, type.size(), 0, true, entries);
  }
  return lp;
}

struct MipSolver::Impl {
  OsiClpSolverInterface solver;
};

MipSolver::MipSolver(const LinearProgram& p, MipEffort effort)
    : effort_(effort), impl_(std::make_unique<Impl>()) {
  std::vector<int> lengths(p.cols());
  for (int j = 0; j < p.cols(); ++j) lengths[j] = p.col_start[j + 1] - p.col_start[j];
  CoinPackedMatrix matrix(/*colordered=*/true, p.rows(), p.cols(),
                          static_cast<CoinBigIndex>(p.value.size()), p.value.data(),
                          p.row_index.data(), p.col_start.data(), lengths.data());
  std::vector<double> cl(p.cols()), cu(p.cols()), rl(p.rows()), ru(p.rows());
  for (int j = 0; j < p.cols(); ++j) {
    cl[j] = Coin(p.col_lower[j]);
    cu[j] = Coin(p.col_upper[j]);
  }
  for (int r = 0; r < p.rows(); ++r) {
    rl[r] = Coin(p.row_lower[r]);
    ru[r] = Coin(p.row_upper[r]);
  }
  OsiClpSolverInterface& s = impl_->solver;
  s.messageHandler()->setLogLevel(0);
  s.setHintParam(OsiDoReducePrint, true, OsiHintTry);
  s.loadProblem(matrix, cl.data(), cu.data(), p.objective.data(), rl.data(), ru.data());
  for (int j = 0; j < p.cols(); ++j) {
    if (p.integer[j]) s.setInteger(j);
  }
  s.setObjSense(p.maximize ? -1.0 : 1.0);
}

MipSolver::~MipSolver() = default;

void MipSolver::SetObjective(const std::vector<double>& objective, bool maximize) {
  impl_->solver.setObjective(objective.data());
  impl_->solver.setObjSense(maximize ? -1.0 : 1.0);
}

MipOutcome MipSolver::Solve(const SolveLimits& limits, const std::vector<double>& start) {
  return Run(limits, start, Search{});
}

MipOutcome MipSolver::SolveAbove(const SolveLimits& limits, double floor) {
  Search search;
  search.has_floor = true;
  search.floor = floor;
  return Run(limits, {}, search);
}

MipOutcome MipSolver::SolveFirstFeasible(const SolveLimits& limits) {
  Search search;
  search.first = true;
  return Run(limits, {}, search);
}

MipOutcome MipSolver::Run(const SolveLimits& limits, const std::vector<double>& start,
                          const Search& search) {
  const bool first = search.first;
  MipOutcome out;
  if (limits.Expired()) return out;
  CbcModel model(impl_->solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.solver()->messageHandler()->setLogLevel(0);
  if (limits.deadline != absl::InfiniteFuture()) {
    // Wall time: CBC counts CPU seconds by default, which on a busy machine run far behind
    // the caller's clock.
    model.setUseElapsedTime(true);
    model.setMaximumSeconds(std::max(0.001, absl::ToDoubleSeconds(limits.deadline - absl::Now())));
  }
  if (auto* clp = dynamic_cast<OsiClpSolverInterface*>(model.solver()); clp != nullptr) {
    AttachLimits(*clp->getModelPtr(), limits);
  }
  model.setAllowableGap(1e-9);
  model.setAllowableFractionGap(1e-9);
  if (first) model.setMaximumSolutions(1);
  model.setMaximumSavedSolutions(kSavedSolutions);
  StopHandler handler(&limits);
  model.passInEventHandler(&handler);
  const double sense = impl_->solver.getObjSense();
  const int n = impl_->solver.getNumCols();
  // setCutoff takes the value in the objective's own sense (maximising too: OsiClp turns it
  // into CLP's dual objective limit, and branchAndBound reads it back).
  if (search.has_floor) model.setCutoff(search.floor);
  if (!start.empty()) {
    const double* obj = impl_->solver.getObjCoefficients();
    double value = 0;
    for (int j = 0; j < n; ++j) value += obj[j] * start[j];
    model.setBestSolution(start.data(), n, value * sense, /*check=*/true);
  }
  // CBC's default cut generators (probing, Gomory, knapsack, clique, MIR, flow cover) and
  // heuristics, as its command-line solver uses them. A bare CbcModel has none: on a generated
  // n = 100, k = 10 pool one LEXIMIN pricing MIP ran for over ten minutes without them and
  // takes a millisecond with them.
  if (effort_ == MipEffort::kThorough) {
    CbcStrategyDefault strategy(/*cutsOnlyAtRoot=*/1, /*numberStrong=*/5,
                                /*numberBeforeTrust=*/5);
    model.setStrategy(strategy);
  } else {
    // The same generators and heuristics set up here rather than through setStrategy, whose
    // setup inside branchAndBound would put the root rounds back at 50.
    CbcStrategyDefault strategy(/*cutsOnlyAtRoot=*/1, /*numberStrong=*/0,
                                /*numberBeforeTrust=*/0);
    strategy.setupCutGenerators(model);
    strategy.setupHeuristics(model);
    strategy.setupPrinting(model, 0);
    strategy.setupOther(model);
    model.setMaximumCutPassesAtRoot(kLightRootPasses);
  }
  model.branchAndBound();
  if (const double* best = model.bestSolution()) {
    out.has_solution = true;
    out.solution.assign(best, best + n);
    const double* obj = impl_->solver.getObjCoefficients();
    for (int j = 0; j < n; ++j) {
      if (impl_->solver.isInteger(j)) out.solution[j] = std::round(out.solution[j]);
      out.objective += obj[j] * out.solution[j];
    }
    for (int i = 1; i < model.numberSavedSolutions(); ++i) {
      const double* saved = model.savedSolution(i);
      if (saved == nullptr) break;
      std::vector<double>& other = out.others.emplace_back(saved, saved + n);
      for (int j = 0; j < n; ++j) {
        if (impl_->solver.isInteger(j)) other[j] = std::round(other[j]);
      }
    }
  }
  out.best_bound = model.getBestPossibleObjValue();  // already in the program's sense
  // A stop may have cut an LP short inside the search, which CBC can take for an infeasible
  // node: after one, neither optimality nor infeasibility is proven.
  if (limits.Expired()) return out;
  if (out.has_solution) {
    // With `first`, feasibility was all that was asked.
    if (first || model.isProvenOptimal()) out.status = MipOutcome::Status::kOptimal;
  } else if (model.isProvenInfeasible() ||
             (!model.isSecondsLimitReached() && !limits.Expired() && model.status() == 0)) {
    // Under a cutoff, "infeasible" says that nothing beats it.
    out.status =
        search.has_floor ? MipOutcome::Status::kNothingAbove : MipOutcome::Status::kInfeasible;
  }
  return out;
}

std::optional<double> MipSolver::RelaxationOptimum() {
  OsiClpSolverInterface relaxed(impl_->solver);
  for (int j = 0; j < relaxed.getNumCols(); ++j) relaxed.setContinuous(j);
  relaxed.initialSolve();
  if (!relaxed.isProvenOptimal()) return std::nullopt;
  return relaxed.getObjValue();
}

}  // namespace polylateral::composition
