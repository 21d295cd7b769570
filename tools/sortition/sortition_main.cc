// polylateral-sortition: reads categories.csv + respondents.csv (Flanigan et al.'s replication
// data) or features.csv + candidates.csv (Sortition Foundation) and prints, on stdout, one
// CSV line per candidate with its LEXIMIN selection probability; or a QUICK / MINIMAL panel.
// With --seed it also draws one panel from the lottery, verifiably (lottery_draw.h); with
// --uniform_panels=M it rounds the lottery to M numbered panels for a public draw.
//   polylateral-sortition --categories=categories.csv --people=respondents.csv --seats=20
//   polylateral-sortition ... --seed="numbers drawn on 2025-07-01" [--commitment=<sha256>]
// Exit codes (kExit* below; docs/solver.md): 0 done, 1 infeasible rules (the relaxation is
// printed), 2 usage or input error (flags, unreadable or malformed files, invalid rules, weak
// seed), 3 the seed does not match --commitment, 4 deadline passed.

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
#include "services/composition/solver/uniform_lottery.h"

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
ABSL_FLAG(int, uniform_panels, 0,
          "leximin: round the lottery to this many numbered panels (1..100000) for a public "
          "draw; --seed then draws a panel number");
ABSL_FLAG(std::string, panels_out, "",
          "with --uniform_panels: write the numbered panels to this file (number,member ids)");

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

constexpr int kExitOk = 0;
constexpr int kExitInfeasible = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCommitmentMismatch = 3;
constexpr int kExitDeadline = 4;

constexpr char kUsage[] =
    "polylateral-sortition --categories=FILE --people=FILE --seats=K [--mode=leximin|quick|"
    "minimal] [--seed=TEXT [--commitment=SHA256]] [--uniform_panels=M [--panels_out=FILE]]\n"
    "Exit codes: 0 done; 1 the rules are infeasible (the smallest relaxation is printed); 2 usage "
    "or input error (flags, unreadable or malformed files, invalid rules, a seed under 16 "
    "bytes); 3 the seed does not match --commitment (checked before anything is solved or "
    "printed); 4 the --deadline passed.";

// Errors about the files' cells are reported as FILE:LINE:COLUMN: reason; the seat flags
// by their flag; the rest by the solver's field path.
int Report(const absl::Status& status, const CsvSource* source = nullptr) {
  const std::vector<FieldViolation> violations = ErrorViolations(status);
  if (violations.empty()) {
    std::fprintf(stderr, "error: %s\n", std::string(status.message()).c_str());
  }
  for (const FieldViolation& v : violations) {
    std::string where = source != nullptr ? LocateField(*source, v.field) : "";
    if (where.empty() && (v.field == "spec.min_seats" || v.field == "spec.max_seats")) {
      where = v.field == "spec.min_seats" ? "--seats" : "--max_seats";
    }
    if (where.empty()) where = v.field;
    std::fprintf(stderr, "%s: %s\n", where.c_str(), v.description.c_str());
  }
  if (status.code() == absl::StatusCode::kInvalidArgument) return kExitUsage;
  if (status.code() == absl::StatusCode::kDeadlineExceeded) return kExitDeadline;
  return kExitUsage;
}

int Infeasible(const Infeasibility& why) {
  std::printf("infeasible: %s\n", why.summary.c_str());
  return kExitInfeasible;
}

// The seed checked against the published commitment before anything is solved or printed.
int CheckCommitment(const std::string& seed, const std::string& expected) {
  if (expected.empty()) return kExitOk;
  if (seed.empty()) {
    std::fprintf(stderr, "--commitment needs --seed: the commitment is the seed's SHA-256\n");
    return kExitUsage;
  }
  const std::string actual = SeedCommitment(seed);
  if (actual != expected) {
    std::fprintf(stderr,
                 "seed commitment sha256: %s DOES NOT match --commitment %s: nothing drawn\n",
                 actual.c_str(), expected.c_str());
    return kExitCommitmentMismatch;
  }
  std::fprintf(stderr, "seed commitment sha256: %s (matches --commitment)\n", actual.c_str());
  return kExitOk;
}

bool WritePanels(const std::string& path, const Pool& pool, const UniformLottery& u) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return false;
  out << "number,members\n";
  for (size_t j = 0; j < u.panels.size(); ++j) {
    out << j + 1 << ",\"";
    for (size_t i = 0; i < u.panels[j].size(); ++i) {
      out << (i == 0 ? "" : " ") << pool.candidates[u.panels[j][i]].id;
    }
    out << "\"\n";
  }
  return static_cast<bool>(out);
}

void PrintMembers(const Pool& pool, const std::vector<int>& members) {
  std::printf("id\n");
  for (int i : members) std::printf("%s\n", pool.candidates[i].id.c_str());
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  absl::ParseCommandLine(argc, argv);
  const std::string mode = absl::GetFlag(FLAGS_mode);
  const std::string seed = absl::GetFlag(FLAGS_seed);
  const int uniform_panels = absl::GetFlag(FLAGS_uniform_panels);
  if (mode != "leximin" && mode != "quick" && mode != "minimal") {
    std::fprintf(stderr, "unknown --mode %s\n%s\n", mode.c_str(), kUsage);
    return kExitUsage;
  }
  if (uniform_panels != 0) {
    if (mode != "leximin") {
      std::fprintf(stderr,
                   "--uniform_panels: rounds a LEXIMIN lottery: only with --mode=leximin\n");
      return kExitUsage;
    }
    if (absl::Status st = ValidateUniformPanels(uniform_panels, "--uniform_panels"); !st.ok()) {
      return Report(st);
    }
  }
  // First of all: a seed that does not match its commitment prints nothing else.
  if (int code = CheckCommitment(seed, absl::GetFlag(FLAGS_commitment)); code != kExitOk) {
    return code;
  }
  std::string categories, people;
  if (!ReadFile(absl::GetFlag(FLAGS_categories), &categories)) {
    std::fprintf(stderr, "--categories: cannot read '%s'\n",
                 absl::GetFlag(FLAGS_categories).c_str());
    return kExitUsage;
  }
  if (!ReadFile(absl::GetFlag(FLAGS_people), &people)) {
    std::fprintf(stderr, "--people: cannot read '%s'\n", absl::GetFlag(FLAGS_people).c_str());
    return kExitUsage;
  }
  CsvOptions options;
  options.categories_name = absl::GetFlag(FLAGS_categories);
  options.people_name = absl::GetFlag(FLAGS_people);
  options.seats = absl::GetFlag(FLAGS_seats);
  options.organisation_column = absl::GetFlag(FLAGS_organisation_column);
  options.country_column = absl::GetFlag(FLAGS_country_column);
  absl::StatusOr<CsvProblem> problem = ReadSortitionCsv(categories, people, options);
  if (!problem.ok()) return Report(problem.status());
  if (options.seats < 1) {
    std::fprintf(stderr, "--seats: the panel size is required (at least 1)\n%s\n", kUsage);
    return kExitUsage;
  }
  BodySpec& spec = problem->spec;
  if (absl::GetFlag(FLAGS_max_seats) > 0) spec.max_seats = absl::GetFlag(FLAGS_max_seats);
  if (absl::GetFlag(FLAGS_max_per_organisation) > 0) {
    spec.max_per_organisation = absl::GetFlag(FLAGS_max_per_organisation);
  }
  if (absl::GetFlag(FLAGS_max_per_country) > 0) {
    spec.max_per_country = absl::GetFlag(FLAGS_max_per_country);
  }
  const Pool& pool = problem->pool;
  const CsvSource* source = &problem->source;
  SolveLimits limits;
  limits.deadline = absl::Now() + absl::GetFlag(FLAGS_deadline);

  if (mode == "quick") {
    QuickOptions quick;
    quick.limits = limits;
    quick.seed = std::hash<std::string>{}(seed);
    auto r = SolveQuick(pool, spec, quick);
    if (!r.ok()) return Report(r.status(), source);
    if (!r->feasible) return Infeasible(r->infeasibility);
    PrintMembers(pool, r->members);
    return kExitOk;
  }
  if (mode == "minimal") {
    auto r = SolveMinimal(pool, spec, limits);
    if (!r.ok()) return Report(r.status(), source);
    if (!r->feasible) return Infeasible(r->infeasibility);
    std::fprintf(stderr, "seats %d; LP bound %.4f, branch-and-bound bound %.4f: %s\n", r->seats,
                 r->lp_bound, r->best_bound,
                 r->proven_optimal ? "proven minimal" : "NOT proven minimal");
    PrintMembers(pool, r->members);
    return kExitOk;
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
  if (!r.ok()) return Report(r.status(), source);
  if (!r->feasible) return Infeasible(r->infeasibility);
  std::fprintf(stderr,
               "LEXIMIN: n=%zu, min probability %.6f (certified upper bound %.6f), %zu panels, "
               "%zu types, %d rounds, %.2f s; %s\n",
               pool.candidates.size(), r->min_probability, r->certificate_bound, r->panels.size(),
               r->types.size(), r->iterations, absl::ToDoubleSeconds(absl::Now() - start),
               r->by_relaxation ? "by the relaxation shortcut (a lottery met the LP relaxation's "
                                  "vector)"
                                : "by the stages over feasible panels (column generation)");
  if (uniform_panels == 0) {
    std::printf("id,probability\n");
    for (size_t i = 0; i < pool.candidates.size(); ++i) {
      std::printf("%s,%.9f\n", pool.candidates[i].id.c_str(), r->probabilities[i]);
    }
    if (seed.empty()) return kExitOk;
    auto draw = DrawPanel(*r, seed);
    if (!draw.ok()) return Report(draw.status());
    std::fprintf(stderr, "drawn panel #%d:", draw->panel);
    for (int i : draw->members) std::fprintf(stderr, " %s", pool.candidates[i].id.c_str());
    std::fprintf(stderr, "\n");
    return kExitOk;
  }

  const absl::Time rounding = absl::Now();
  auto u = RoundToUniformLottery(*r, uniform_panels);
  if (!u.ok()) return Report(u.status());
  std::fprintf(stderr,
               "uniform lottery over %d numbered panels: largest deviation from LEXIMIN %.6f "
               "(bound 2k/m = %.6f), %d improvement moves, %.2f s\n",
               uniform_panels, u->max_deviation, u->deviation_bound, u->improvement_moves,
               absl::ToDoubleSeconds(absl::Now() - rounding));
  const std::string panels_out = absl::GetFlag(FLAGS_panels_out);
  if (!panels_out.empty() && !WritePanels(panels_out, pool, *u)) {
    std::fprintf(stderr, "--panels_out: cannot write '%s'\n", panels_out.c_str());
    return kExitUsage;
  }
  std::printf("id,probability,uniform_probability\n");
  for (size_t i = 0; i < pool.candidates.size(); ++i) {
    std::printf("%s,%.9f,%.9f\n", pool.candidates[i].id.c_str(), r->probabilities[i],
                u->probabilities[i]);
  }
  if (seed.empty()) return kExitOk;
  auto draw = DrawUniformPanel(u->panels, seed);
  if (!draw.ok()) return Report(draw.status());
  std::fprintf(stderr, "drawn panel number %d of %d:", draw->panel + 1, uniform_panels);
  for (int i : draw->members) std::fprintf(stderr, " %s", pool.candidates[i].id.c_str());
  std::fprintf(stderr, "\n");
  return kExitOk;
}

}  // namespace
}  // namespace polylateral::composition

int main(int argc, char** argv) { return polylateral::composition::Main(argc, argv); }
