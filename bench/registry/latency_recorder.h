#ifndef POLYLATERAL_BENCH_REGISTRY_LATENCY_RECORDER_H_
#define POLYLATERAL_BENCH_REGISTRY_LATENCY_RECORDER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace polylateral::bench {

// Every call's latency, kept whole (a few million int64 at most), so percentiles are exact
// rather than bucketed.
class LatencyRecorder final {
 public:
  void Record(int64_t nanos) { samples_.push_back(nanos); }
  size_t count() const { return samples_.size(); }
  // q in [0, 1]; microseconds. Sorts on first use.
  double PercentileMicros(double q);

 private:
  std::vector<int64_t> samples_;
  bool sorted_ = false;
};

}  // namespace polylateral::bench

#endif  // POLYLATERAL_BENCH_REGISTRY_LATENCY_RECORDER_H_
