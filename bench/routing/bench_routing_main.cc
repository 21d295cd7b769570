// Times the routing domain's two hot paths on deterministic data and prints one
// tab-separated line per figure: name, value, unit.
//   uptake: a 5,000-word input against a 50-page outcome (25,000 words in 400 paragraphs),
//           the index built once, each estimate timed;
//   routing: DecideRoutes over a registry of 20 processes with rotating agendas,
//           consultations, relays and networks, for inputs on varying themes and authors.
// Usage: polylateral-bench-routing [estimates (default 200)] [decisions (default 200000)]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/vocabulary/themes.h"
#include "services/routing/domain/routing_policy.h"
#include "services/routing/domain/test_fixtures.h"
#include "services/routing/domain/text_generator.h"
#include "services/routing/domain/uptake_estimate.h"

namespace polylateral::routing {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// This thread's CPU time in ms: on a machine shared with builds, wall time includes waiting
// for a core; both are printed so a reader can tell load from cost.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

void Print(const char* name, double value, const char* unit) {
  std::printf("%s\t%.4f\t%s\n", name, value, unit);
}

void BenchUptake(int estimates) {
  testing::TextGenerator gen(2026);
  std::vector<OutcomeParagraph> outcome;
  outcome.reserve(400);
  for (int p = 0; p < 400; ++p) {
    outcome.push_back({absl::StrCat("op-", p + 1), gen.Paragraph(40 + (p * 37) % 45)});
  }
  size_t words = 0;
  for (const auto& p : outcome) words += std::count(p.text.begin(), p.text.end(), ' ') + 1;
  // The input quotes one paragraph, reworded, inside 5,000 words of its own.
  const std::string input = absl::StrCat(gen.Paragraph(2400), " ", gen.Reword(outcome[211].text, 8),
                                         " ", gen.Paragraph(5000 - 2400 - 60));
  const auto t0 = Clock::now();
  auto index = OutcomeIndex::Build(outcome);
  const double build_ms = Ms(Clock::now() - t0);
  if (!index.ok()) {
    std::fprintf(stderr, "%s\n", index.status().ToString().c_str());
    std::exit(1);
  }
  std::vector<double> ms, cpu_ms;
  UptakeEstimate e;
  for (int i = 0; i < estimates; ++i) {
    const auto s = Clock::now();
    const double c = CpuMs();
    e = index->Estimate(input, 5);
    cpu_ms.push_back(CpuMs() - c);
    ms.push_back(Ms(Clock::now() - s));
  }
  if (e.closest.empty() || e.closest[0].paragraph_id != "op-212") {
    std::fprintf(stderr, "the estimate missed the quoted paragraph\n");
    std::exit(1);
  }
  Print("outcome_words", static_cast<double>(words), "words");
  Print("input_shingles", static_cast<double>(e.input_shingles), "shingles");
  Print("index_build_ms", build_ms, "ms");
  Print("estimate_p50_ms", Percentile(ms, 0.5), "ms");
  Print("estimate_p99_ms", Percentile(ms, 0.99), "ms");
  Print("estimate_cpu_p50_ms", Percentile(cpu_ms, 0.5), "ms");
  Print("estimate_cpu_p99_ms", Percentile(cpu_ms, 0.99), "ms");
  Print("estimate_best_containment", e.overall, "");
}

RoutingFacts LargeFacts() {
  RoutingFacts f;
  const auto themes = vocabulary::AllThemes();
  for (int p = 0; p < 20; ++p) {
    ProcessInfo proc = testing::GlobalMechanism();
    proc.id = absl::StrCat("process-", p);
    proc.themes = {std::string(themes[(p * 7) % themes.size()].id)};
    for (int g = 0; g < 4; ++g) {
      ThematicGroup group = proc.thematic_groups[g % 2];
      group.group_id = absl::StrCat("tg-", g);
      for (int m = 0; m < 6; ++m) {
        group.agenda.push_back({absl::StrCat("item ", m),
                                {std::string(themes[(p + g * 5 + m * 3) % themes.size()].id)},
                                testing::Day(2026, 5 + m, 1),
                                testing::Day(2026, 5 + m, 28)});
      }
      proc.thematic_groups.push_back(group);
    }
    f.processes.push_back(proc);
    if (p % 2 == 0) f.access.push_back(testing::Allowed(absl::StrCat("author-", p), proc.id));
    f.consultations.push_back({absl::StrCat("c-", p),
                               p % 3 == 0 ? "CA" : "FR",
                               proc.id,
                               {},
                               testing::At(2026, 1, 1),
                               testing::At(2026, 12, 31)});
    f.relays.push_back(
        {p % 2 ? "CL" : "AR", proc.themes, "", absl::InfinitePast(), absl::InfiniteFuture()});
  }
  f.networks = {{"net-a", ""}, {"net-b", ""}, {"net-c", ""}};
  f.access.push_back(testing::Allowed("net-b", "process-3"));
  f.author_country = "CA";
  return f;
}

void BenchRouting(int decisions) {
  const RoutingFacts facts = LargeFacts();
  const auto themes = vocabulary::AllThemes();
  std::vector<RoutingInput> inputs;
  for (int i = 0; i < 64; ++i) {
    Input in = testing::CipSubmission(absl::StrCat("author-", i % 20));
    in.id = absl::StrCat("in-", i);
    in.themes = {std::string(themes[(i * 5) % themes.size()].id)};
    if (i % 4 == 0) in.target = {TargetKind::kProcess, absl::StrCat("process-", i % 20), "", ""};
    inputs.push_back(ForRouting(in));
  }
  size_t routes = 0;
  const absl::Time now = testing::At(2026, 6, 10);
  const auto t0 = Clock::now();
  const double c0 = CpuMs();
  for (int i = 0; i < decisions; ++i) {
    auto d = DecideRoutes(inputs[i % inputs.size()], facts, now);
    if (d.ok()) routes += d->routes.size();
  }
  const double us = Ms(Clock::now() - t0) * 1000.0 / decisions;
  const double cpu_us = (CpuMs() - c0) * 1000.0 / decisions;
  Print("decide_routes_us", us, "us");
  Print("decide_routes_cpu_us", cpu_us, "us");
  Print("routes_per_decision", static_cast<double>(routes) / decisions, "routes");
}

}  // namespace
}  // namespace polylateral::routing

int main(int argc, char** argv) {
  const int estimates = argc > 1 ? std::atoi(argv[1]) : 200;
  const int decisions = argc > 2 ? std::atoi(argv[2]) : 200000;
  polylateral::routing::BenchUptake(std::max(estimates, 1));
  polylateral::routing::BenchRouting(std::max(decisions, 1));
  return 0;
}
