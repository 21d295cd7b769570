#include "common/edge/admission.h"

#include <chrono>
#include <utility>

namespace polylateral::edge {
namespace {
thread_local const CallContext* current_call = nullptr;
}  // namespace

absl::Time DeadlineOf(const grpc::ServerContextBase& ctx) {
  // gRPC reports "no deadline" as the far future of system_clock.
  auto deadline = ctx.deadline();
  if (deadline < std::chrono::system_clock::now() + std::chrono::hours(24 * 365 * 100)) {
    return absl::FromChrono(deadline);
  }
  return absl::InfiniteFuture();
}

absl::StatusOr<CallContext> Admission::Admit(grpc::CallbackServerContext* ctx,
                                             absl::string_view full_method) const {
  absl::StatusOr<Caller> caller = ResolveCaller(*ctx, identity_);
  if (!caller.ok()) return caller.status();
  CallContext call;
  call.grpc_context = ctx;
  call.deadline = DeadlineOf(*ctx);
  call.principal = std::move(caller->principal);
  call.forwarder = std::move(caller->forwarder);
  if (absl::Status allowed = policy_->Check(full_method, call.principal); !allowed.ok()) {
    return allowed;
  }
  return call;
}

const CallContext* CurrentCall() { return current_call; }

ScopedCall::ScopedCall(const CallContext* call) : previous_(current_call) { current_call = call; }

ScopedCall::~ScopedCall() { current_call = previous_; }

}  // namespace polylateral::edge
