#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_STREAM_SOLVE_REACTOR_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_STREAM_SOLVE_REACTOR_H_

#include <deque>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "common/edge/admission.h"
#include "common/server/stream_slots.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "polylateral/composition/v1/composition_service.pb.h"
#include "services/composition/api/solve_metrics.h"
#include "services/composition/client/accreditation_gate.h"

namespace polylateral::composition {

// What every StreamSolve call shares: the admission (caller and access policy), the solve
// metrics, the largest pool, and the slots of concurrent streamed solves, in all and per
// caller (each takes a thread and up to a core, so they are bounded, not queued).
struct StreamSolveEnv {
  const edge::Admission* admission = nullptr;
  SolveMetrics* metrics = nullptr;
  const AccreditationGate* accreditation = nullptr;  // for SolveRequest.accredited_only
  int max_pool_size = 20000;
  server::StreamSlots* slots = nullptr;
};

// One StreamSolve call. The solve runs on its own thread (never on gRPC's reactor threads);
// progress messages go out one write at a time, a newer progress replacing one not yet sent,
// so a slow reader never queues more than two messages; the result is written last, and the
// call finishes exactly once: after the last write, or at once when a write fails (the
// client went away, which also stops the solve through IsCancelled). OnDone joins the thread
// before the reactor deletes itself.
class StreamSolveReactor final : public grpc::ServerWriteReactor<v1::StreamSolveResponse> {
 public:
  StreamSolveReactor(grpc::CallbackServerContext* ctx, const v1::SolveRequest* request,
                     StreamSolveEnv* env);

  void OnWriteDone(bool ok) override;
  void OnCancel() override {}
  void OnDone() override;

 private:
  void Run();
  // Called by the solve thread.
  void Post(v1::StreamSolveResponse message, bool is_progress);
  void Complete(const grpc::Status& status);
  // With mu_ held: starts the next write, or finishes when nothing is left and the solve is
  // over. Returns true when the caller must call Finish(final_) after unlocking.
  bool Advance() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  grpc::CallbackServerContext* const ctx_;
  const v1::SolveRequest* const request_;
  StreamSolveEnv* const env_;
  edge::CallContext call_;
  std::thread worker_;
  server::StreamSlots::Slot slot_;  // freed when the reactor is deleted

  absl::Mutex mu_;
  std::deque<v1::StreamSolveResponse> pending_ ABSL_GUARDED_BY(mu_);
  bool back_is_progress_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
  bool solve_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status final_ ABSL_GUARDED_BY(mu_);
  v1::StreamSolveResponse current_;  // the message being written (one at a time)
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_STREAM_SOLVE_REACTOR_H_
