#ifndef POLYLATERAL_SERVICES_COMPOSITION_CLIENT_ACCREDITATION_GATE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_CLIENT_ACCREDITATION_GATE_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/edge/outgoing_call.h"
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

  // `target` empty: no accreditation service configured (accredited_only then fails with
  // FAILED_PRECONDITION ACCREDITATION_NOT_CONFIGURED).
  AccreditationGate(edge::OutgoingOptions outgoing, const std::string& target);

  // `restricted` receives `request` with its pool restricted (a plain copy when
  // accredited_only is absent); `response` the dropped candidates. Questions inherit the
  // current incoming call's deadline and cancellation (edge::CurrentCall).
  // INVALID_ARGUMENT naming `accredited_only.process` or a candidate's id; UNAVAILABLE
  // (ACCREDITATION_UNAVAILABLE); CANCELLED.
  absl::Status Restrict(const v1::SolveRequest& request, v1::SolveRequest* restricted,
                        v1::SolveResponse* response) const;

 private:
  const edge::OutgoingOptions outgoing_;
  std::unique_ptr<accreditation::v1::AccreditationService::Stub> stub_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_CLIENT_ACCREDITATION_GATE_H_
