#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_CPU_CLOCK_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_CPU_CLOCK_H_

#include <ctime>

namespace polylateral::composition {

// CPU seconds of the calling thread: where a solve spends its time, undistorted by other
// work on a shared machine (wall time there can be ten times the CPU time).
inline double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_CPU_CLOCK_H_
