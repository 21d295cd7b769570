#ifndef POLYLATERAL_COMMON_SERVER_UNARY_DISPATCHER_H_
#define POLYLATERAL_COMMON_SERVER_UNARY_DISPATCHER_H_

#include <exception>
#include <functional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/base/errors.h"
#include "common/base/principal.h"
#include "common/edge/admission.h"
#include "common/server/status_mapping.h"
#include "common/server/worker_pool.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"

namespace polylateral::server {

using edge::CallContext;

// The one adapter between gRPC's callback API and handlers of the shape
//   absl::Status Handler(const CallContext&, const Req&, Resp*);
// It admits the call (edge::Admission: the caller, the access policy), runs the handler on
// the worker pool (handlers block on Redis), maps the status, and finishes every call exactly once:
// on refusal, on a full queue, on an expired deadline, on cancellation, and on an exception.
class UnaryDispatcher final {
 public:
  // `error_domain`: "polylateral.<service>". Pool and admission must outlive the dispatcher.
  UnaryDispatcher(std::string error_domain, WorkerPool* pool, const edge::Admission* admission)
      : domain_(std::move(error_domain)), pool_(pool), admission_(admission) {}

  template <typename Req, typename Resp, typename Handler>
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* ctx, absl::string_view full_method,
                                const Req* req, Resp* resp, Handler handler) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    absl::StatusOr<CallContext> call = Begin(ctx, full_method);
    if (!call.ok()) {
      reactor->Finish(ToGrpcStatus(call.status(), domain_));
      return reactor;
    }
    bool accepted = pool_->TrySubmit(
        [this, reactor, ctx, req, resp, full_method, call = std::move(*call), handler]() mutable {
          absl::Status status;
          if (ctx->IsCancelled()) {
            status = absl::CancelledError("call cancelled before it ran");
          } else if (absl::Now() > call.deadline) {
            status = absl::DeadlineExceededError("deadline passed while the call was queued");
          } else {
            try {
              edge::ScopedCall scope(&call);
              if (before_handler_) status = before_handler_(call.principal, full_method);
              if (status.ok()) status = handler(static_cast<const CallContext&>(call), *req, resp);
            } catch (const std::exception& e) {
              status = absl::InternalError(std::string("unhandled exception: ") + e.what());
            }
          }
          reactor->Finish(ToGrpcStatus(status, domain_));
        });
    if (!accepted) {
      reactor->Finish(ToGrpcStatus(
          ResourceExhausted("SERVER_BUSY", "the service's work queue is full; retry later"),
          domain_));
    }
    return reactor;
  }

  const std::string& domain() const { return domain_; }
  // The workers, for server streams that run blocking steps (Redis reads) off the reactor.
  WorkerPool* pool() const { return pool_; }

  // Runs on the worker just before each unary handler; a refusal finishes the call in its
  // place (ServiceHost sets the write rate limit here). Set before the server starts.
  // `full_method` names a static string: Run is always called with a literal.
  using BeforeHandler =
      std::function<absl::Status(const Principal& caller, absl::string_view full_method)>;
  void set_before_handler(BeforeHandler hook) { before_handler_ = std::move(hook); }

  // Run's first step, public for the handlers that are not unary (server streams) and
  // finish their calls themselves.
  absl::StatusOr<CallContext> Begin(grpc::CallbackServerContext* ctx,
                                    absl::string_view full_method) const {
    return admission_->Admit(ctx, full_method);
  }

 private:
  const std::string domain_;
  WorkerPool* const pool_;
  const edge::Admission* const admission_;
  BeforeHandler before_handler_;
};

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_UNARY_DISPATCHER_H_
