#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_COMPOSITION_SERVICE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_COMPOSITION_SERVICE_H_

#include "common/base/clock.h"
#include "common/server/unary_dispatcher.h"
#include "polylateral/composition/v1/composition_service.grpc.pb.h"
#include "services/composition/api/solve_metrics.h"
#include "services/composition/api/stream_solve_reactor.h"
#include "services/composition/client/accreditation_gate.h"

namespace polylateral::composition {

namespace v1 {
// methods.inc names every message in v1; the Delete methods answer google.protobuf.Empty.
using Empty = ::google::protobuf::Empty;
}  // namespace v1

class DelegationBook;  // services/composition/delegation
class BodyStore;       // services/composition/bodies/body_store.h
class RegistryClient;  // services/composition/client/registry_client.h

// The gRPC face of the composition service. Unary methods parse, call the solver, the
// delegation rules or the body rules, and map, through the shared UnaryDispatcher; StreamSolve has
// its own reactor (stream_solve_reactor.h). No rule lives here.
class CompositionService final : public v1::CompositionService::CallbackService {
 public:
  CompositionService(server::UnaryDispatcher* dispatcher, SolveMetrics* metrics,
                     StreamSolveEnv* stream_env, DelegationBook* delegations, BodyStore* bodies,
                     RegistryClient* registry, const AccreditationGate* accreditation,
                     const Clock* clock, int max_pool_size)
      : dispatcher_(dispatcher),
        metrics_(metrics),
        stream_env_(stream_env),
        delegations_(delegations),
        bodies_(bodies),
        registry_(registry),
        accreditation_(accreditation),
        clock_(clock),
        max_pool_size_(max_pool_size) {}

  using Reactor = grpc::ServerUnaryReactor;
  using Ctx = grpc::CallbackServerContext;

#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp) \
  Reactor* Name(Ctx* c, const v1::Req* q, v1::Resp* r) override;
#include "services/composition/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

  grpc::ServerWriteReactor<v1::StreamSolveResponse>* StreamSolve(
      Ctx* c, const v1::SolveRequest* q) override;

 private:
  using Call = server::CallContext;
  // Handlers, one per method, in solve_handlers.cc, body_handlers.cc and
  // delegation_handlers.cc.
#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp) \
  absl::Status Do##Name(const Call&, const v1::Req&, v1::Resp*);
#include "services/composition/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

  server::UnaryDispatcher* const dispatcher_;
  SolveMetrics* const metrics_;
  StreamSolveEnv* const stream_env_;
  DelegationBook* const delegations_;
  BodyStore* const bodies_;
  RegistryClient* const registry_;
  const AccreditationGate* const accreditation_;
  const Clock* const clock_;
  const int max_pool_size_;  // pool_limit.h
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_COMPOSITION_SERVICE_H_
