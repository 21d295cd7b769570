#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_EVENT_HUB_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_EVENT_HUB_H_

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/accreditation/domain/accreditation_store.h"
#include "services/accreditation/domain/event_disclosure.h"
#include "services/accreditation/store/event_stream.h"

namespace polylateral::accreditation {

struct EventHubOptions {
  // How long the reader's XREAD blocks before it looks at Stop again.
  absl::Duration block = absl::Milliseconds(500);
  // Entries per read.
  int batch = 500;
  // Recent events kept in memory: a reader this far behind (a resume, a slow watcher)
  // reads the stream itself instead (Replay).
  size_t keep = 10000;
  // Wait after a failed read before the next (Redis down).
  absl::Duration retry = absl::Milliseconds(200);
};

// The one reader of {acc}:events per replica: a thread follows the stream with a blocking
// XREAD on one connection and keeps the newest events, resolved for disclosure (FeedEvent),
// for every watcher and webhook deliverer of the replica, which pull them from here with a
// cursor (Next) instead of holding a Redis connection each. What is older than the window
// is read from the stream (Replay): a cursor's consumer gets every entry after it exactly
// once either way. Thread-safe.
class EventHub final {
 public:
  using Ptr = std::shared_ptr<const FeedEvent>;
  struct Item {
    StreamId id;
    Ptr event;
  };
  struct Batch {
    std::vector<Item> items;
    // False: the cursor is older than the window (or the reader has not started): read
    // the stream with Replay.
    bool covered = true;
  };

  EventHub(RedisEventStream* stream, AccreditationStore* store, EventHubOptions options);
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  void Start();
  // Ends the reader and wakes every Next. Idempotent.
  void Stop();

  // The newest id the reader has read (a new watcher's starting point); nullopt until the
  // reader has started.
  std::optional<StreamId> head() const;
  // Up to `max` events after `after`, oldest first, waiting up to `wait` for one when none
  // is there yet (empty on timeout, Stop or WakeAll).
  Batch Next(const StreamId& after, size_t max, absl::Duration wait);
  // Up to `count` events after `after` read from the stream itself, resolved.
  absl::StatusOr<std::vector<Item>> Replay(const StreamId& after, int count);
  // Ends every wait in Next now (a watcher was cancelled).
  void WakeAll();

  RedisEventStream* stream() const { return stream_; }

 private:
  void Run();
  absl::StatusOr<Item> Resolve(StreamEntry entry);
  bool Stopping();

  RedisEventStream* const stream_;
  AccreditationStore* const store_;
  const EventHubOptions options_;
  mutable absl::Mutex mu_;
  absl::CondVar cv_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t wakes_ ABSL_GUARDED_BY(mu_) = 0;
  // recent_ holds every entry after covered_from_ up to head_, oldest first.
  std::deque<Item> recent_ ABSL_GUARDED_BY(mu_);
  StreamId covered_from_ ABSL_GUARDED_BY(mu_);
  std::optional<StreamId> head_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_EVENT_HUB_H_
