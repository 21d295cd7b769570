// The reactors: each unary method hands its handler to the dispatcher under its full path;
// StreamSolve has its own reactor.
#include "services/composition/api/composition_service.h"

namespace polylateral::composition {

#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp)                                                \
  CompositionService::Reactor* CompositionService::Name(Ctx* c, const v1::Req* q, v1::Resp* r) { \
    return dispatcher_->Run(c, "/polylateral.composition.v1.CompositionService/" #Name, q, r,    \
                            [this](const Call& call, const v1::Req& req, v1::Resp* out) {        \
                              return Do##Name(call, req, out);                                   \
                            });                                                                  \
  }
#include "services/composition/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

grpc::ServerWriteReactor<v1::StreamSolveResponse>* CompositionService::StreamSolve(
    Ctx* c, const v1::SolveRequest* q) {
  return new StreamSolveReactor(c, q, stream_env_);  // deletes itself in OnDone
}

}  // namespace polylateral::composition
