#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_LIMITS_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_LIMITS_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace polylateral::composition {

// When a solve must give up: the caller's deadline, or a cancellation check (the gRPC
// service passes `context->IsCancelled()`). Both are polled between solver iterations and
// inside CBC's branch and bound, so a long solve stops within a few milliseconds.
struct SolveLimits {
  absl::Time deadline = absl::InfiniteFuture();
  std::function<bool()> cancelled;  // may be empty

  bool Expired() const { return absl::Now() >= deadline || (cancelled && cancelled()); }
  // DEADLINE_EXCEEDED or CANCELLED, whichever applies (call when Expired()).
  absl::Status StopStatus() const {
    if (cancelled && cancelled()) return absl::CancelledError("composition solve cancelled");
    return absl::DeadlineExceededError("composition solve passed its deadline");
  }
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_LIMITS_H_
