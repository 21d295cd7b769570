#ifndef POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_SERVICE_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_SERVICE_H_

#include "common/server/unary_dispatcher.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"
#include "services/accreditation/api/decision_metrics.h"
#include "services/accreditation/api/watch_streams.h"
#include "services/accreditation/api/webhooks.h"
#include "services/accreditation/domain/accreditor.h"

namespace polylateral::accreditation {

// The gRPC face of accreditation. Each method parses, calls the Accreditor, maps: no rule
// lives here. Threading, the access policy and status mapping are the dispatcher's.
class AccreditationService final : public v1::AccreditationService::CallbackService {
 public:
  // `watch` serves WatchEvents and `webhooks` the subscriptions: both owned by the app.
  AccreditationService(server::UnaryDispatcher* dispatcher, Accreditor* accreditor,
                       DecisionMetrics* metrics, WatchStreams* watch, Webhooks* webhooks)
      : dispatcher_(dispatcher),
        accreditor_(accreditor),
        metrics_(metrics),
        watch_(watch),
        webhooks_(webhooks) {}

  using Reactor = grpc::ServerUnaryReactor;
  using Ctx = grpc::CallbackServerContext;

#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp) \
  Reactor* Name(Ctx* c, const v1::Req* q, v1::Resp* r) override;
#include "services/accreditation/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

  grpc::ServerWriteReactor<v1::Event>* WatchEvents(Ctx* c,
                                                   const v1::WatchEventsRequest* q) override;

 private:
  using Call = server::CallContext;
#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp) \
  absl::Status Do##Name(const Call&, const v1::Req&, v1::Resp*);
#include "services/accreditation/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

  // Counts a decision the call itself made (the scheduler counts its own).
  void CountDecision(const Application& before_kind_source);

  server::UnaryDispatcher* const dispatcher_;
  Accreditor* const accreditor_;
  DecisionMetrics* const metrics_;
  WatchStreams* const watch_;
  Webhooks* const webhooks_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_SERVICE_H_
