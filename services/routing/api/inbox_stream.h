#ifndef POLYLATERAL_SERVICES_ROUTING_API_INBOX_STREAM_H_
#define POLYLATERAL_SERVICES_ROUTING_API_INBOX_STREAM_H_

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/base/clock.h"
#include "common/server/stream_slots.h"
#include "common/server/unary_dispatcher.h"
#include "grpcpp/support/server_callback.h"
#include "polylateral/routing/v1/routing_service.pb.h"
#include "services/routing/api/routing_metrics.h"
#include "services/routing/domain/registry_lookup.h"
#include "services/routing/store/redis_routing_store.h"

namespace polylateral::routing {

struct StreamOptions {
  // How often an idle stream asks its inbox again (the added delivery lag when idle).
  absl::Duration poll_interval = absl::Milliseconds(50);
  // Open streams at once, all callers together and per principal; each holds a thread while
  // open. More: RESOURCE_EXHAUSTED TOO_MANY_STREAMS.
  int max_streams = 64;
  int max_streams_per_principal = 8;
};

// StreamInbox: a destination's deliveries as a server stream. Each stream runs on its own
// thread (bounded by max_streams, and per caller): it pulls as PullInbox does (so redelivery after
// the visibility timeout and dead-lettering work the same), writes one delivery at a time, waits
// poll_interval when the inbox is empty, and stops on the caller's cancellation, its
// deadline, server shutdown (Stop: UNAVAILABLE SHUTTING_DOWN) or a Redis failure (UNAVAILABLE
// REDIS_UNAVAILABLE). Deliveries handed out but not acknowledged (AckDelivery) come
// back after the visibility timeout, on this stream or to any reader.
class InboxStreams final {
 public:
  InboxStreams(server::UnaryDispatcher* dispatcher, RedisRoutingStore* store,
               RegistryLookup* registry, const Clock* clock, RoutingMetrics* metrics,
               PullOptions pull, StreamOptions options)
      : dispatcher_(dispatcher),
        store_(store),
        registry_(registry),
        clock_(clock),
        metrics_(metrics),
        pull_(std::move(pull)),
        options_(options),
        slots_({options.max_streams, options.max_streams_per_principal, "inbox streams",
                "TOO_MANY_STREAMS"}) {}

  grpc::ServerWriteReactor<v1::Delivery>* Open(grpc::CallbackServerContext* ctx,
                                               const v1::StreamInboxRequest* req);
  int open_streams() const { return slots_.open(); }

  // Server shutdown: every open stream finishes at once (after a write under way completes)
  // with UNAVAILABLE SHUTTING_DOWN, and new ones are refused the same way, so that open
  // streams never hold the drain for the whole grace period. Idempotent.
  void Stop();

 private:
  class Reactor;

  // Registers an open stream; false once stopping (the stream must not start).
  bool Register(Reactor* reactor);
  void Unregister(Reactor* reactor);

  server::UnaryDispatcher* const dispatcher_;
  RedisRoutingStore* const store_;
  RegistryLookup* const registry_;
  const Clock* const clock_;
  RoutingMetrics* const metrics_;
  const PullOptions pull_;
  const StreamOptions options_;
  server::StreamSlots slots_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Streams running now; a reactor leaves before it is deleted (OnDone).
  absl::flat_hash_set<Reactor*> open_ ABSL_GUARDED_BY(mu_);
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_INBOX_STREAM_H_
