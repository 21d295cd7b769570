#include "services/accreditation/store/event_hub.h"

#include <algorithm>
#include <utility>

#include "common/log/log.h"

namespace polylateral::accreditation {

EventHub::EventHub(RedisEventStream* stream, AccreditationStore* store, EventHubOptions options)
    : stream_(stream), store_(store), options_(options) {}

EventHub::~EventHub() { Stop(); }

void EventHub::Start() {
  absl::MutexLock lock(&mu_);
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { Run(); });
}

void EventHub::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    cv_.SignalAll();
  }
  if (thread_.joinable()) thread_.join();
}

bool EventHub::Stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

std::optional<StreamId> EventHub::head() const {
  absl::MutexLock lock(&mu_);
  return head_;
}

void EventHub::WakeAll() {
  absl::MutexLock lock(&mu_);
  ++wakes_;
  cv_.SignalAll();
}

EventHub::Batch EventHub::Next(const StreamId& after, size_t max, absl::Duration wait) {
  Batch out;
  absl::MutexLock lock(&mu_);
  const absl::Time until = absl::Now() + wait;
  const uint64_t wakes = wakes_;
  while (true) {
    if (!head_.has_value()) {
      out.covered = false;
      if (!stopping_ && wakes_ == wakes) cv_.WaitWithDeadline(&mu_, until);
      return out;
    }
    if (after < covered_from_) {
      out.covered = false;
      return out;
    }
    if (after < *head_) break;
    if (stopping_ || wakes_ != wakes || cv_.WaitWithDeadline(&mu_, until)) return out;
  }
  // The first item after `after`: recent_ is ordered by id.
  auto it = std::upper_bound(recent_.begin(), recent_.end(), after,
                             [](const StreamId& id, const Item& item) { return id < item.id; });
  for (; it != recent_.end() && out.items.size() < max; ++it) out.items.push_back(*it);
  return out;
}

absl::StatusOr<std::vector<EventHub::Item>> EventHub::Replay(const StreamId& after, int count) {
  auto entries = stream_->After(after, count);
  if (!entries.ok()) return entries.status();
  std::vector<Item> out;
  out.reserve(entries->size());
  for (StreamEntry& e : *entries) {
    auto item = Resolve(std::move(e));
    if (!item.ok()) return item.status();
    out.push_back(*std::move(item));
  }
  return out;
}

absl::StatusOr<EventHub::Item> EventHub::Resolve(StreamEntry entry) {
  auto fe = std::make_shared<FeedEvent>();
  fe->id = entry.id.ToString();
  fe->event = std::move(entry.event);
  const std::string* objecting = EventField(fe->event, "objecting_state");
  const std::string* process = EventField(fe->event, "process");
  const std::string* app = EventField(fe->event, "application");
  // Only objection events disclose anything per caller: only they need their application.
  if (objecting != nullptr && process != nullptr && app != nullptr) {
    auto a = store_->GetApplication(*process, *app);
    if (a.ok()) {
      fe->application = *std::move(a);
    } else if (a.status().code() != absl::StatusCode::kNotFound) {
      return a.status();
    }
    if (fe->event.type == "objection.lodged" && fe->application.has_value()) {
      auto objections = store_->ListObjections(*process, *app);
      if (!objections.ok()) return objections.status();
      // Copied first: adding the field moves the strings `objecting` points into.
      const std::string state = *objecting;
      for (const Objection& o : *objections) {
        if (o.state == state) fe->event.fields.emplace_back("grounds", o.grounds);
      }
    }
  }
  return Item{entry.id, std::move(fe)};
}

void EventHub::Run() {
  // Where the reader starts: the stream's newest entry when the replica starts.
  StreamId head;
  while (!Stopping()) {
    auto newest = stream_->Newest();
    if (newest.ok()) {
      head = *newest;
      absl::MutexLock lock(&mu_);
      head_ = head;
      covered_from_ = head;
      cv_.SignalAll();
      break;
    }
    log::Warning("event reader cannot reach Redis", {{"error", newest.status().ToString()}});
    absl::MutexLock lock(&mu_);
    cv_.WaitWithTimeout(&mu_, options_.retry);
  }
  while (!Stopping()) {
    auto entries = stream_->Wait(head, options_.block, options_.batch);
    std::vector<Item> items;
    absl::Status status = entries.status();
    if (entries.ok()) {
      for (StreamEntry& e : *entries) {
        auto item = Resolve(std::move(e));
        if (!item.ok()) {
          status = item.status();
          break;
        }
        items.push_back(*std::move(item));
      }
    }
    absl::MutexLock lock(&mu_);
    for (Item& item : items) {
      head = item.id;
      recent_.push_back(std::move(item));
    }
    while (recent_.size() > options_.keep) {
      covered_from_ = recent_.front().id;
      recent_.pop_front();
    }
    if (!items.empty()) {
      head_ = head;
      cv_.SignalAll();
    }
    if (!status.ok()) {
      // The items resolved so far are kept; the rest is read again after the pause.
      log::Warning("event reader failed", {{"error", status.ToString()}});
      cv_.WaitWithTimeout(&mu_, options_.retry);
    }
  }
}

}  // namespace polylateral::accreditation
