#ifndef POLYLATERAL_COMMON_EDGE_ADMISSION_H_
#define POLYLATERAL_COMMON_EDGE_ADMISSION_H_

// The one gate every incoming call passes, unary or streaming: resolve the caller from the
// transport, read the deadline, and apply the method-level access policy.

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/base/principal.h"
#include "common/edge/access_policy.h"
#include "common/edge/identity.h"
#include "grpcpp/server_context.h"

namespace polylateral::edge {

// What a handler knows about its call besides the request.
struct CallContext {
  Principal principal;
  // Set when a trusted forwarder called on `principal`'s behalf.
  std::optional<Principal> forwarder;
  // absl::InfiniteFuture() when the caller set none.
  absl::Time deadline = absl::InfiniteFuture();
  // For outgoing calls that inherit the deadline and cancellation.
  grpc::CallbackServerContext* grpc_context = nullptr;
};

class Admission final {
 public:
  // `policy` must outlive the admission.
  Admission(IdentityOptions identity, const server::AccessPolicy* policy)
      : identity_(std::move(identity)), policy_(policy) {}

  // The call's context, or PERMISSION_DENIED (malformed identity, or the policy refuses).
  absl::StatusOr<CallContext> Admit(grpc::CallbackServerContext* ctx,
                                    absl::string_view full_method) const;

  const IdentityOptions& identity() const { return identity_; }

 private:
  const IdentityOptions identity_;
  const server::AccessPolicy* const policy_;
};

// The deadline of an incoming call; absl::InfiniteFuture() when it has none.
absl::Time DeadlineOf(const grpc::ServerContextBase& ctx);

// The call the current thread works for, so that outgoing calls made deep inside a handler
// inherit its deadline and cancellation without every port threading a gRPC context through
// the domain. Set for the duration of a handler by ScopedCall.
const CallContext* CurrentCall();

class ScopedCall final {
 public:
  explicit ScopedCall(const CallContext* call);
  ~ScopedCall();
  ScopedCall(const ScopedCall&) = delete;
  ScopedCall& operator=(const ScopedCall&) = delete;

 private:
  const CallContext* const previous_;
};

}  // namespace polylateral::edge

#endif  // POLYLATERAL_COMMON_EDGE_ADMISSION_H_
