#ifndef POLYLATERAL_COMMON_SERVER_WORKER_POOL_H_
#define POLYLATERAL_COMMON_SERVER_WORKER_POOL_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace polylateral::server {

// A fixed set of threads with a bounded queue, where handlers do their blocking work (hiredis
// calls block) so that gRPC's callback threads never wait on Redis. A full queue refuses new
// work at once (the caller answers RESOURCE_EXHAUSTED) rather than letting latency grow
// without bound.
class WorkerPool final {
 public:
  WorkerPool(int threads, int max_queue);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the queue is full or the pool is shutting down; the task is then not run.
  bool TrySubmit(std::function<void()> task);
  // Runs what is queued, then joins the threads. Idempotent.
  void Shutdown();
  int queued() const;
  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void Loop();

  const int max_queue_;
  mutable absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_WORKER_POOL_H_
