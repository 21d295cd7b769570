#include "services/composition/api/stream_solve_reactor.h"

#include <chrono>
#include <utility>

#include "absl/time/time.h"
#include "common/base/errors.h"
#include "common/server/status_mapping.h"
#include "services/composition/api/pool_limit.h"
#include "services/composition/api/solve_runner.h"

namespace polylateral::composition {
namespace {

constexpr absl::string_view kDomain = "polylateral.composition";
constexpr absl::string_view kMethod = "/polylateral.composition.v1.CompositionService/StreamSolve";

enum class Action { kNone, kWrite, kFinish };

}  // namespace

StreamSolveReactor::StreamSolveReactor(grpc::CallbackServerContext* ctx,
                                       const v1::SolveRequest* request, StreamSolveEnv* env)
    : ctx_(ctx), request_(request), env_(env) {
  absl::StatusOr<edge::CallContext> admitted = env->admission->Admit(ctx, kMethod);
  if (!admitted.ok()) {
    Finish(server::ToGrpcStatus(admitted.status(), kDomain));
    return;
  }
  call_ = *std::move(admitted);
  if (absl::Status s =
          CheckPoolSize(request->pool().candidates_size(), env_->max_pool_size, "pool.candidates");
      !s.ok()) {
    Finish(server::ToGrpcStatus(s, kDomain));
    return;
  }
  absl::StatusOr<server::StreamSlots::Slot> slot = env_->slots->Acquire(call_.principal);
  if (!slot.ok()) {
    Finish(server::ToGrpcStatus(slot.status(), kDomain));
    return;
  }
  slot_ = *std::move(slot);
  worker_ = std::thread([this] { Run(); });
}

void StreamSolveReactor::Run() {
  SolveLimits limits;
  edge::ScopedCall scope(&call_);
  limits.deadline = call_.deadline;
  limits.cancelled = [this] { return ctx_->IsCancelled(); };
  ProgressCallback progress = [this](const LeximinProgress& p) {
    v1::StreamSolveResponse msg;
    v1::SolveProgress* out = msg.mutable_progress();
    out->set_stage(p.stage);
    out->set_iteration(p.iteration);
    out->set_columns(p.columns);
    out->set_fixed_types(p.fixed_types);
    out->set_min_probability(p.min_probability);
    Post(std::move(msg), /*is_progress=*/true);
  };
  v1::StreamSolveResponse result;
  absl::Status status;
  try {
    v1::SolveRequest restricted;
    status = CheckSolveFields(*request_);
    if (status.ok()) {
      status = env_->accreditation->Restrict(*request_, &restricted, result.mutable_result());
    }
    if (status.ok()) {
      status = RunSolve(restricted, limits, progress, env_->metrics, result.mutable_result());
    }
  } catch (const std::exception& e) {
    status = absl::InternalError(std::string("unhandled exception: ") + e.what());
  }
  if (status.ok()) Post(std::move(result), /*is_progress=*/false);
  Complete(server::ToGrpcStatus(status, kDomain));
}

void StreamSolveReactor::Post(v1::StreamSolveResponse message, bool is_progress) {
  bool write = false;
  {
    absl::MutexLock lock(&mu_);
    if (broken_) return;
    if (is_progress && back_is_progress_ && !pending_.empty()) {
      pending_.back() = std::move(message);  // the newer progress supersedes the unsent one
    } else {
      pending_.push_back(std::move(message));
    }
    back_is_progress_ = is_progress;
    write = Advance();
  }
  if (write) StartWrite(&current_);
}

void StreamSolveReactor::Complete(const grpc::Status& status) {
  grpc::Status final_status;
  bool act = false;
  bool finish = false;
  {
    absl::MutexLock lock(&mu_);
    solve_done_ = true;
    final_ = status;
    act = Advance();
    finish = act && finished_;
    final_status = final_;
  }
  if (finish) {
    Finish(final_status);  // the solve thread's last touch of `this`
  } else if (act) {
    StartWrite(&current_);
  }
}

void StreamSolveReactor::OnWriteDone(bool ok) {
  grpc::Status final_status;
  bool act = false;
  bool finish = false;
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) {
      broken_ = true;  // the stream is gone; drop what is queued
      pending_.clear();
    }
    act = Advance();
    finish = act && finished_;
    final_status = final_;
  }
  if (finish) {
    Finish(final_status);
  } else if (act) {
    StartWrite(&current_);
  }
}

bool StreamSolveReactor::Advance() {
  if (writing_ || finished_) return false;
  if (!broken_ && !pending_.empty()) {
    current_ = std::move(pending_.front());
    pending_.pop_front();
    if (pending_.empty()) back_is_progress_ = false;
    writing_ = true;
    return true;
  }
  if (solve_done_) {
    finished_ = true;
    return true;
  }
  return false;
}

void StreamSolveReactor::OnDone() {
  if (worker_.joinable()) {
    if (worker_.get_id() == std::this_thread::get_id()) {
      worker_.detach();  // OnDone ran inline on the solve thread, which touches nothing after
    } else {
      worker_.join();
    }
  }
  delete this;
}

}  // namespace polylateral::composition
