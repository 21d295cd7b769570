// The reactors: each method hands its handler to the dispatcher under its full path.
#include "services/accreditation/api/accreditation_service.h"

namespace polylateral::accreditation {

#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp)                                                 \
  AccreditationService::Reactor* AccreditationService::Name(Ctx* c, const v1::Req* q,             \
                                                            v1::Resp* r) {                        \
    return dispatcher_->Run(c, "/polylateral.accreditation.v1.AccreditationService/" #Name, q, r, \
                            [this](const Call& call, const v1::Req& req, v1::Resp* out) {         \
                              return Do##Name(call, req, out);                                    \
                            });                                                                   \
  }
#include "services/accreditation/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

grpc::ServerWriteReactor<v1::Event>* AccreditationService::WatchEvents(
    Ctx* c, const v1::WatchEventsRequest* q) {
  return watch_->Open(c, q);
}

void AccreditationService::CountDecision(const Application& a) {
  if (metrics_ != nullptr && IsTerminal(a.state) && a.state != AppState::kWithdrawn) {
    const char* outcome = a.state == AppState::kApproved   ? "approved"
                          : a.state == AppState::kRejected ? "rejected"
                                                           : "closed";
    metrics_->Decision(RouteKindName(a.rule.kind), outcome);
  }
}

}  // namespace polylateral::accreditation
