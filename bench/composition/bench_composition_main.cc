// Times the composition solver against its goals (docs/benchmarks.md) and prints a markdown table:
// LEXIMIN on the published n = 2000 / k = 200 pool, LEXIMIN on generated 6-feature pools of
// n = 500 / k = 50, QUICK at n = 2000, MINIMAL, and the process's peak resident memory.
//   polylateral-bench-composition [--data=<tests/data/sortition>]

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/minimal_solver.h"
#include "services/composition/solver/pool_csv.h"
#include "services/composition/solver/pool_generator.h"
#include "services/composition/solver/quick_solver.h"

// The published pools (example_small_20, example_large_200) are in the repository's test data.
ABSL_FLAG(std::string, data, POLYLATERAL_SORTITION_TEST_DATA, "the sortition data directory");
ABSL_FLAG(int, quick_runs, 21, "QUICK repetitions (the median is reported)");
ABSL_FLAG(int, generated_pools, 5,
          "generated pools per size, seeds 1..N (the slowest is reported)");

namespace polylateral::composition {
namespace {

struct Row {
  std::string what;
  std::string value;
  std::string goal;
  bool pass;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double PeakRssMib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

double Seconds(absl::Time start) { return absl::ToDoubleSeconds(absl::Now() - start); }

void Fail(const std::string& what, const absl::Status& s) {
  std::fprintf(stderr, "%s: %s\n", what.c_str(), std::string(s.message()).c_str());
  std::exit(1);
}

void LeximinReplication(const std::string& data, const std::string& name, int k, double goal_s,
                        std::vector<Row>& rows) {
  const std::string dir = data + "/pgoelz__citizensassemblies-replication/data/" + name + "/";
  CsvOptions options;
  options.seats = k;
  auto problem = ReadSortitionCsv(ReadFile(dir + "categories.csv"),
                                  ReadFile(dir + "respondents.csv"), options);
  if (!problem.ok()) Fail(name, problem.status());
  const absl::Time start = absl::Now();
  auto r = SolveLeximin(problem->pool, problem->spec);
  const double t = Seconds(start);
  if (!r.ok()) Fail(name, r.status());
  double worst = 0;
  const double mean = static_cast<double>(k) / problem->pool.candidates.size();
  for (double p : r->probabilities) worst = std::max(worst, std::abs(p - mean));
  const int n = static_cast<int>(problem->pool.candidates.size());
  rows.push_back({absl::StrFormat("LEXIMIN %s (n=%d, k=%d), time", name, n, k),
                  absl::StrFormat("%.3f s", t), absl::StrFormat("<= %.0f s", goal_s), t <= goal_s});
  rows.push_back({absl::StrFormat("LEXIMIN %s, max abs(p - k/n)", name),
                  absl::StrFormat("%.1e", worst), "<= 5e-4", worst <= 5e-4});
}

void LeximinGenerated(int pools, int n, int k, std::vector<Row>& rows) {
  double slowest = 0;
  int types = 0, stages = 0, iterations = 0, mips = 0, by_relaxation = 0;
  double min_p = 1;
  for (int s = 1; s <= pools; ++s) {
    const GeneratedProblem g = GenerateProblem(s, n, k);
    const absl::Time start = absl::Now();
    auto r = SolveLeximin(g.pool, g.spec);
    const double t = Seconds(start);
    if (!r.ok()) Fail("generated", r.status());
    if (!r->feasible) Fail("generated", absl::InternalError(r->infeasibility.summary));
    by_relaxation += r->by_relaxation ? 1 : 0;
    if (t > slowest) {
      slowest = t;
      types = static_cast<int>(r->types.size());
      stages = r->stages;
      iterations = r->iterations;
      mips = r->pricing_mips;
      min_p = r->min_probability;
    }
  }
  rows.push_back(
      {absl::StrFormat("LEXIMIN generated n=%d, k=%d, 6 features (slowest of %d, %d met by the "
                       "relaxation; %d types, %d stages, %d pricing rounds, %d by CBC, min p %.4f)",
                       n, k, pools, by_relaxation, types, stages, iterations, mips, min_p),
       absl::StrFormat("%.3f s", slowest), "<= 5 s", slowest <= 5});
}

void Quick(const std::string& label, const Pool& pool, const BodySpec& spec, int runs,
           std::vector<Row>& rows) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    QuickOptions options;
    options.seed = i + 1;
    const absl::Time start = absl::Now();
    auto r = SolveQuick(pool, spec, options);
    ms.push_back(Seconds(start) * 1000);
    if (!r.ok() || !r->feasible)
      Fail(label, r.ok() ? absl::InternalError("infeasible") : r.status());
  }
  std::sort(ms.begin(), ms.end());
  const double median = ms[ms.size() / 2];
  rows.push_back({absl::StrFormat("QUICK %s, median of %d (max %.1f ms)", label, runs, ms.back()),
                  absl::StrFormat("%.1f ms", median), "<= 20 ms", median <= 20});
}

int Main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string data = absl::GetFlag(FLAGS_data);
  std::vector<Row> rows;
  LeximinReplication(data, "example_small_20", 20, 60, rows);
  LeximinReplication(data, "example_large_200", 200, 60, rows);
  LeximinGenerated(absl::GetFlag(FLAGS_generated_pools), 200, 20, rows);
  LeximinGenerated(absl::GetFlag(FLAGS_generated_pools), 500, 50, rows);

  CsvOptions options;
  options.seats = 200;
  const std::string dir = data + "/pgoelz__citizensassemblies-replication/data/example_large_200/";
  auto large = ReadSortitionCsv(ReadFile(dir + "categories.csv"), ReadFile(dir + "respondents.csv"),
                                options);
  if (!large.ok()) Fail("example_large_200", large.status());
  const int runs = absl::GetFlag(FLAGS_quick_runs);
  Quick("example_large_200 (n=2000, k=200)", large->pool, large->spec, runs, rows);
  const GeneratedProblem g2000 = GenerateProblem(7, 2000, 200);
  Quick("generated n=2000, k=200, 6 features", g2000.pool, g2000.spec, runs, rows);

  const GeneratedProblem g = GenerateProblem(1, 500, 50);
  BodySpec minimal = g.spec;
  minimal.min_seats = 1;
  const absl::Time start = absl::Now();
  auto m = SolveMinimal(g.pool, minimal);
  const double t = Seconds(start);
  if (!m.ok()) Fail("minimal", m.status());
  rows.push_back({absl::StrFormat("MINIMAL generated n=500 (seats %d, bound %.2f, %s)", m->seats,
                                  m->best_bound, m->proven_optimal ? "proven" : "NOT proven"),
                  absl::StrFormat("%.3f s", t), "proven optimal", m->proven_optimal});

  const double rss = PeakRssMib();
  rows.push_back({"peak resident memory (VmHWM) of all the above", absl::StrFormat("%.0f MiB", rss),
                  "<= 1024 MiB", rss <= 1024});

  std::printf("| measure | value | goal | result |\n|---|---|---|---|\n");
  bool all = true;
  for (const Row& r : rows) {
    std::printf("| %s | %s | %s | %s |\n", r.what.c_str(), r.value.c_str(), r.goal.c_str(),
                r.pass ? "pass" : "FAIL");
    all = all && r.pass;
  }
  return all ? 0 : 2;
}

}  // namespace
}  // namespace polylateral::composition

int main(int argc, char** argv) { return polylateral::composition::Main(argc, argv); }
