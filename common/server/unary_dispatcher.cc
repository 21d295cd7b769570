#include "common/server/unary_dispatcher.h"

#include <chrono>

#include "absl/time/time.h"

namespace polylateral::server {

absl::StatusOr<CallContext> UnaryDispatcher::Begin(grpc::CallbackServerContext* ctx,
                                                   absl::string_view full_method) const {
  CallContext call;
  call.grpc_context = ctx;
  // gRPC reports "no deadline" as the far future of system_clock.
  auto deadline = ctx->deadline();
  if (deadline < std::chrono::system_clock::now() + std::chrono::hours(24 * 365 * 100)) {
    call.deadline = absl::FromChrono(deadline);
  }
  if (trust_principal_header_) {
    const auto& md = ctx->client_metadata();
    auto it = md.find(grpc::string_ref(kPrincipalHeader.data(), kPrincipalHeader.size()));
    if (it != md.end()) {
      auto principal = ParsePrincipal(absl::string_view(it->second.data(), it->second.size()));
      if (!principal.ok()) return principal.status();
      call.principal = std::move(*principal);
    }
  }
  if (absl::Status allowed = policy_->Check(full_method, call.principal); !allowed.ok()) {
    return allowed;
  }
  return call;
}

}  // namespace polylateral::server
