#include "services/routing/api/accreditation_events.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/base/ids.h"
#include "common/log/log.h"

namespace polylateral::routing {

AccreditationEvents::AccreditationEvents(redis::RedisClient* redis, InputRouter* router,
                                         std::function<void(int)> on_rerouted)
    : redis_(redis),
      router_(router),
      on_rerouted_(std::move(on_rerouted)),
      consumer_(NewId("routing-")) {}

absl::Status AccreditationEvents::Prepare() {
  auto r = redis_->Command({"XGROUP", "CREATE", kStream, kGroup, "$", "MKSTREAM"}, "XGROUP");
  if (!r.ok()) return r.status();
  // BUSYGROUP: another replica (or an earlier run) created it; its position is kept.
  return absl::OkStatus();
}

std::optional<AccreditationEvent> AccreditationEvents::Parse(
    const std::vector<std::pair<std::string, std::string>>& fields) {
  AccreditationEvent e;
  std::string type;
  for (const auto& [k, v] : fields) {
    if (k == "type") type = v;
    if (k == "stakeholder") e.stakeholder_id = v;
    if (k == "process") e.process_id = v;
    if (k == "reason") e.detail = v;
    if (k == "at") {
      int64_t ms = 0;
      if (absl::SimpleAtoi(v, &ms)) e.event_time = absl::FromUnixMillis(ms);
    }
    if (k == "rights") {
      for (absl::string_view r : absl::StrSplit(v, ',', absl::SkipEmpty())) {
        int n = 0;
        if (absl::SimpleAtoi(r, &n))
          e.rights.push_back(static_cast<vocabulary::ParticipationRight>(n));
      }
    }
  }
  using K = AccreditationEvent::Kind;
  if (type == "accreditation.granted")
    e.kind = K::kApproved;
  else if (type == "accreditation.revoked")
    e.kind = K::kRevoked;
  else if (type == "accreditation.suspended")
    e.kind = K::kSuspended;
  else if (type == "accreditation.expired")
    e.kind = K::kExpired;
  else if (type == "accreditation.reinstated")
    e.kind = K::kReinstated;
  else if (type == "application.blocked")
    e.kind = K::kBlockedByObjection;
  else
    return std::nullopt;
  if (e.stakeholder_id.empty()) return std::nullopt;
  return e;
}

absl::StatusOr<int> AccreditationEvents::Handle(const redis::ReplyView& entries) {
  int handled = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    redis::ReplyView entry = entries[i];
    const std::string id(entry[0].str());
    std::vector<std::pair<std::string, std::string>> fields;
    redis::ReplyView kv = entry[1];
    for (size_t j = 0; j + 1 < kv.size(); j += 2) {
      fields.emplace_back(std::string(kv[j].str()), std::string(kv[j + 1].str()));
    }
    if (auto e = Parse(fields); e.has_value()) {
      auto n = router_->ReactTo(*e, absl::Now() + absl::Seconds(10));
      if (!n.ok()) return n.status();  // not acknowledged: read again from the pending list
      if (on_rerouted_ && *n > 0) on_rerouted_(*n);
    }
    auto ack = redis_->Command({"XACK", kStream, kGroup, id}, "XACK");
    if (!ack.ok()) return ack.status();
    ++handled;
  }
  return handled;
}

absl::StatusOr<int> AccreditationEvents::Poll(absl::Duration block) {
  int handled = 0;
  // Pending first: events this consumer read before a failure.
  for (const char* start : {"0", ">"}) {
    std::vector<absl::string_view> argv = {"XREADGROUP",      "GROUP", kGroup,
                                           consumer_.c_str(), "COUNT", "100"};
    const std::string ms = std::to_string(absl::ToInt64Milliseconds(block));
    if (std::string(start) == ">") {
      argv.push_back("BLOCK");
      argv.push_back(ms);
    }
    argv.push_back("STREAMS");
    argv.push_back(kStream);
    argv.push_back(start);
    auto r = redis_->Command(argv, "XREADGROUP");
    if (!r.ok()) return r.status();
    if (r->is_error()) {
      if (auto st = Prepare(); !st.ok()) return st;  // the stream or group vanished (FLUSHALL)
      return handled;
    }
    if (r->is_nil() || r->size() == 0) continue;
    auto n = Handle((*r)[0][1]);
    if (!n.ok()) return n.status();
    handled += *n;
  }
  return handled;
}

void AccreditationEvents::Start() {
  (void)Prepare();
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      auto n = Poll(absl::Milliseconds(200));
      if (!n.ok()) {
        log::Warning("accreditation events", {{"error", n.status().ToString()}});
        absl::SleepFor(absl::Milliseconds(500));  // Redis or a peer is down: back off
      }
    }
  });
}

void AccreditationEvents::Stop() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

}  // namespace polylateral::routing
