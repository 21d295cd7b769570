#include "services/composition/solver/relaxation.h"

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/base/errors.h"
#include "services/composition/solver/mip_solver.h"

namespace polylateral::composition {
namespace {

std::string Bound(double v) { return std::isinf(v) ? "none" : absl::StrCat(v); }

// The body's size is what the secretariat decided first: move it only when no quota, cap or
// coverage change can help. Quotas are what min_flex/max_flex are for.
double Cost(const ConstraintRow& row) {
  return row.kind == ConstraintRow::Kind::kSeats ? 1000.0 : 1.0;
}

struct Slack {
  int row;
  bool is_lower;
};

}  // namespace

Infeasibility ExplainInfeasibility(const TypeModel& model, const SolveLimits& limits) {
  LinearProgram lp = PanelProgram(model);
  std::vector<Slack> slacks;
  for (int r = 0; r < static_cast<int>(model.rows.size()); ++r) {
    const ConstraintRow& row = model.rows[r];
    // A lower bound relaxes by adding slack to the activity, an upper by subtracting it.
    if (!std::isinf(row.lower) && row.relax_lower_to < row.lower) {
      lp.AddColumn(0, row.lower - row.relax_lower_to, Cost(row), true, {{r, 1.0}});
      slacks.push_back({r, true});
    }
    if (!std::isinf(row.upper) && row.relax_upper_to > row.upper) {
      lp.AddColumn(0, row.relax_upper_to - row.upper, Cost(row), true, {{r, -1.0}});
      slacks.push_back({r, false});
    }
  }
  lp.maximize = false;
  MipSolver solver(lp);
  const MipOutcome out = solver.Solve(limits);

  Infeasibility result;
  if (!out.has_solution) {
    result.summary = out.status == MipOutcome::Status::kInfeasible
                         ? "No body meets the rules, and no relaxation within the flexible "
                           "bounds (min_flex/max_flex) makes them feasible."
                         : "No body meets the rules; the search for a relaxation ran out of time.";
    return result;
  }
  result.relaxation_found = true;
  const int first_slack = static_cast<int>(model.types.size());
  std::vector<std::string> changes;
  double total = 0;
  for (size_t s = 0; s < slacks.size(); ++s) {
    const double amount = out.solution[first_slack + s];
    if (amount < 0.5) continue;
    const ConstraintRow& row = model.rows[slacks[s].row];
    BoundChange change{row.label, row.field, slacks[s].is_lower,
                       slacks[s].is_lower ? row.lower : row.upper, 0};
    change.to = slacks[s].is_lower ? row.lower - amount : row.upper + amount;
    total += amount;
    changes.push_back(absl::StrCat(row.label, " (", row.field, ") ",
                                   slacks[s].is_lower ? "min " : "max ", Bound(change.from), " -> ",
                                   Bound(change.to)));
    result.relaxation.push_back(std::move(change));
  }
  result.summary = absl::StrCat(
      "No body meets the rules; these bounds conflict. The smallest relaxation (", total,
      " seat(s) of slack",
      out.status == MipOutcome::Status::kOptimal ? ", proven minimal" : ", not proven minimal",
      "): ", absl::StrJoin(changes, "; "), ".");
  return result;
}

absl::Status InfeasibilityStatus(const Infeasibility& infeasibility) {
  std::vector<FieldViolation> subjects;
  for (const BoundChange& c : infeasibility.relaxation) {
    subjects.push_back({c.field, absl::StrCat(c.label, c.is_lower ? " min " : " max ", c.from,
                                              " conflicts with the other rules; suggest ", c.to)});
  }
  if (subjects.empty()) subjects.push_back({"spec", "the rules admit no body"});
  return WithViolations(
      WithReason(absl::FailedPreconditionError(infeasibility.summary), "INFEASIBLE_RULES"),
      subjects);
}

}  // namespace polylateral::composition
