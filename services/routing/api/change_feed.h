#ifndef POLYLATERAL_SERVICES_ROUTING_API_CHANGE_FEED_H_
#define POLYLATERAL_SERVICES_ROUTING_API_CHANGE_FEED_H_

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "services/routing/domain/routing_change.h"
#include "services/routing/store/event_store.h"

namespace polylateral::routing {

// This replica's one reader of routing's change feed ({rt}:events): a thread that follows
// the stream with XREAD BLOCK on a connection of its own and hands every entry, in feed order,
// to the open WatchEvents streams, so that a thousand watchers cost one blocked connection,
// not a thousand.
//
// Watchers subscribe, then replay from their token with XRANGE, then take what the feed hands
// them, skipping what the replay already covered: everything committed before the subscription
// is in the replay, everything read after it comes here, so nothing falls between.
// That holds only while the reader follows the stream without a break: a watcher is accepted
// only then, and when a read fails every subscriber is ended (UNAVAILABLE REDIS_UNAVAILABLE),
// to resume from its last token.
class ChangeFeed final {
 public:
  // A watcher. Calls come from the reader's thread (or Stop's caller) with no lock of the
  // feed held; the feed holds a reference (Ref/Unref) for the length of each call, so a
  // subscriber that unsubscribes meanwhile stays alive until the call returns.
  class Subscriber {
   public:
    virtual ~Subscriber() = default;
    virtual void Ref() = 0;
    virtual void Unref() = 0;
    // The next change, in feed order; must not block.
    virtual void OnChange(const std::shared_ptr<const RoutingChange>& change) = 0;
    // The feed can no longer vouch for completeness (Redis lost) or is shutting down: end.
    virtual void OnEnd(const absl::Status& status) = 0;
  };

  // `redis`: where the stream lives (a dedicated one-connection client is made from it).
  // `block` bounds how long Stop waits for the reader, so it is short: a shutdown must end an
  // open stream and let the process exit within about a second, and an idle XREAD every
  // 100 ms costs Redis nothing.
  explicit ChangeFeed(const redis::RedisOptions& redis,
                      absl::Duration block = absl::Milliseconds(100));
  ~ChangeFeed() { Stop(); }

  // Positions at the stream's end (so watchers are accepted at once when Redis answers), then
  // follows it on a thread.
  void Start();
  // Ends every subscriber with UNAVAILABLE SHUTTING_DOWN, refuses new ones, stops the thread.
  // Idempotent.
  void Stop();

  // Adds a subscriber (taking a reference), or UNAVAILABLE (REDIS_UNAVAILABLE while the
  // stream is not followed, SHUTTING_DOWN after Stop): the caller must not start then.
  absl::Status Subscribe(Subscriber* s);
  // Removes it (dropping the feed's reference); a no-op when the feed already let it go.
  void Unsubscribe(Subscriber* s);

  bool following() const;
  int subscribers() const;

  // One step (exposed for tests): positions when not positioned, else reads and hands out
  // what was added since, waiting at most `block`.
  absl::Status Step();

 private:
  // Each subscriber, referenced for the call, with no lock held.
  std::vector<Subscriber*> Snapshot();
  void EndAll(const absl::Status& status);

  std::unique_ptr<redis::RedisClient> redis_;
  RedisEventStore store_;
  const absl::Duration block_;
  mutable absl::Mutex mu_;
  bool following_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_set<Subscriber*> subscribers_ ABSL_GUARDED_BY(mu_);
  FeedPosition last_;  // the reader's thread only
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_CHANGE_FEED_H_
