#include "services/composition/api/solve_runner.h"

#include "absl/time/clock.h"
#include "common/base/errors.h"
#include "common/server/proto_checks.h"
#include "services/composition/api/body_mapping.h"
#include "services/composition/api/uniform_mapping.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/minimal_solver.h"
#include "services/composition/solver/quick_solver.h"
#include "services/composition/solver/relaxation.h"
#include "services/composition/solver/uniform_lottery.h"

namespace polylateral::composition {
namespace {

void MembersToProto(const Pool& pool, const std::vector<int>& members, v1::SolveResponse* out) {
  for (int m : members) out->add_member_ids(pool.candidates[m].id);
}

// Infeasible rules: an error by default (so a client that ignores `feasible` cannot take an
// empty body for an answer), a structured result when the caller asked for one.
absl::Status Infeasible(const v1::SolveRequest& request, const Infeasibility& why,
                        v1::SolveResponse* out) {
  if (!request.infeasible_as_result()) return InfeasibilityStatus(why);
  out->set_feasible(false);
  RelaxationToProto(why, out->mutable_relaxation());
  return absl::OkStatus();
}

// The local improvement stops at its work budget, or at half of what is left of the call.
absl::Status RoundToUniform(const Pool& pool, const LeximinResult& lottery, int m,
                            const SolveLimits& limits, v1::UniformLottery* out) {
  UniformLotteryOptions options;
  if (limits.deadline != absl::InfiniteFuture()) {
    options.improvement_time = (limits.deadline - absl::Now()) / 2;
  }
  auto u = RoundToUniformLottery(lottery, m, options);
  if (!u.ok()) return u.status();
  if (limits.Expired()) return limits.StopStatus();
  UniformToProto(pool, *u, out);
  return absl::OkStatus();
}

absl::Status Dispatch(const v1::SolveRequest& request, const Pool& pool, const BodySpec& spec,
                      const SolveLimits& limits, const ProgressCallback& progress,
                      v1::SolveResponse* out) {
  switch (request.mode()) {
    case v1::QUICK: {
      QuickOptions options;
      options.seed = request.seed() == 0 ? 1 : request.seed();
      options.limits = limits;
      auto r = SolveQuick(pool, spec, options);
      if (!r.ok()) return r.status();
      if (!r->feasible) return Infeasible(request, r->infeasibility, out);
      out->set_feasible(true);
      MembersToProto(pool, r->members, out);
      return absl::OkStatus();
    }
    case v1::MINIMAL: {
      auto r = SolveMinimal(pool, spec, limits);
      if (!r.ok()) return r.status();
      if (!r->feasible) return Infeasible(request, r->infeasibility, out);
      out->set_feasible(true);
      MembersToProto(pool, r->members, out);
      v1::MinimalProof* proof = out->mutable_minimal_proof();
      proof->set_lp_bound(r->lp_bound);
      proof->set_best_bound(r->best_bound);
      proof->set_proven_optimal(r->proven_optimal);
      return absl::OkStatus();
    }
    case v1::LEXIMIN: {
      LeximinOptions options;
      options.limits = limits;
      options.progress = progress;
      auto r = SolveLeximin(pool, spec, options);
      if (!r.ok()) return r.status();
      if (!r->feasible) return Infeasible(request, r->infeasibility, out);
      out->set_feasible(true);
      LeximinToProto(pool, *r, out->mutable_leximin());
      if (request.uniform_panels() == 0) return absl::OkStatus();
      return RoundToUniform(pool, *r, request.uniform_panels(), limits,
                            out->mutable_uniform_lottery());
    }
    default:
      return InvalidArgument("INVALID_MODE", "mode", "must be QUICK, MINIMAL or LEXIMIN");
  }
}

}  // namespace

absl::Status CheckSolveFields(const v1::SolveRequest& request) {
  if (absl::Status s = server::CheckEnum(request.mode(), "mode"); !s.ok()) return s;
  if (request.uniform_panels() != 0 &&
      (request.mode() == v1::QUICK || request.mode() == v1::MINIMAL)) {
    return InvalidArgument("UNIFORM_PANELS_OUT_OF_RANGE", "uniform_panels",
                           "rounds a LEXIMIN distribution: only with mode LEXIMIN");
  }
  if (absl::Status s = CheckUniformPanels(request.uniform_panels(), request.spec().max_seats(),
                                          "uniform_panels");
      !s.ok()) {
    return s;
  }
  if (!request.has_accredited_only()) return absl::OkStatus();
  const v1::AccreditedOnly& only = request.accredited_only();
  if (absl::Status s = server::CheckEnum(only.right(), "accredited_only.right"); !s.ok()) return s;
  if (only.has_at_time()) return server::CheckTimestamp(only.at_time(), "accredited_only.at_time");
  return absl::OkStatus();
}

absl::Status RunSolve(const v1::SolveRequest& request, const SolveLimits& limits,
                      const ProgressCallback& progress, SolveMetrics* metrics,
                      v1::SolveResponse* response) {
  const absl::Time start = absl::Now();
  absl::Status status;
  if (request.mode() < v1::QUICK || request.mode() > v1::LEXIMIN) {
    status = InvalidArgument("INVALID_MODE", "mode", "must be QUICK, MINIMAL or LEXIMIN");
  } else {
    auto pool = PoolFromProto(request.pool());
    if (!pool.ok()) {
      status = pool.status();
    } else {
      response->set_mode(request.mode());
      status = Dispatch(request, *pool, SpecFromProto(request.spec()), limits, progress, response);
    }
  }
  const absl::Duration took = absl::Now() - start;
  response->set_solve_millis(absl::ToDoubleMilliseconds(took));
  if (metrics != nullptr) {
    metrics->Record(request.mode(), status, response->feasible(), took);
  }
  return status;
}

SolveLimits CallLimits(const server::CallContext& call) {
  SolveLimits limits;
  limits.deadline = call.deadline;
  if (grpc::CallbackServerContext* ctx = call.grpc_context; ctx != nullptr) {
    limits.cancelled = [ctx] { return ctx->IsCancelled(); };
  }
  return limits;
}

}  // namespace polylateral::composition
