#include "services/composition/api/solve_metrics.h"

namespace polylateral::composition {
namespace {

constexpr const char* kModeNames[SolveMetrics::kModes] = {"invalid", "quick", "minimal", "leximin"};
constexpr const char* kOutcomeNames[SolveMetrics::kOutcomes] = {
    "ok", "infeasible", "invalid_argument", "deadline_exceeded", "cancelled", "error"};

int OutcomeIndex(const absl::Status& status, bool feasible) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return feasible ? 0 : 1;
    case absl::StatusCode::kFailedPrecondition:
      return 1;
    case absl::StatusCode::kInvalidArgument:
      return 2;
    case absl::StatusCode::kDeadlineExceeded:
      return 3;
    case absl::StatusCode::kCancelled:
      return 4;
    default:
      return 5;
  }
}

}  // namespace

SolveMetrics::SolveMetrics(prometheus::Registry& registry) {
  auto& solves = prometheus::BuildCounter()
                     .Name("polylateral_composition_solves_total")
                     .Help("Composition solves by mode and outcome")
                     .Register(registry);
  auto& duration = prometheus::BuildHistogram()
                       .Name("polylateral_composition_solve_duration_seconds")
                       .Help("Wall time of composition solves")
                       .Register(registry);
  // From QUICK's interactive milliseconds to LEXIMIN on thousands of candidates.
  const prometheus::Histogram::BucketBoundaries buckets = {0.001, 0.005, 0.02, 0.1, 0.5,
                                                           1,     5,     15,   60,  120};
  for (int m = 0; m < kModes; ++m) {
    for (int o = 0; o < kOutcomes; ++o) {
      solves_[m][o] = &solves.Add({{"mode", kModeNames[m]}, {"outcome", kOutcomeNames[o]}});
    }
    duration_[m] = &duration.Add({{"mode", kModeNames[m]}}, buckets);
  }
}

void SolveMetrics::Record(v1::SolveMode mode, const absl::Status& status, bool feasible,
                          absl::Duration took) {
  const int m = (mode >= v1::QUICK && mode <= v1::LEXIMIN) ? static_cast<int>(mode) : 0;
  solves_[m][OutcomeIndex(status, feasible)]->Increment();
  duration_[m]->Observe(absl::ToDoubleSeconds(took));
}

}  // namespace polylateral::composition
