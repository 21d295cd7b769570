// The reactors: each method hands its handler to the dispatcher under its full path.
#include "services/routing/api/routing_service.h"

namespace polylateral::routing {

#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp)                                         \
  RoutingService::Reactor* RoutingService::Name(Ctx* c, const v1::Req* q, v1::Resp* r) {  \
    return dispatcher_->Run(c, "/polylateral.routing.v1.RoutingService/" #Name, q, r,     \
                            [this](const Call& call, const v1::Req& req, v1::Resp* out) { \
                              return Do##Name(call, req, out);                            \
                            });                                                           \
  }
#include "services/routing/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

grpc::ServerWriteReactor<v1::Delivery>* RoutingService::StreamInbox(
    Ctx* c, const v1::StreamInboxRequest* q) {
  return streams_.Open(c, q);
}

grpc::ServerWriteReactor<v1::RoutingEvent>* RoutingService::WatchEvents(
    Ctx* c, const v1::WatchEventsRequest* q) {
  return watches_->Open(c, q);
}

}  // namespace polylateral::routing
