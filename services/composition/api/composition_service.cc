#include "services/composition/api/composition_service.h"

// Method paths for the access policy and metrics.
#define POLYLATERAL_COMPOSITION_METHOD(name) "/polylateral.composition.v1.CompositionService/" #name

namespace polylateral::composition {

CompositionService::Reactor* CompositionService::Solve(Ctx* c, const v1::SolveRequest* q,
                                                       v1::SolveResponse* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(Solve), q, r, &CompositionService::DoSolve);
}

grpc::ServerWriteReactor<v1::StreamSolveResponse>* CompositionService::StreamSolve(
    Ctx* c, const v1::SolveRequest* q) {
  return new StreamSolveReactor(c, q, stream_env_);  // deletes itself in OnDone
}

CompositionService::Reactor* CompositionService::DrawPanel(Ctx* c, const v1::DrawPanelRequest* q,
                                                           v1::DrawPanelResponse* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(DrawPanel), q, r,
                  &CompositionService::DoDrawPanel);
}

CompositionService::Reactor* CompositionService::CreateBody(Ctx* c, const v1::CreateBodyRequest* q,
                                                            v1::Body* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(CreateBody), q, r,
                  &CompositionService::DoCreateBody);
}

CompositionService::Reactor* CompositionService::GetBody(Ctx* c, const v1::GetBodyRequest* q,
                                                         v1::Body* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(GetBody), q, r, &CompositionService::DoGetBody);
}

CompositionService::Reactor* CompositionService::CreateNomination(
    Ctx* c, const v1::CreateNominationRequest* q, v1::Nomination* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(CreateNomination), q, r,
                  &CompositionService::DoCreateNomination);
}

CompositionService::Reactor* CompositionService::ListNominations(
    Ctx* c, const v1::ListNominationsRequest* q, v1::ListNominationsResponse* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(ListNominations), q, r,
                  &CompositionService::DoListNominations);
}

CompositionService::Reactor* CompositionService::DeleteNomination(
    Ctx* c, const v1::DeleteNominationRequest* q, google::protobuf::Empty* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(DeleteNomination), q, r,
                  &CompositionService::DoDeleteNomination);
}

CompositionService::Reactor* CompositionService::DrawBody(Ctx* c, const v1::DrawBodyRequest* q,
                                                          v1::Body* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(DrawBody), q, r,
                  &CompositionService::DoDrawBody);
}

CompositionService::Reactor* CompositionService::GetDelegation(Ctx* c,
                                                               const v1::GetDelegationRequest* q,
                                                               v1::Delegation* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(GetDelegation), q, r,
                  &CompositionService::DoGetDelegation);
}

CompositionService::Reactor* CompositionService::ListDelegations(
    Ctx* c, const v1::ListDelegationsRequest* q, v1::ListDelegationsResponse* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(ListDelegations), q, r,
                  &CompositionService::DoListDelegations);
}

CompositionService::Reactor* CompositionService::CreateDelegation(
    Ctx* c, const v1::CreateDelegationRequest* q, v1::Delegation* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(CreateDelegation), q, r,
                  &CompositionService::DoCreateDelegation);
}

CompositionService::Reactor* CompositionService::UpdateDelegation(
    Ctx* c, const v1::UpdateDelegationRequest* q, v1::Delegation* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(UpdateDelegation), q, r,
                  &CompositionService::DoUpdateDelegation);
}

CompositionService::Reactor* CompositionService::DeleteDelegation(
    Ctx* c, const v1::DeleteDelegationRequest* q, google::protobuf::Empty* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(DeleteDelegation), q, r,
                  &CompositionService::DoDeleteDelegation);
}

CompositionService::Reactor* CompositionService::GetOpennessReport(
    Ctx* c, const v1::GetOpennessReportRequest* q, v1::OpennessReport* r) {
  return Dispatch(c, POLYLATERAL_COMPOSITION_METHOD(GetOpennessReport), q, r,
                  &CompositionService::DoGetOpennessReport);
}

}  // namespace polylateral::composition
