#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_LIMITS_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_LIMITS_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace polylateral::composition {

// When a solve must give up: the caller's deadline, or a cancellation check (the gRPC
// service passes `context->IsCancelled()`). Both are polled between solver iterations, inside
// CLP's simplex iterations and inside CBC's branch and bound, so a long solve stops within a
// few milliseconds.
struct SolveLimits {
  absl::Time deadline = absl::InfiniteFuture();
  std::function<bool()> cancelled;  // may be empty

  // gRPC marks a call cancelled when its deadline passes, and the client's own deadline timer
  // (whose cancellation reaches the server) fires within transit time of the server's: a stop
  // this close to the deadline is the deadline's, not the client's choice.
  static constexpr absl::Duration kDeadlineGrace = absl::Milliseconds(50);

  bool Expired() const { return absl::Now() >= deadline || (cancelled && cancelled()); }
  // DEADLINE_EXCEEDED once the deadline has (all but) passed, CANCELLED when the caller
  // cancelled before it (call when Expired()).
  absl::Status StopStatus() const {
    if (absl::Now() < deadline - kDeadlineGrace && cancelled && cancelled()) {
      return absl::CancelledError("composition solve cancelled");
    }
    return absl::DeadlineExceededError("composition solve passed its deadline");
  }
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SOLVE_LIMITS_H_
