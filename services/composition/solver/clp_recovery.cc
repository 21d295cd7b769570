#include "services/composition/solver/clp_recovery.h"

#include "ClpEventHandler.hpp"
#include "ClpSimplex.hpp"
#include "ClpSolve.hpp"
#include "absl/strings/str_cat.h"
#include "services/composition/solver/cpu_clock.h"

namespace polylateral::composition {
namespace {

// CLP's status after a stop by an event handler.
constexpr int kStoppedByEvent = 5;

// Polls the limits after every simplex iteration and factorisation. A check is a clock read
// and an atomic load (gRPC's IsCancelled), well under a microsecond beside an iteration.
class LimitsHandler final : public ClpEventHandler {
 public:
  explicit LimitsHandler(const SolveLimits* limits) : limits_(limits) {}
  int event(Event which) override {
    if (which != endOfIteration && which != endOfFactorization && which != endOfValuesPass) {
      return -1;
    }
    return limits_->Expired() ? 0 : -1;
  }
  ClpEventHandler* clone() const override { return new LimitsHandler(*this); }

 private:
  const SolveLimits* limits_;
};

// One rung of the ladder: returns CLP's status after it.
using Rung = int (*)(ClpSimplex&);

int WarmPrimal(ClpSimplex& lp) { return lp.primal(), lp.status(); }
int WarmDual(ClpSimplex& lp) { return lp.dual(), lp.status(); }

int SlackPrimal(ClpSimplex& lp) {
  lp.allSlackBasis(/*resetSolution=*/true);
  return lp.primal(), lp.status();
}

// Perturbed costs break the ties that make a degenerate master stall, and scaling evens out
// coefficients as small as 1/size; both are off in the warm path for speed.
int PerturbedPrimal(ClpSimplex& lp) {
  const int scaling = lp.scalingFlag();
  const int perturbation = lp.perturbation();
  lp.scaling(3);
  lp.setPerturbation(100);
  lp.allSlackBasis(/*resetSolution=*/true);
  lp.primal();
  lp.scaling(scaling);
  lp.setPerturbation(perturbation);
  return lp.status();
}

// An interior point method does not pivot, so it does not cycle on degenerate vertices;
// the crossover then hands back a basis and exact duals.
int Barrier(ClpSimplex& lp) {
  ClpSolve options;
  options.setSolveType(ClpSolve::useBarrier);
  options.setPresolveType(ClpSolve::presolveOff);
  lp.initialSolve(options);
  return lp.status();
}

}  // namespace

void AttachLimits(ClpSimplex& lp, const SolveLimits& limits) {
  const LimitsHandler handler(&limits);
  lp.passInEventHandler(&handler);
}

namespace {

absl::Status SolveLadder(ClpSimplex& lp, const SolveLimits& limits, bool warm,
                         LpSolveReport* report) {
  if (limits.Expired()) return limits.StopStatus();
  AttachLimits(lp, limits);
  struct Step {
    const char* name;
    Rung run;
  };
  const Step first[] = {{"primal simplex", WarmPrimal}, {"dual simplex", WarmDual}};
  const Step ladder[] = {{"primal simplex from a slack basis", SlackPrimal},
                         {"perturbed primal simplex", PerturbedPrimal},
                         {"barrier", Barrier}};
  auto stopped = [&](int status) { return status == kStoppedByEvent || limits.Expired(); };
  auto done = [&](const char* name, bool loosened) {
    if (report != nullptr) {
      report->recovery = name;
      report->loosened = loosened;
    }
    return absl::OkStatus();
  };
  int status = (warm ? first[0] : first[1]).run(lp);
  if (status == 0) return done("", false);
  if (stopped(status)) return limits.StopStatus();
  const std::string failed = absl::StrCat("CLP status ", status);
  const Step& other = warm ? first[1] : first[0];
  if ((status = other.run(lp)) == 0) return done(other.name, false);
  for (const Step& step : ladder) {
    if (stopped(status)) return limits.StopStatus();
    if ((status = step.run(lp)) == 0) return done(step.name, false);
  }
  if (stopped(status)) return limits.StopStatus();
  // Last: the default tolerances (1e-7), which absorb rounding in rows like count/size.
  const double primal = lp.primalTolerance();
  const double dual = lp.dualTolerance();
  lp.setPrimalTolerance(1e-7);
  lp.setDualTolerance(1e-7);
  status = SlackPrimal(lp);
  if (status != 0 && !stopped(status)) status = WarmDual(lp);
  lp.setPrimalTolerance(primal);
  lp.setDualTolerance(dual);
  if (status == 0) return done("looser tolerances (1e-7)", true);
  if (stopped(status)) return limits.StopStatus();
  return absl::InternalError(
      absl::StrCat("LP unsolved: ", failed, " at first, ", status, " after every recovery"));
}

}  // namespace

absl::Status SolveLp(ClpSimplex& lp, const SolveLimits& limits, bool warm, LpSolveReport* report) {
  const double start = ThreadCpuSeconds();
  absl::Status status = SolveLadder(lp, limits, warm, report);
  if (report != nullptr) report->cpu_seconds = ThreadCpuSeconds() - start;
  return status;
}

}  // namespace polylateral::composition
