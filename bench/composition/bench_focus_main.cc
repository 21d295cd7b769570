// Focused timings for the solver's two speed goals, with CPU time beside wall time (the
// machine is shared): LEXIMIN on one generated pool and QUICK on the generated n = 2000 pool.
// --dump writes the LEXIMIN probability vector (one per line, %.12f) so that two builds can be
// compared for exactness (tools: diff within 1e-6).
//   polylateral-bench-composition-focus --what=leximin --n=500 --k=50 --seed=1 [--dump=f]
//   polylateral-bench-composition-focus --what=quick --n=2000 --k=200 --runs=51

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/time/clock.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/pool_generator.h"
#include "services/composition/solver/quick_solver.h"
#include "services/composition/solver/type_model.h"

ABSL_FLAG(std::string, what, "leximin", "leximin or quick");
ABSL_FLAG(int, n, 500, "pool size");
ABSL_FLAG(int, k, 50, "seats");
ABSL_FLAG(int, seed, 1, "generator seed (QUICK: 7 as in the main bench)");
ABSL_FLAG(int, runs, 51, "QUICK repetitions");
ABSL_FLAG(std::string, dump, "", "LEXIMIN: write the probabilities here");
ABSL_FLAG(double, band, -1,
          "LEXIMIN: the 8-feature pool with quotas this fraction of k around a witness panel "
          "(0: exact quotas); negative: the 6-feature pool");
ABSL_FLAG(double, stop_after, 0,
          "LEXIMIN: stop the solve this many seconds in (by --stop_by) and print how long after "
          "that it returned");
ABSL_FLAG(std::string, stop_by, "deadline", "deadline or cancel (a cancellation check)");
ABSL_FLAG(int, max_per_org, 0, "LEXIMIN: override the pool's organisation cap (0: keep it)");
ABSL_FLAG(int, org_cap, 0,
          "LEXIMIN: the organisation-capped pool (pool_generator.h) with this cap (0: not it)");
ABSL_FLAG(double, org_band, 0.15, "LEXIMIN, --org_cap: quota band around the witness's counts");
ABSL_FLAG(bool, stages_only, false, "LEXIMIN: skip the relaxation shortcut (as before it)");
ABSL_FLAG(
    std::string, pricing, "light",
    "LEXIMIN: CBC's effort in the pricing MIPs, light or thorough (CBC's defaults, as before)");

namespace polylateral::composition {
namespace {

double CpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

int Main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int n = absl::GetFlag(FLAGS_n), k = absl::GetFlag(FLAGS_k);
  const double band = absl::GetFlag(FLAGS_band);
  const int org_cap = absl::GetFlag(FLAGS_org_cap);
  GeneratedProblem g = org_cap > 0
                           ? GenerateOrganisationCapProblem(absl::GetFlag(FLAGS_seed), n, k,
                                                            org_cap, absl::GetFlag(FLAGS_org_band))
                       : band >= 0 ? GenerateWitnessProblem(absl::GetFlag(FLAGS_seed), n, k, band)
                                   : GenerateProblem(absl::GetFlag(FLAGS_seed), n, k);
  if (const int cap = absl::GetFlag(FLAGS_max_per_org); cap > 0) g.spec.max_per_organisation = cap;
  if (absl::GetFlag(FLAGS_what) == "quick") {
    std::vector<double> wall, cpu;
    for (int i = 0; i < absl::GetFlag(FLAGS_runs); ++i) {
      QuickOptions options;
      options.seed = i + 1;
      const absl::Time start = absl::Now();
      const double c0 = CpuSeconds();
      auto r = SolveQuick(g.pool, g.spec, options);
      cpu.push_back((CpuSeconds() - c0) * 1000);
      wall.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
      if (!r.ok() || !r->feasible) {
        std::fprintf(stderr, "QUICK failed\n");
        return 1;
      }
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf(
        "QUICK n=%d k=%d seed=%d runs=%zu: wall median %.2f ms (max %.2f), cpu median %.2f ms (max "
        "%.2f)\n",
        n, k, absl::GetFlag(FLAGS_seed), wall.size(), wall[wall.size() / 2], wall.back(),
        cpu[cpu.size() / 2], cpu.back());
    return 0;
  }
  const absl::Time start = absl::Now();
  const double c0 = CpuSeconds();
  LeximinOptions options;
  options.relaxation_first = !absl::GetFlag(FLAGS_stages_only);
  options.pricing_effort =
      absl::GetFlag(FLAGS_pricing) == "thorough" ? MipEffort::kThorough : MipEffort::kLight;
  const double stop_after = absl::GetFlag(FLAGS_stop_after);
  const absl::Time stop_at = start + absl::Seconds(stop_after);
  if (stop_after > 0 && absl::GetFlag(FLAGS_stop_by) == "cancel") {
    options.limits.cancelled = [stop_at] { return absl::Now() >= stop_at; };
  } else if (stop_after > 0) {
    options.limits.deadline = stop_at;
  }

  auto r = SolveLeximin(g.pool, g.spec, options);
  const double cpu = CpuSeconds() - c0;
  const absl::Time end = absl::Now();
  const double wall = absl::ToDoubleSeconds(end - start);
  if (stop_after > 0) {
    std::printf(
        "LEXIMIN n=%d k=%d seed=%d stopped by %s after %.1f s: returned %.1f ms later (%s)\n", n, k,
        absl::GetFlag(FLAGS_seed), absl::GetFlag(FLAGS_stop_by).c_str(), stop_after,
        absl::ToDoubleMilliseconds(end - stop_at),
        r.ok() ? "finished first" : r.status().ToString().c_str());
    return r.ok() ? 1 : 0;
  }
  if (!r.ok() || !r->feasible) {
    std::fprintf(stderr, "LEXIMIN failed after %.3f s CPU: %s\n", cpu,
                 r.ok() ? "infeasible" : r.status().ToString().c_str());
    return 1;
  }
  std::printf(
      "LEXIMIN n=%d k=%d seed=%d: wall %.3f s, cpu %.3f s; %zu types, %d stages, %d rounds, %d by "
      "CBC, %zu panels, min p %.6f, %s\n",
      n, k, absl::GetFlag(FLAGS_seed), wall, cpu, r->types.size(), r->stages, r->iterations,
      r->pricing_mips, r->panels.size(), r->min_probability,
      r->by_relaxation ? "met by the relaxation" : "by the stages");
  std::printf("CPU: master LPs %.3f s, MIPs %.3f s; LP recoveries: %d; %s%s\n",
              r->master_lp_seconds, r->mip_seconds, r->lp_recoveries,
              r->certified ? "certified" : "NOT CERTIFIED: ", r->uncertified_reason.c_str());
  const LeximinResult::Phases& ph = r->phases;
  std::printf(
      "phases CPU: seeding %.3f s, shortcut %.3f s (relaxation LPs %.3f s, lotteries %.3f s in %d "
      "rounds), unreachable types %.3f s, stages %.3f s, final distribution %.3f s\n",
      ph.seeding_seconds, ph.shortcut_seconds, ph.relaxation_seconds, ph.decomposition_seconds,
      ph.decomposition_rounds, ph.unreachable_seconds, ph.stages_seconds, ph.final_seconds);
  {
    auto model = BuildTypeModel(g.pool, g.spec);
    int bad = 0;
    for (const WeightedPanel& p : r->panels) bad += SatisfiesRows(*model, p.counts) ? 0 : 1;
    std::printf("panels breaking a rule: %d of %zu\n", bad, r->panels.size());
  }
  if (const std::string path = absl::GetFlag(FLAGS_dump); !path.empty()) {
    FILE* f = std::fopen(path.c_str(), "w");
    for (double p : r->probabilities) std::fprintf(f, "%.12f\n", p);
    std::fclose(f);
  }
  return 0;
}

}  // namespace
}  // namespace polylateral::composition

int main(int argc, char** argv) { return polylateral::composition::Main(argc, argv); }
