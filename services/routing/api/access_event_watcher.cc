#include "services/routing/api/access_event_watcher.h"

#include "absl/time/clock.h"
#include "common/log/log.h"

namespace polylateral::routing {
namespace {

redis::RedisOptions Dedicated(redis::RedisOptions o, absl::Duration block) {
  o.max_connections = 1;
  o.command_timeout = block + absl::Seconds(2);
  return o;
}

}  // namespace

AccessEventWatcher::AccessEventWatcher(const redis::RedisOptions& redis, AccessCache* cache,
                                       absl::Duration block)
    : redis_(std::make_unique<redis::RedisClient>(Dedicated(redis, block), nullptr)),
      cache_(cache),
      block_(block) {}

absl::Status AccessEventWatcher::Step() {
  if (last_id_.empty()) {
    // Where the stream ends now: decisions up to here are in whatever accreditation answers
    // from now on; every later one is read below.
    auto r = redis_->Command({"XREVRANGE", kStream, "+", "-", "COUNT", "1"}, "XREVRANGE");
    if (!r.ok()) return r.status();
    if (r->is_error()) return absl::UnavailableError(std::string(r->str()));
    last_id_ = r->size() > 0 ? std::string((*r)[0][0].str()) : "0-0";
    cache_->Enable();
    return absl::OkStatus();
  }
  const std::string ms = std::to_string(absl::ToInt64Milliseconds(block_));
  auto r = redis_->Command({"XREAD", "COUNT", "1000", "BLOCK", ms, "STREAMS", kStream, last_id_},
                           "XREAD");
  if (!r.ok()) return r.status();
  if (r->is_error()) return absl::UnavailableError(std::string(r->str()));
  if (r->is_nil() || r->size() == 0) return absl::OkStatus();
  redis::ReplyView entries = (*r)[0][1];
  for (size_t i = 0; i < entries.size(); ++i) {
    redis::ReplyView entry = entries[i];
    redis::ReplyView kv = entry[1];
    std::string stakeholder;
    for (size_t j = 0; j + 1 < kv.size(); j += 2) {
      if (kv[j].str() == "stakeholder") stakeholder = std::string(kv[j + 1].str());
    }
    if (stakeholder.empty()) {
      cache_->InvalidateAll();
    } else {
      cache_->Invalidate(stakeholder);
    }
    last_id_ = std::string(entry[0].str());
  }
  return absl::OkStatus();
}

void AccessEventWatcher::Start() {
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      absl::Status st = Step();
      if (!st.ok()) {
        // Decisions may pass unseen until the stream is followed again: answer nothing from
        // memory meanwhile, and start over from the stream's end.
        cache_->Disable();
        last_id_.clear();
        log::Warning("accreditation stream watch", {{"error", st.ToString()}});
        absl::SleepFor(absl::Milliseconds(500));
      }
    }
  });
}

void AccessEventWatcher::Stop() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

}  // namespace polylateral::routing
