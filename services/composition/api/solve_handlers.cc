// CompositionService's solver methods: parse, call the solver, map.
#include "common/base/errors.h"
#include "services/composition/api/body_mapping.h"
#include "services/composition/api/composition_service.h"
#include "services/composition/api/panel_draw.h"
#include "services/composition/api/pool_limit.h"
#include "services/composition/api/solve_runner.h"
#include "services/composition/api/uniform_mapping.h"
#include "services/composition/solver/lottery_draw.h"

namespace polylateral::composition {
namespace {

// DrawPanel over m numbered panels: the seed names the number, the panel its members.
absl::Status DrawNumberedPanel(const v1::UniformLottery& lottery, const v1::DrawPanelRequest& req,
                               const std::string& prefix, v1::DrawPanelResponse* resp) {
  auto drawn = DrawFromUniform(lottery, req.seed(), req.seed_sha256(), prefix);
  if (!drawn.ok()) return drawn.status();
  for (int m : drawn->members) resp->add_member_ids(lottery.probabilities(m).candidate_id());
  resp->set_panel_number(drawn->number);
  resp->set_panel_index(drawn->number - 1);
  resp->set_seed(req.seed());
  resp->set_seed_sha256(req.seed_sha256());
  *resp->mutable_uniform_lottery() = lottery;
  return absl::OkStatus();
}

}  // namespace

absl::Status CompositionService::DoSolve(const Call& call, const v1::SolveRequest& req,
                                         v1::SolveResponse* resp) {
  if (absl::Status s =
          CheckPoolSize(req.pool().candidates_size(), max_pool_size_, "pool.candidates");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckSolveFields(req); !s.ok()) return s;
  v1::SolveRequest restricted;
  if (absl::Status s = accreditation_->Restrict(req, &restricted, resp); !s.ok()) {
    return s;
  }
  return RunSolve(restricted, CallLimits(call), nullptr, metrics_, resp);
}

absl::Status CompositionService::DoDrawPanel(const Call& call, const v1::DrawPanelRequest& req,
                                             v1::DrawPanelResponse* resp) {
  // Before any solve: a weak seed costs nothing.
  if (absl::Status s = ValidateDrawSeed(req.seed(), "seed"); !s.ok()) return s;
  std::string prefix = "distribution.";
  if (req.has_uniform_lottery()) {
    return DrawNumberedPanel(req.uniform_lottery(), req, "uniform_lottery.", resp);
  }
  if (req.has_problem()) {
    prefix = "problem.leximin.";
    if (absl::Status s = CheckPoolSize(req.problem().pool().candidates_size(), max_pool_size_,
                                       "problem.pool.candidates");
        !s.ok()) {
      return s;
    }
    if (absl::Status s = CheckSolveFields(req.problem()); !s.ok()) {
      return PrefixFields(s, "problem.");
    }
    v1::SolveRequest problem;
    v1::SolveResponse solved;
    if (absl::Status s = accreditation_->Restrict(req.problem(), &problem, &solved); !s.ok()) {
      return PrefixFields(s, "problem.");
    }
    problem.set_mode(v1::LEXIMIN);
    problem.set_infeasible_as_result(false);
    if (absl::Status s = RunSolve(problem, CallLimits(call), nullptr, metrics_, &solved); !s.ok()) {
      return PrefixFields(s, "problem.");
    }
    *resp->mutable_distribution() = solved.leximin();
    if (solved.has_uniform_lottery()) {
      return DrawNumberedPanel(solved.uniform_lottery(), req, "problem.uniform_lottery.", resp);
    }
  } else if (req.has_distribution()) {
    *resp->mutable_distribution() = req.distribution();
  } else {
    return InvalidArgument("INVALID_DISTRIBUTION", "distribution",
                           "a distribution or a problem is required");
  }
  const IndexedDistribution indexed = IndexDistribution(resp->distribution());
  auto drawn =
      DrawFromDistribution(indexed.types, indexed.panels, req.seed(), req.seed_sha256(), prefix);
  if (!drawn.ok()) return drawn.status();
  for (int m : drawn->members) resp->add_member_ids(indexed.ids[m]);
  resp->set_panel_index(drawn->panel_index);
  resp->set_seed(req.seed());
  resp->set_seed_sha256(req.seed_sha256());
  return absl::OkStatus();
}

}  // namespace polylateral::composition
