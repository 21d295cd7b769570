// polylateral-sortition: reads categories.csv + respondents.csv (Flanigan et al.'s replication
// data) or features.csv + candidates.csv (Sortition Foundation) and prints, on stdout, one
// CSV line per candidate with its LEXIMIN selection probability; or a QUICK / MINIMAL panel.
// With --seed it also draws one panel from the lottery, verifiably (lottery_draw.h).
//   polylateral-sortition --categories=categories.csv --people=respondents.csv --seats=20
//   polylateral-sortition ... --seed="numbers drawn on 2025-07-01" [--commitment=<sha256>]
// Exit codes: 0 done, 1 usage or I/O, 2 invalid input, 3 infeasible rules (the relaxation is
// printed), 4 deadline.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/base/errors.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/lottery_draw.h"
#include "services/composition/solver/minimal_solver.h"
#include "services/composition/solver/pool_csv.h"
#include "services/composition/solver/quick_solver.h"

ABSL_FLAG(std::string, categories, "", "categories.csv or features.csv (quotas)");
ABSL_FLAG(std::string, people, "", "respondents.csv or candidates.csv (the pool)");
ABSL_FLAG(int, seats, 0, "panel size k (the lower end with --max_seats)");
ABSL_FLAG(int, max_seats, 0, "upper end of a seat range (default: --seats)");
ABSL_FLAG(std::string, mode, "leximin", "leximin | quick | minimal");
ABSL_FLAG(std::string, seed, "",
          "leximin: draw one panel with this seed (at least 16 bytes); quick: vary the panel");
ABSL_FLAG(std::string, commitment, "", "the SHA-256 published before the draw, to check");
ABSL_FLAG(std::string, organisation_column, "", "column naming each person's organisation");
ABSL_FLAG(std::string, country_column, "", "column naming each person's country");
ABSL_FLAG(int, max_per_organisation, 0, "at most this many seats per organisation (0: no cap)");
ABSL_FLAG(int, max_per_country, 0, "at most this many seats per country (0: no cap)");
ABSL_FLAG(absl::Duration, deadline, absl::Minutes(10), "give up after this long");
ABSL_FLAG(bool, progress, false, "print LEXIMIN progress on stderr");

namespace polylateral::composition {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

int Report(const absl::Status& status) {
  std::fprintf(stderr, "error: %s\n", std::string(status.message()).c_str());
  for (const FieldViolation& v : ErrorViolations(status)) {
    std::fprintf(stderr, "  %s: %s\n", v.field.c_str(), v.description.c_str());
  }
  if (status.code() == absl::StatusCode::kInvalidArgument) return 2;
  if (status.code() == absl::StatusCode::kDeadlineExceeded) return 4;
  return 1;
}

int Infeasible(const Infeasibility& why) {
  std::printf("infeasible: %s\n", why.summary.c_str());
  return 3;
}

void PrintMembers(const Pool& pool, const std::vector<int>& members) {
  std::printf("id\n");
  for (int i : members) std::printf("%s\n", pool.candidates[i].id.c_str());
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "polylateral-sortition --categories=FILE --people=FILE --seats=K [--mode=leximin|quick|"
      "minimal] [--seed=TEXT]");
  absl::ParseCommandLine(argc, argv);
  std::string categories, people;
  if (!ReadFile(absl::GetFlag(FLAGS_categories), &categories) ||
      !ReadFile(absl::GetFlag(FLAGS_people), &people)) {
    std::fprintf(stderr, "cannot read --categories or --people\n");
    return 1;
  }
  CsvOptions options;
  options.seats = absl::GetFlag(FLAGS_seats);
  options.organisation_column = absl::GetFlag(FLAGS_organisation_column);
  options.country_column = absl::GetFlag(FLAGS_country_column);
  absl::StatusOr<CsvProblem> problem = ReadSortitionCsv(categories, people, options);
  if (!problem.ok()) return Report(problem.status());
  BodySpec& spec = problem->spec;
  if (absl::GetFlag(FLAGS_max_seats) > 0) spec.max_seats = absl::GetFlag(FLAGS_max_seats);
  if (absl::GetFlag(FLAGS_max_per_organisation) > 0) {
    spec.max_per_organisation = absl::GetFlag(FLAGS_max_per_organisation);
  }
  if (absl::GetFlag(FLAGS_max_per_country) > 0) {
    spec.max_per_country = absl::GetFlag(FLAGS_max_per_country);
  }
  const Pool& pool = problem->pool;
  SolveLimits limits;
  limits.deadline = absl::Now() + absl::GetFlag(FLAGS_deadline);
  const std::string mode = absl::GetFlag(FLAGS_mode);
  const std::string seed = absl::GetFlag(FLAGS_seed);

  if (mode == "quick") {
    QuickOptions quick;
    quick.limits = limits;
    quick.seed = std::hash<std::string>{}(seed);
    auto r = SolveQuick(pool, spec, quick);
    if (!r.ok()) return Report(r.status());
    if (!r->feasible) return Infeasible(r->infeasibility);
    PrintMembers(pool, r->members);
    return 0;
  }
  if (mode == "minimal") {
    auto r = SolveMinimal(pool, spec, limits);
    if (!r.ok()) return Report(r.status());
    if (!r->feasible) return Infeasible(r->infeasibility);
    std::fprintf(stderr, "seats %d; LP bound %.4f, branch-and-bound bound %.4f: %s\n", r->seats,
                 r->lp_bound, r->best_bound,
                 r->proven_optimal ? "proven minimal" : "NOT proven minimal");
    PrintMembers(pool, r->members);
    return 0;
  }
  if (mode != "leximin") {
    std::fprintf(stderr, "unknown --mode %s\n", mode.c_str());
    return 1;
  }
  // Before the solve: a draw seed under 128 bits is refused as the service refuses it.
  if (!seed.empty()) {
    if (absl::Status st = ValidateDrawSeed(seed, "--seed"); !st.ok()) return Report(st);
  }
  LeximinOptions lx;
  lx.limits = limits;
  if (absl::GetFlag(FLAGS_progress)) {
    lx.progress = [](const LeximinProgress& p) {
      std::fprintf(stderr, "stage %d round %d: %d panels, %d types fixed, min %.6f\n", p.stage,
                   p.iteration, p.columns, p.fixed_types, p.min_probability);
    };
  }
  const absl::Time start = absl::Now();
  auto r = SolveLeximin(pool, spec, lx);
  if (!r.ok()) return Report(r.status());
  if (!r->feasible) return Infeasible(r->infeasibility);
  std::fprintf(stderr,
               "LEXIMIN: n=%zu, min probability %.6f (certified upper bound %.6f), %zu panels, "
               "%zu types, %d rounds, %.2f s\n",
               pool.candidates.size(), r->min_probability, r->certificate_bound, r->panels.size(),
               r->types.size(), r->iterations, absl::ToDoubleSeconds(absl::Now() - start));
  std::printf("id,probability\n");
  for (size_t i = 0; i < pool.candidates.size(); ++i) {
    std::printf("%s,%.9f\n", pool.candidates[i].id.c_str(), r->probabilities[i]);
  }
  if (seed.empty()) return 0;
  auto draw = DrawPanel(*r, seed);
  if (!draw.ok()) return Report(draw.status());
  const std::string expected = absl::GetFlag(FLAGS_commitment);
  std::fprintf(stderr, "seed commitment sha256: %s%s\n", draw->commitment.c_str(),
               expected.empty()               ? ""
               : expected == draw->commitment ? " (matches --commitment)"
                                              : " (DOES NOT match --commitment)");
  if (!expected.empty() && expected != draw->commitment) return 1;
  std::fprintf(stderr, "drawn panel #%d:", draw->panel);
  for (int i : draw->members) std::fprintf(stderr, " %s", pool.candidates[i].id.c_str());
  std::fprintf(stderr, "\n");
  return 0;
}

}  // namespace
}  // namespace polylateral::composition

int main(int argc, char** argv) { return polylateral::composition::Main(argc, argv); }
