#include "bench/registry/latency_recorder.h"

#include <algorithm>
#include <cmath>

namespace polylateral::bench {

double LatencyRecorder::PercentileMicros(double q) {
  if (samples_.empty()) return 0;
  if (!sorted_) {
    std::sort(samples_.begin(), samples_.end());
    sorted_ = true;
  }
  // Nearest rank.
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(samples_.size())));
  rank = std::clamp<size_t>(rank, 1, samples_.size());
  return static_cast<double>(samples_[rank - 1]) / 1000.0;
}

}  // namespace polylateral::bench
