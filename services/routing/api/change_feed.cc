#include "services/routing/api/change_feed.h"

#include <utility>

#include "absl/time/clock.h"
#include "common/base/errors.h"
#include "common/log/log.h"

namespace polylateral::routing {
namespace {

redis::RedisOptions Dedicated(redis::RedisOptions o, absl::Duration block) {
  o.max_connections = 1;
  o.command_timeout = block + absl::Seconds(2);
  return o;
}

// Entries read per XREAD: a burst is handed out in pieces of this size.
constexpr int kReadCount = 512;

}  // namespace

ChangeFeed::ChangeFeed(const redis::RedisOptions& redis, absl::Duration block)
    : redis_(std::make_unique<redis::RedisClient>(Dedicated(redis, block), nullptr)),
      store_(redis_.get()),
      block_(block) {}

bool ChangeFeed::following() const {
  absl::MutexLock lock(&mu_);
  return following_;
}

int ChangeFeed::subscribers() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(subscribers_.size());
}

absl::Status ChangeFeed::Subscribe(Subscriber* s) {
  absl::MutexLock lock(&mu_);
  if (stopping_) {
    return Unavailable("SHUTTING_DOWN", "the service is shutting down; watch on another replica");
  }
  if (!following_) {
    return Unavailable("REDIS_UNAVAILABLE", "the change feed is not followed now; retry shortly");
  }
  s->Ref();
  subscribers_.insert(s);
  return absl::OkStatus();
}

void ChangeFeed::Unsubscribe(Subscriber* s) {
  bool held = false;
  {
    absl::MutexLock lock(&mu_);
    held = subscribers_.erase(s) > 0;
  }
  if (held) s->Unref();
}

std::vector<ChangeFeed::Subscriber*> ChangeFeed::Snapshot() {
  absl::MutexLock lock(&mu_);
  std::vector<Subscriber*> out(subscribers_.begin(), subscribers_.end());
  for (Subscriber* s : out) s->Ref();
  return out;
}

void ChangeFeed::EndAll(const absl::Status& status) {
  std::vector<Subscriber*> ended;
  {
    absl::MutexLock lock(&mu_);
    // Taken out of the set with the feed's own reference, dropped below.
    ended.assign(subscribers_.begin(), subscribers_.end());
    subscribers_.clear();
  }
  for (Subscriber* s : ended) {
    s->OnEnd(status);
    s->Unref();
  }
}

absl::Status ChangeFeed::Step() {
  bool positioned = false;
  {
    absl::MutexLock lock(&mu_);
    positioned = following_;
  }
  if (!positioned) {
    // Where the stream ends now; watchers subscribed from here on replay what came before.
    auto bounds = store_.Bounds();
    if (!bounds.ok()) return bounds.status();
    last_ = bounds->last;
    absl::MutexLock lock(&mu_);
    following_ = true;
    return absl::OkStatus();
  }
  auto changes = store_.Next(last_, kReadCount, block_);
  if (!changes.ok()) return changes.status();
  if (changes->empty()) return absl::OkStatus();
  std::vector<Subscriber*> subs = Snapshot();
  for (RoutingChange& c : *changes) {
    last_ = c.position;
    auto shared = std::make_shared<const RoutingChange>(std::move(c));
    for (Subscriber* s : subs) s->OnChange(shared);
  }
  for (Subscriber* s : subs) s->Unref();
  return absl::OkStatus();
}

void ChangeFeed::Start() {
  if (auto st = Step(); !st.ok()) {
    log::Warning("change feed not positioned yet", {{"error", st.ToString()}});
  }
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      absl::Status st = Step();
      if (st.ok()) continue;
      // Entries may pass unseen while the stream is not read: every watcher ends (and resumes
      // from its token, replaying what it missed), and the reader starts over from the
      // stream's end once Redis answers.
      {
        absl::MutexLock lock(&mu_);
        following_ = false;
      }
      EndAll(Unavailable("REDIS_UNAVAILABLE", "the change feed was interrupted; resume"));
      log::Warning("change feed read", {{"error", st.ToString()}});
      absl::SleepFor(absl::Milliseconds(500));
    }
  });
}

void ChangeFeed::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  EndAll(Unavailable("SHUTTING_DOWN", "the service is shutting down; resume on another replica"));
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

}  // namespace polylateral::routing
