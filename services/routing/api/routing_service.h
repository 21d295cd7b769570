#ifndef POLYLATERAL_SERVICES_ROUTING_API_ROUTING_SERVICE_H_
#define POLYLATERAL_SERVICES_ROUTING_API_ROUTING_SERVICE_H_

#include "common/base/clock.h"
#include "common/server/unary_dispatcher.h"
#include "polylateral/routing/v1/routing_service.grpc.pb.h"
#include "services/routing/api/event_watch.h"
#include "services/routing/api/inbox_stream.h"
#include "services/routing/api/routing_metrics.h"
#include "services/routing/domain/input_router.h"
#include "services/routing/domain/registry_lookup.h"
#include "services/routing/domain/state_facts_rules.h"
#include "services/routing/store/carried_store.h"
#include "services/routing/store/dead_letter_store.h"
#include "services/routing/store/redis_routing_store.h"

namespace polylateral::routing {

namespace v1 {
// methods.inc names every message in v1; DeleteRelay answers google.protobuf.Empty.
using Empty = ::google::protobuf::Empty;
}  // namespace v1

struct InboxOptions {
  absl::Duration visibility_timeout = absl::Seconds(30);
  int max_deliveries = 5;
  StreamOptions stream;
};

// Limits on a state's own routing facts.
struct StateFactsOptions {
  // --max_relays_per_state: relays one state may declare at a time.
  int max_relays_per_state = kDefaultMaxRelaysPerState;
};

// The gRPC face of routing. Each method parses, calls the router or the store, maps.
// Threading, the access policy and status mapping are the dispatcher's.
class RoutingService final : public v1::RoutingService::CallbackService {
 public:
  RoutingService(server::UnaryDispatcher* dispatcher, InputRouter* router, RedisRoutingStore* store,
                 RedisCarriedStore* carried, RedisDeadLetterStore* dead_letters,
                 RegistryLookup* registry, const Clock* clock, RoutingMetrics* metrics,
                 InboxOptions inbox, StateFactsOptions state_facts, EventWatches* watches)
      : dispatcher_(dispatcher),
        router_(router),
        registry_(registry),
        store_(store),
        carried_(carried),
        dead_letters_(dead_letters),
        clock_(clock),
        metrics_(metrics),
        inbox_(inbox),
        state_facts_(state_facts),
        watches_(watches),
        streams_(dispatcher, store, registry, clock, metrics,
                 PullOptions{"default", 10, inbox.visibility_timeout, inbox.max_deliveries},
                 inbox.stream) {}

  using Reactor = grpc::ServerUnaryReactor;
  using Ctx = grpc::CallbackServerContext;

#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp) \
  Reactor* Name(Ctx* c, const v1::Req* q, v1::Resp* r) override;
#include "services/routing/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

  grpc::ServerWriteReactor<v1::Delivery>* StreamInbox(Ctx* c,
                                                      const v1::StreamInboxRequest* q) override;
  // Routing's change feed (event_watch.h).
  grpc::ServerWriteReactor<v1::RoutingEvent>* WatchEvents(Ctx* c,
                                                          const v1::WatchEventsRequest* q) override;
  int open_streams() const { return streams_.open_streams(); }
  int open_watches() const { return watches_->open_watches(); }
  // Ends the open StreamInbox streams for shutdown (InboxStreams::Stop).
  void StopStreams() { streams_.Stop(); }

 private:
  using Call = server::CallContext;
#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp) \
  absl::Status Do##Name(const Call&, const v1::Req&, v1::Resp*);
#include "services/routing/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

  server::UnaryDispatcher* const dispatcher_;
  InputRouter* const router_;
  RegistryLookup* const registry_;
  RedisRoutingStore* const store_;
  RedisCarriedStore* const carried_;
  RedisDeadLetterStore* const dead_letters_;
  const Clock* const clock_;
  RoutingMetrics* const metrics_;
  const InboxOptions inbox_;
  const StateFactsOptions state_facts_;
  EventWatches* const watches_;
  InboxStreams streams_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_ROUTING_SERVICE_H_
