#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_DUE_SCHEDULER_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_DUE_SCHEDULER_H_

#include <functional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/base/clock.h"
#include "common/redis/redis_client.h"

namespace polylateral::accreditation {

struct SchedulerOptions {
  // How often the schedule is polled when nothing was due.
  absl::Duration poll_interval = absl::Milliseconds(200);
  // Most entries one script call takes; a poll that leaves entries due is followed by an
  // immediate re-poll.
  int batch = 500;
  // How long one script call may run before it stops taking further chunks of entries (it
  // finishes the chunk in hand): Redis serves nobody else while a script runs.
  absl::Duration script_budget = absl::Milliseconds(5);
  // Called per poll with each kind of decision made and how many ("NON_OBJECTION",
  // "approved", 120), and with the entries still due after each poll; from the scheduler
  // thread. May be empty.
  std::function<void(const std::string& kind, const std::string& outcome, int64_t n)> on_decision;
  std::function<void(int64_t backlog)> on_backlog;
};

// Executes the durable schedule ({acc}:due): every replica runs one; each poll is one
// due_claim script call that takes and executes up to `batch` due entries (time-boxed)
// atomically, so an
// entry runs exactly once across replicas and restarts. Time comes from the Clock, so tests
// with a FakeClock call Tick() instead of starting the thread.
class DueScheduler final {
 public:
  DueScheduler(redis::RedisClient* redis, const Clock* clock, SchedulerOptions options);
  ~DueScheduler();
  DueScheduler(const DueScheduler&) = delete;
  DueScheduler& operator=(const DueScheduler&) = delete;

  void Start();
  // Stops the thread after its current poll. Idempotent.
  void Stop();
  // Runs polls until nothing is due at the clock's now; returns the entries taken.
  absl::StatusOr<int> Tick();

 private:
  absl::StatusOr<bool> PollOnce(int* taken);  // true when entries are still due
  void Loop();

  redis::RedisClient* const redis_;
  const Clock* const clock_;
  const SchedulerOptions options_;
  redis::RedisScript claim_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_DUE_SCHEDULER_H_
