#ifndef POLYLATERAL_COMMON_TESTING_WAIT_FOR_H_
#define POLYLATERAL_COMMON_TESTING_WAIT_FOR_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace polylateral::testing {

// Polls `done` every 50 ms until it holds (true) or `timeout` passes (false): tests wait on a
// bounded condition, never a fixed sleep.
template <typename Pred>
bool WaitFor(absl::Duration timeout, Pred done) {
  const absl::Time until = absl::Now() + timeout;
  while (!done()) {
    if (absl::Now() > until) return false;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return true;
}

}  // namespace polylateral::testing

#endif  // POLYLATERAL_COMMON_TESTING_WAIT_FOR_H_
