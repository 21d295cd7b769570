#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_COMPOSITION_SERVICE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_COMPOSITION_SERVICE_H_

#include "common/base/clock.h"
#include "common/server/unary_dispatcher.h"
#include "polylateral/composition/v1/composition_service.grpc.pb.h"
#include "services/composition/api/solve_metrics.h"
#include "services/composition/api/stream_solve_reactor.h"
#include "services/composition/client/accreditation_gate.h"

namespace polylateral::composition {

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

  Reactor* Solve(Ctx* c, const v1::SolveRequest* q, v1::SolveResponse* r) override;
  grpc::ServerWriteReactor<v1::StreamSolveResponse>* StreamSolve(
      Ctx* c, const v1::SolveRequest* q) override;
  Reactor* DrawPanel(Ctx* c, const v1::DrawPanelRequest* q, v1::DrawPanelResponse* r) override;
  Reactor* CreateBody(Ctx* c, const v1::CreateBodyRequest* q, v1::Body* r) override;
  Reactor* GetBody(Ctx* c, const v1::GetBodyRequest* q, v1::Body* r) override;
  Reactor* CreateNomination(Ctx* c, const v1::CreateNominationRequest* q,
                            v1::Nomination* r) override;
  Reactor* ListNominations(Ctx* c, const v1::ListNominationsRequest* q,
                           v1::ListNominationsResponse* r) override;
  Reactor* DeleteNomination(Ctx* c, const v1::DeleteNominationRequest* q,
                            google::protobuf::Empty* r) override;
  Reactor* DrawBody(Ctx* c, const v1::DrawBodyRequest* q, v1::Body* r) override;
  Reactor* GetDelegation(Ctx* c, const v1::GetDelegationRequest* q, v1::Delegation* r) override;
  Reactor* ListDelegations(Ctx* c, const v1::ListDelegationsRequest* q,
                           v1::ListDelegationsResponse* r) override;
  Reactor* CreateDelegation(Ctx* c, const v1::CreateDelegationRequest* q,
                            v1::Delegation* r) override;
  Reactor* UpdateDelegation(Ctx* c, const v1::UpdateDelegationRequest* q,
                            v1::Delegation* r) override;
  Reactor* DeleteDelegation(Ctx* c, const v1::DeleteDelegationRequest* q,
                            google::protobuf::Empty* r) override;
  Reactor* GetOpennessReport(Ctx* c, const v1::GetOpennessReportRequest* q,
                             v1::OpennessReport* r) override;

 private:
  using Call = server::CallContext;
  // solve_handlers.cc
  absl::Status DoSolve(const Call&, const v1::SolveRequest&, v1::SolveResponse*);
  absl::Status DoDrawPanel(const Call&, const v1::DrawPanelRequest&, v1::DrawPanelResponse*);
  // body_handlers.cc
  absl::Status DoCreateBody(const Call&, const v1::CreateBodyRequest&, v1::Body*);
  absl::Status DoGetBody(const Call&, const v1::GetBodyRequest&, v1::Body*);
  absl::Status DoCreateNomination(const Call&, const v1::CreateNominationRequest&, v1::Nomination*);
  absl::Status DoListNominations(const Call&, const v1::ListNominationsRequest&,
                                 v1::ListNominationsResponse*);
  absl::Status DoDeleteNomination(const Call&, const v1::DeleteNominationRequest&,
                                  google::protobuf::Empty*);
  absl::Status DoDrawBody(const Call&, const v1::DrawBodyRequest&, v1::Body*);
  // delegation_handlers.cc
  absl::Status DoGetDelegation(const Call&, const v1::GetDelegationRequest&, v1::Delegation*);
  absl::Status DoListDelegations(const Call&, const v1::ListDelegationsRequest&,
                                 v1::ListDelegationsResponse*);
  absl::Status DoCreateDelegation(const Call&, const v1::CreateDelegationRequest&, v1::Delegation*);
  absl::Status DoUpdateDelegation(const Call&, const v1::UpdateDelegationRequest&, v1::Delegation*);
  absl::Status DoDeleteDelegation(const Call&, const v1::DeleteDelegationRequest&,
                                  google::protobuf::Empty*);
  absl::Status DoGetOpennessReport(const Call&, const v1::GetOpennessReportRequest&,
                                   v1::OpennessReport*);

  template <typename Req, typename Resp>
  Reactor* Dispatch(Ctx* ctx, const char* method, const Req* req, Resp* resp,
                    absl::Status (CompositionService::*handler)(const Call&, const Req&, Resp*)) {
    return dispatcher_->Run(ctx, method, req, resp,
                            [this, handler](const Call& call, const Req& r, Resp* out) {
                              return (this->*handler)(call, r, out);
                            });
  }

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
