#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_SOLVE_RUNNER_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_SOLVE_RUNNER_H_

#include "absl/status/status.h"
#include "common/server/unary_dispatcher.h"
#include "polylateral/composition/v1/composition_service.pb.h"
#include "services/composition/api/solve_metrics.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/solve_result.h"

namespace polylateral::composition {

// One SolveRequest from the wire to the solver and back, shared by Solve, StreamSolve and
// DrawPanel so that the three cannot drift apart: maps the request, runs the mode's solver
// within `limits` (progress only reaches LEXIMIN), maps the result and records the metrics.
// Errors: INVALID_ARGUMENT (INVALID_MODE, INVALID_COMPOSITION_PROBLEM) naming request fields,
// FAILED_PRECONDITION (INFEASIBLE_RULES) unless request.infeasible_as_result, and the
// limits' DEADLINE_EXCEEDED / CANCELLED. `metrics` may be null.
// The solve limits of an incoming call: its deadline and cancellation.
SolveLimits CallLimits(const server::CallContext& call);

// The request's enum and timestamp fields (mode, accredited_only.right and .at_time) by the
// rules every service applies alike; field paths relative to the SolveRequest.
absl::Status CheckSolveFields(const v1::SolveRequest& request);

absl::Status RunSolve(const v1::SolveRequest& request, const SolveLimits& limits,
                      const ProgressCallback& progress, SolveMetrics* metrics,
                      v1::SolveResponse* response);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_SOLVE_RUNNER_H_
