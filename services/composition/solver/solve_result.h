#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_RESULT_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_RESULT_H_

// What the solvers return. Candidates are referred to by their index in Pool::candidates.

#include <functional>
#include <string>
#include <vector>

namespace polylateral::composition {

// One bound that the suggested relaxation moves, e.g. "gender=female" min 11 -> 9.
struct BoundChange {
  std::string label;  // the rule in words ("gender=female", "seats", "organisation ACME")
  std::string field;  // the spec path ("spec.features[0].values[0]")
  bool is_lower = true;
  double from = 0;
  double to = 0;
};

// Why no body meets the rules, and the smallest change that makes them feasible: an integer
// program minimising the total amount by which bounds move (within min_flex/max_flex).
struct Infeasibility {
  std::vector<BoundChange> relaxation;  // empty when even the flexible bounds do not suffice
  bool relaxation_found = false;
  std::string summary;  // one paragraph naming the conflicting rules and the change
};

// QUICK: one feasible panel.
struct QuickResult {
  bool feasible = false;
  std::vector<int> members;  // ascending candidate indices
  Infeasibility infeasibility;
};

// MINIMAL: the smallest body meeting every rule, with the proof that none is smaller.
struct MinimalResult {
  bool feasible = false;
  std::vector<int> members;
  int seats = 0;
  double lp_bound = 0;          // the LP relaxation's optimum (a lower bound on the seats)
  double best_bound = 0;        // CBC's proven lower bound at the end of branch and bound
  bool proven_optimal = false;  // ceil(best_bound) == seats
  Infeasibility infeasibility;
};

// A panel of the lottery, as a count per candidate type (see type_model.h): members are drawn
// uniformly within each type, so every member of a type has the same probability.
struct WeightedPanel {
  std::vector<int> counts;  // one per type
  double weight = 0;
};

struct LeximinResult {
  bool feasible = false;
  std::vector<double> probabilities;    // per candidate, in [0, 1]; sums to the mean seats
  std::vector<std::vector<int>> types;  // candidate indices per type
  std::vector<WeightedPanel> panels;    // weights sum to 1, canonical order
  double min_probability = 0;
  // The duality certificate of the first (max-min) stage: nonnegative weights per candidate
  // summing to 1 such that no feasible panel has weight sum above certificate_bound, proved by
  // CBC. Hence every distribution has a minimum probability <= certificate_bound.
  std::vector<double> certificate_weights;
  double certificate_bound = 0;
  int iterations = 0;    // pricing rounds
  int pricing_mips = 0;  // rounds where the swap search found nothing and CBC ran
  int stages = 0;        // fixing rounds
  // The LP relaxation's LEXIMIN vector was met by a lottery (so the stages over feasible
  // panels were not needed); otherwise they ran.
  bool by_relaxation = false;
  // False when the solver could not prove that this is the LEXIMIN distribution: an LP that
  // no recovery solved (clp_recovery.h) or a pricing MIP that ended unproven cut the stages
  // short. The panels are still feasible, the weights still a lottery and the probabilities
  // exact for it, and every type fixed before the trouble has its LEXIMIN value;
  // `uncertified_reason` says what happened. The certificate fields are empty when the first stage
  // did not end.
  bool certified = true;
  std::string uncertified_reason;
  int lp_recoveries = 0;  // LPs that needed a recovery beyond the warm simplex, and got one
  // Where the CPU time went: the master LPs of column generation (the stages' and the
  // shortcut's shortfall LPs, on CLP) and the MIPs on CBC (pricing, seeding, certificates).
  double master_lp_seconds = 0;
  double mip_seconds = 0;
  // The same CPU time by phase (each read once at its ends, outside the loops), for the
  // benchmark: the seeding MIPs; the shortcut (all attempts), of which the relaxation's
  // LEXIMIN LPs and the lotteries meeting it (column generation, its rounds counted apart),
  // the rest being its certificate MIP; the search for unreachable types; the stages' column
  // generation and the final distribution.
  struct Phases {
    double seeding_seconds = 0;
    double shortcut_seconds = 0;
    double relaxation_seconds = 0;
    double decomposition_seconds = 0;
    int decomposition_rounds = 0;
    double unreachable_seconds = 0;
    double stages_seconds = 0;
    double final_seconds = 0;
  } phases;
  Infeasibility infeasibility;
};

// Streamed while LEXIMIN runs (the service forwards it to the caller).
struct LeximinProgress {
  int stage = 0;
  int iteration = 0;
  int columns = 0;             // panels generated so far
  int fixed_types = 0;         // types whose probability is final
  double min_probability = 0;  // the current stage's max-min value (the first stage's: the min)
};
using ProgressCallback = std::function<void(const LeximinProgress&)>;

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_RESULT_H_
