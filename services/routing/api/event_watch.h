#ifndef POLYLATERAL_SERVICES_ROUTING_API_EVENT_WATCH_H_
#define POLYLATERAL_SERVICES_ROUTING_API_EVENT_WATCH_H_

#include "common/server/stream_slots.h"
#include "common/server/unary_dispatcher.h"
#include "grpcpp/support/server_callback.h"
#include "polylateral/routing/v1/routing_service.pb.h"
#include "services/routing/api/change_feed.h"
#include "services/routing/store/event_store.h"

namespace polylateral::routing {

struct WatchOptions {
  // Open WatchEvents streams on this replica, and per principal. A watch holds no thread:
  // the limits bound memory and the feed's fan-out.
  int max_watchers = 1000;
  int max_watchers_per_principal = 8;
  // Events kept for a watcher that reads more slowly than they come; one more ends its
  // stream with UNAVAILABLE WATCHER_BEHIND (it resumes from its last token).
  int max_buffered = 4096;
  // Entries per replay read (XRANGE).
  int replay_page = 256;
};

// WatchEvents: routing's change feed as server streams. Each stream replays from its resume
// token (XRANGE pages on the worker pool), then takes what the replica's ChangeFeed hands it,
// showing each event only to a caller allowed to see it (MaySeeChange) and, with a parent,
// only those of that process. Writes go one at a time, paced by the client; no thread is held.
class EventWatches final {
 public:
  EventWatches(server::UnaryDispatcher* dispatcher, ChangeFeed* feed, RedisEventStore* events,
               WatchOptions options)
      : dispatcher_(dispatcher),
        feed_(feed),
        events_(events),
        options_(options),
        slots_({options.max_watchers, options.max_watchers_per_principal, "event watches",
                "TOO_MANY_STREAMS"}) {}

  grpc::ServerWriteReactor<v1::RoutingEvent>* Open(grpc::CallbackServerContext* ctx,
                                                   const v1::WatchEventsRequest* req);
  int open_watches() const { return slots_.open(); }

 private:
  class Reactor;

  server::UnaryDispatcher* const dispatcher_;
  ChangeFeed* const feed_;
  RedisEventStore* const events_;
  const WatchOptions options_;
  server::StreamSlots slots_;
};

// The event as the API shows it.
v1::RoutingEvent ToRoutingEvent(const RoutingChange& change);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_EVENT_WATCH_H_
