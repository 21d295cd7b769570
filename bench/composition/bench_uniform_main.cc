// The uniform lottery over m numbered panels (solver/uniform_lottery.h) against its
// alternatives, measured in the same run: the largest deviation of a selection probability
// from LEXIMIN, and the time, for m = 100 and 1,000 on the published examples and generated
// pools. Baseline: rounding each m * w_P to the nearest integers (largest remainders). Then
// the iterated rounding alone, with the local improvement (what the service runs), and an
// exact integer program on CBC over the same panels with a time limit, started from the
// baseline. Prints a markdown table.
//   polylateral-bench-uniform [--data=<tests/data/sortition>] [--ilp_seconds=10]

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/mip_solver.h"
#include "services/composition/solver/pool_csv.h"
#include "services/composition/solver/pool_generator.h"
#include "services/composition/solver/uniform_lottery.h"

ABSL_FLAG(std::string, data, POLYLATERAL_SORTITION_TEST_DATA, "the sortition data directory");
ABSL_FLAG(double, ilp_seconds, 10, "time limit of each CBC integer program");
ABSL_FLAG(bool, ilp, true, "run the CBC integer program (minutes: CBC overruns its limit)");

namespace polylateral::composition {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double Seconds(absl::Time start) { return absl::ToDoubleSeconds(absl::Now() - start); }

// Largest remainders: floor(m * w_P), then one more copy to the largest fractions.
std::vector<int64_t> NearestCopies(const LeximinResult& lottery, int m) {
  const size_t panels = lottery.panels.size();
  std::vector<int64_t> copies(panels);
  std::vector<std::pair<double, size_t>> remainders;
  int64_t total = 0;
  for (size_t p = 0; p < panels; ++p) {
    const double x = m * lottery.panels[p].weight;
    copies[p] = static_cast<int64_t>(std::floor(x));
    total += copies[p];
    remainders.emplace_back(x - std::floor(x), p);
  }
  std::sort(remainders.rbegin(), remainders.rend());
  for (size_t i = 0; total < m; ++i, ++total) ++copies[remainders[i % panels].second];
  return copies;
}

// min z: sum_P y_P = m; for each type t, |sum_P counts_Pt y_P - m E_t| <= |t| z, where E_t
// is the type's expected seats: z bounds every member's count deviation before the round
// robin (which adds less than one). Copies per LEXIMIN panel, or empty without a solution.
std::vector<int64_t> IlpCopies(const LeximinResult& lottery, int m,
                               const std::vector<int64_t>& start, double seconds, bool* proven) {
  const size_t panels = lottery.panels.size();
  const size_t types = lottery.types.size();
  LinearProgram lp;
  lp.row_lower.push_back(m);
  lp.row_upper.push_back(m);
  for (size_t t = 0; t < types; ++t) {
    double expected = 0;
    for (const WeightedPanel& p : lottery.panels) expected += p.weight * p.counts[t];
    lp.row_lower.push_back(-kInfinity);  // seats - |t| z <= m E_t
    lp.row_upper.push_back(m * expected);
    lp.row_lower.push_back(m * expected);  // seats + |t| z >= m E_t
    lp.row_upper.push_back(kInfinity);
  }
  for (size_t p = 0; p < panels; ++p) {
    std::vector<std::pair<int, double>> entries = {{0, 1.0}};
    for (size_t t = 0; t < types; ++t) {
      if (lottery.panels[p].counts[t] == 0) continue;
      entries.emplace_back(1 + 2 * static_cast<int>(t), lottery.panels[p].counts[t]);
      entries.emplace_back(2 + 2 * static_cast<int>(t), lottery.panels[p].counts[t]);
    }
    lp.AddColumn(0, m, 0, true, entries);
  }
  std::vector<std::pair<int, double>> z;
  for (size_t t = 0; t < types; ++t) {
    const double size = static_cast<double>(lottery.types[t].size());
    z.emplace_back(1 + 2 * static_cast<int>(t), -size);
    z.emplace_back(2 + 2 * static_cast<int>(t), size);
  }
  lp.AddColumn(0, kInfinity, 1, false, z);
  MipSolver solver(lp);
  SolveLimits limits;
  limits.deadline = absl::Now() + absl::Seconds(seconds);
  std::vector<double> warm(start.begin(), start.end());
  // The start's z: its largest type deviation per member.
  double worst = 0;
  for (size_t t = 0; t < types; ++t) {
    double seats = 0, expected = 0;
    for (size_t p = 0; p < panels; ++p) {
      seats += static_cast<double>(start[p]) * lottery.panels[p].counts[t];
      expected += m * lottery.panels[p].weight * lottery.panels[p].counts[t];
    }
    worst = std::max(worst, std::abs(seats - expected) / lottery.types[t].size());
  }
  warm.push_back(worst + 1e-9);
  const MipOutcome out = solver.Solve(limits, warm);
  *proven = out.status == MipOutcome::Status::kOptimal;
  if (!out.has_solution) return {};
  std::vector<int64_t> copies(panels);
  for (size_t p = 0; p < panels; ++p) copies[p] = std::llround(out.solution[p]);
  if (std::accumulate(copies.begin(), copies.end(), int64_t{0}) != m) return {};
  return copies;
}

void Measure(const std::string& name, const Pool& pool, const BodySpec& spec) {
  auto lottery = SolveLeximin(pool, spec);
  if (!lottery.ok() || !lottery->feasible) {
    std::fprintf(stderr, "%s: no LEXIMIN lottery\n", name.c_str());
    std::exit(1);
  }
  for (int m : {100, 1000}) {
    const UniformLottery nearest = DealPanels(*lottery, NearestCopies(*lottery, m));
    UniformLotteryOptions rounding_only;
    rounding_only.max_improvement_moves = 0;
    absl::Time start = absl::Now();
    auto rounded = RoundToUniformLottery(*lottery, m, rounding_only);
    const double rounded_s = Seconds(start);
    start = absl::Now();
    auto improved = RoundToUniformLottery(*lottery, m);
    const double improved_s = Seconds(start);
    if (!rounded.ok() || !improved.ok()) std::exit(1);
    bool proven = false;
    start = absl::Now();
    const bool run_ilp = absl::GetFlag(FLAGS_ilp);
    const std::vector<int64_t> ilp = run_ilp ? IlpCopies(*lottery, m, NearestCopies(*lottery, m),
                                                         absl::GetFlag(FLAGS_ilp_seconds), &proven)
                                             : std::vector<int64_t>{};
    const double ilp_s = Seconds(start);
    std::string ilp_cell = run_ilp ? "no solution" : "not run";
    if (!ilp.empty()) {
      ilp_cell = absl::StrFormat("%.5f (%.2f s%s)", DealPanels(*lottery, ilp).max_deviation, ilp_s,
                                 proven ? ", optimal" : ", time limit");
    }
    std::printf(
        "| %s | %zu | %zu | %d | %.5f | %.5f | %.5f (%.3f s) | %.5f (%.3f s, %d moves) | %s |\n",
        name.c_str(), pool.candidates.size(), lottery->panels.size(), m, improved->deviation_bound,
        nearest.max_deviation, rounded->max_deviation, rounded_s, improved->max_deviation,
        improved_s, improved->improvement_moves, ilp_cell.c_str());
    std::fflush(stdout);
  }
}

int Main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string data = absl::GetFlag(FLAGS_data);
  std::printf(
      "| instance | n | LEXIMIN panels | m | bound 2k/m | nearest rounding (baseline) | "
      "iterated rounding | + local improvement (the service) | CBC ILP from the baseline |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& [name, k] :
       {std::pair<std::string, int>{"example_small_20", 20}, {"example_large_200", 200}}) {
    const std::string dir =
        absl::StrCat(data, "/pgoelz__citizensassemblies-replication/data/", name, "/");
    CsvOptions options;
    options.seats = k;
    auto p = ReadSortitionCsv(ReadFile(dir + "categories.csv"), ReadFile(dir + "respondents.csv"),
                              options);
    if (!p.ok()) std::exit(1);
    Measure(absl::StrFormat("%s (k=%d)", name, k), p->pool, p->spec);
  }
  {
    const std::string dir = data + "/sortitionfoundation__sortition-algorithms/tests/fixtures/";
    CsvOptions options;
    options.seats = 22;
    auto p =
        ReadSortitionCsv(ReadFile(dir + "features.csv"), ReadFile(dir + "candidates.csv"), options);
    if (!p.ok()) std::exit(1);
    Measure("Sortition Foundation fixture (k=22)", p->pool, p->spec);
  }
  for (const auto& [n, k] : {std::pair{200, 20}, std::pair{500, 50}}) {
    const GeneratedProblem g = GenerateProblem(1, n, k);
    Measure(absl::StrFormat("generated seed 1 (k=%d)", k), g.pool, g.spec);
  }
  return 0;
}

}  // namespace
}  // namespace polylateral::composition

int main(int argc, char** argv) { return polylateral::composition::Main(argc, argv); }
