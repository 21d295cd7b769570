#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_ACCREDITATION_GATE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_ACCREDITATION_GATE_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/server_context.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"
#include "polylateral/composition/v1/composition_service.pb.h"

namespace polylateral::composition {

// SolveRequest.accredited_only: asks the accreditation service (CheckAccess) about each
// candidate that is a registry stakeholder and leaves out those it does not allow, before
// the solver sees the pool. The solver itself never depends on accreditation.
class AccreditationGate final {
 public:
  // Per question, at most this long (and never past the incoming call's deadline).
  static constexpr absl::Duration kCheckTimeout = absl::Seconds(2);
  // Questions in flight at once.
  static constexpr int kInFlight = 32;

  // `address` empty: no accreditation service configured (accredited_only then fails with
  // FAILED_PRECONDITION ACCREDITATION_NOT_CONFIGURED).
  explicit AccreditationGate(const std::string& address);

  // `restricted` receives `request` with its pool restricted (a plain copy when
  // accredited_only is absent); `response` the dropped candidates. `ctx` may be null.
  // INVALID_ARGUMENT naming `accredited_only.process` or a candidate's id; UNAVAILABLE
  // (ACCREDITATION_UNAVAILABLE); CANCELLED.
  absl::Status Restrict(grpc::CallbackServerContext* ctx, const v1::SolveRequest& request,
                        v1::SolveRequest* restricted, v1::SolveResponse* response) const;

 private:
  std::unique_ptr<accreditation::v1::AccreditationService::Stub> stub_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_ACCREDITATION_GATE_H_
