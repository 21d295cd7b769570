#ifndef POLYLATERAL_SERVICES_ACCREDITATION_API_WATCH_STREAMS_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_API_WATCH_STREAMS_H_

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "common/server/stream_slots.h"
#include "common/server/unary_dispatcher.h"
#include "grpcpp/support/server_callback.h"
#include "polylateral/accreditation/v1/accreditation_service.pb.h"
#include "services/accreditation/store/event_hub.h"

namespace polylateral::accreditation {

struct WatchOptions {
  // Open watch streams at once, all callers together and per principal; each holds a thread
  // while open. More: RESOURCE_EXHAUSTED TOO_MANY_STREAMS.
  int max_streams = 256;
  int max_streams_per_principal = 8;
};

// WatchEvents: the change feed as a server stream. Each stream runs on its own thread
// (bounded by the slots): it replays the events after the caller's resume token from the
// stream, hands over to the replica's EventHub for new ones (one cursor: no event twice,
// none skipped), shows each as DiscloseEvent allows the caller, and stops on cancellation,
// the deadline, Stop (UNAVAILABLE SHUTTING_DOWN) or a Redis failure (UNAVAILABLE).
class WatchStreams final {
 public:
  WatchStreams(server::UnaryDispatcher* dispatcher, EventHub* hub, WatchOptions options)
      : dispatcher_(dispatcher),
        hub_(hub),
        slots_({options.max_streams, options.max_streams_per_principal, "watch streams",
                "TOO_MANY_STREAMS"}) {}

  grpc::ServerWriteReactor<v1::Event>* Open(grpc::CallbackServerContext* ctx,
                                            const v1::WatchEventsRequest* req);
  int open_streams() const { return slots_.open(); }
  // Server shutdown: every open stream ends with UNAVAILABLE SHUTTING_DOWN, new ones are
  // refused the same way. Idempotent.
  void Stop();

 private:
  class Reactor;
  bool Register(Reactor* reactor);
  void Unregister(Reactor* reactor);

  server::UnaryDispatcher* const dispatcher_;
  EventHub* const hub_;
  server::StreamSlots slots_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_set<Reactor*> open_ ABSL_GUARDED_BY(mu_);
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_API_WATCH_STREAMS_H_
