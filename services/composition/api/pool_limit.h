#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_POOL_LIMIT_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_POOL_LIMIT_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace polylateral::composition {

// The one check of the largest pool the service solves (--max_pool_size). Solving is public
// and its cost grows with the pool, so every entry point (Solve, StreamSolve, DrawPanel's
// problem, DrawBody's nominations) asks this first, before any solving or call to another
// service. RESOURCE_EXHAUSTED, reason POOL_TOO_LARGE, naming `field` and both numbers.
absl::Status CheckPoolSize(int candidates, int max_pool_size, absl::string_view field);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_POOL_LIMIT_H_
