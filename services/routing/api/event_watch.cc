#include "services/routing/api/event_watch.h"

#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/base/error_metadata.h"
#include "common/base/errors.h"
#include "common/log/log.h"
#include "common/server/status_mapping.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/domain/change_disclosure.h"

namespace polylateral::routing {
namespace {

constexpr char kMethod[] = "/polylateral.routing.v1.RoutingService/WatchEvents";
constexpr size_t kMaxTokenBytes = 64;

v1::RoutingEventType TypeOf(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kInputSubmitted:
      return v1::INPUT_SUBMITTED;
    case ChangeKind::kInputRerouted:
      return v1::INPUT_REROUTED;
    case ChangeKind::kDeliveryAcked:
      return v1::DELIVERY_ACKNOWLEDGED;
    case ChangeKind::kDeliveryDeadLettered:
      return v1::DELIVERY_DEAD_LETTERED;
    case ChangeKind::kDeadLetterRequeued:
      return v1::DEAD_LETTER_REQUEUED;
    case ChangeKind::kDeadLetterDropped:
      return v1::DEAD_LETTER_DROPPED;
    case ChangeKind::kOutcomeRegistered:
      return v1::OUTCOME_REGISTERED;
    case ChangeKind::kUptakeRecorded:
      return v1::UPTAKE_RECORDED;
    case ChangeKind::kCarriedForward:
      return v1::CARRIED_FORWARD;
    case ChangeKind::kUnknown:
      break;
  }
  return v1::ROUTING_EVENT_TYPE_UNSPECIFIED;
}

}  // namespace

v1::RoutingEvent ToRoutingEvent(const RoutingChange& c) {
  v1::RoutingEvent e;
  e.set_resume_token(c.position.ToString());
  TimeToProto(absl::FromUnixMillis(static_cast<int64_t>(c.position.ms)), e.mutable_commit_time());
  e.set_type(TypeOf(c.kind));
  if (!c.input_id.empty()) e.set_input(absl::StrCat("inputs/", c.input_id));
  if (!c.author_id.empty()) e.set_author(absl::StrCat("stakeholders/", c.author_id));
  for (const auto& d : c.destinations) e.add_destinations(d);
  for (const auto& d : c.withdrawn) e.add_withdrawn_destinations(d);
  e.set_destination(c.destination);
  e.set_delivery_id(c.delivery_id);
  for (const auto& p : c.process_ids) e.add_processes(absl::StrCat("processes/", p));
  if (!c.outcome_id.empty()) e.set_outcome(absl::StrCat("outcomes/", c.outcome_id));
  v1::UptakeStatus status = v1::UPTAKE_STATUS_UNSPECIFIED;
  if (!c.uptake_status.empty() && v1::UptakeStatus_Parse(c.uptake_status, &status)) {
    e.set_uptake_status(status);
  }
  if (!c.state.empty()) e.set_state(absl::StrCat("states/", c.state));
  return e;
}

// One open watch. Every gRPC call on it (StartWrite, Finish) is made with no lock held, and
// at most one write is outstanding; Finish is called exactly once, by whichever step finds
// the stream's end (Pump). The object lives while gRPC (until OnDone), the feed (while
// subscribed or calling it) or a replay read on a worker holds a reference.
class EventWatches::Reactor final : public grpc::ServerWriteReactor<v1::RoutingEvent>,
                                    public ChangeFeed::Subscriber {
 public:
  Reactor(EventWatches* owner, Principal caller, std::string process,
          std::optional<FeedPosition> token, server::StreamSlots::Slot slot)
      : owner_(owner),
        caller_(std::move(caller)),
        process_(std::move(process)),
        token_(token),
        slot_(std::move(slot)) {
    if (token_) {
      cursor_ = *token_;
    } else {
      replaying_ = false;  // live from now: nothing to replay
    }
  }

  // Starts the stream: subscribes first, so that the replay that follows and the live events
  // meet without a gap (ChangeFeed).
  void Start() {
    subscribed_ = true;
    if (auto st = owner_->feed_->Subscribe(this); !st.ok()) {
      subscribed_ = false;
      End(st);
    }
    Pump();
  }

  void Ref() override { refs_.fetch_add(1); }
  void Unref() override {
    if (refs_.fetch_sub(1) == 1) delete this;
  }

  void OnChange(const std::shared_ptr<const RoutingChange>& change) override {
    if (!Shows(*change)) return;
    {
      absl::MutexLock lock(&mu_);
      if (end_ || finished_) return;
      if (static_cast<int>(live_.size()) >= owner_->options_.max_buffered) {
        end_ = Unavailable("WATCHER_BEHIND",
                           "the stream fell too far behind; resume from the last token");
      } else {
        live_.push_back(change);
      }
    }
    Pump();
  }
  void OnEnd(const absl::Status& status) override {
    End(status);
    Pump();
  }

  void OnWriteDone(bool ok) override {
    {
      absl::MutexLock lock(&mu_);
      writing_ = false;
      if (!ok && !end_) end_ = absl::CancelledError("the stream is closed");
    }
    Pump();
  }
  void OnCancel() override {
    End(absl::CancelledError("the caller cancelled the stream"));
    Pump();
  }
  void OnDone() override {
    if (subscribed_) owner_->feed_->Unsubscribe(this);
    Unref();  // gRPC's reference
  }

 private:
  ~Reactor() override = default;

  bool Shows(const RoutingChange& c) const {
    return MaySeeChange(caller_, c) && ChangeConcernsProcess(c, process_);
  }

  void End(absl::Status status) {
    absl::MutexLock lock(&mu_);
    if (!end_) end_ = std::move(status);
  }

  // Takes the stream one step: finishes it, writes the next event, or fetches the next replay
  // page. Called after anything that may unblock a step.
  void Pump() {
    enum class Act { kNone, kWrite, kFinish, kFetch } act = Act::kNone;
    absl::Status finish;
    {
      absl::MutexLock lock(&mu_);
      if (finished_ || writing_) return;
      if (end_) {
        // A replay read under way still holds its reference; it finds finished_ set.
        finished_ = true;
        finish = *end_;
        act = Act::kFinish;
      } else if (!replay_.empty()) {
        out_ = ToRoutingEvent(replay_.front());
        replay_.pop_front();
        writing_ = true;
        act = Act::kWrite;
      } else if (replaying_ && !replay_complete_) {
        if (fetching_) return;
        fetching_ = true;
        act = Act::kFetch;
      } else {
        replaying_ = false;
        // What the replay covered came again from the feed: skip it.
        while (!live_.empty() && live_.front()->position <= cursor_) live_.pop_front();
        if (!live_.empty()) {
          out_ = ToRoutingEvent(*live_.front());
          live_.pop_front();
          writing_ = true;
          act = Act::kWrite;
        }
      }
    }
    switch (act) {
      case Act::kWrite:
        StartWrite(&out_);
        break;
      case Act::kFinish:
        if (!finish.ok() && !absl::IsCancelled(finish) && ErrorReason(finish) != "SHUTTING_DOWN" &&
            ErrorReason(finish) != "WATCHER_BEHIND" &&
            ErrorReason(finish) != "RESUME_TOKEN_EXPIRED") {
          log::Warning("event watch ended", {{"error", finish.ToString()}});
        }
        Finish(server::ToGrpcStatus(finish, owner_->dispatcher_->domain()));
        break;
      case Act::kFetch:
        Fetch();
        break;
      case Act::kNone:
        break;
    }
  }

  // The next replay page, read on a worker (a blocking Redis call).
  void Fetch() {
    Ref();
    bool queued = owner_->dispatcher_->pool()->TrySubmit([this] {
      absl::Status st = ReadPage();
      {
        absl::MutexLock lock(&mu_);
        fetching_ = false;
        if (!st.ok() && !end_) end_ = st;
      }
      Pump();
      Unref();
    });
    if (!queued) {
      {
        absl::MutexLock lock(&mu_);
        fetching_ = false;
        if (!end_) {
          end_ = ResourceExhausted("SERVER_BUSY", "the service's work queue is full; resume later");
        }
      }
      Unref();
      Pump();
    }
  }

  absl::Status ReadPage() {
    FeedPosition from;
    {
      absl::MutexLock lock(&mu_);
      if (finished_) return absl::OkStatus();
      from = cursor_;
    }
    if (!checked_) {
      // Nothing after the token may have been trimmed.
      auto bounds = owner_->events_->Bounds();
      if (!bounds.ok()) return bounds.status();
      if (!RedisEventStore::Complete(*bounds, from)) {
        const FeedPosition oldest = RedisEventStore::Oldest(*bounds);
        return WithErrorMetadata(
            WithReason(absl::OutOfRangeError(absl::StrCat(
                           "events after this token were trimmed from the feed; resume from ",
                           oldest.ToString(), " to replay every event it still holds")),
                       "RESUME_TOKEN_EXPIRED"),
            "oldest_token", oldest.ToString());
      }
      checked_ = true;
    }
    const int page = owner_->options_.replay_page;
    auto changes = owner_->events_->After(from, page);
    if (!changes.ok()) return changes.status();
    absl::MutexLock lock(&mu_);
    for (RoutingChange& c : *changes) {
      cursor_ = c.position;
      if (Shows(c)) replay_.push_back(std::move(c));
    }
    if (static_cast<int>(changes->size()) < page) replay_complete_ = true;
    return absl::OkStatus();
  }

  EventWatches* const owner_;
  const Principal caller_;
  const std::string process_;  // empty: every process
  const std::optional<FeedPosition> token_;
  server::StreamSlots::Slot slot_;
  std::atomic<int> refs_{1};  // gRPC's, until OnDone
  bool subscribed_ = false;   // set before the feed may call, read in OnDone
  bool checked_ = false;      // the token's range checked (replay reads run one at a time)

  absl::Mutex mu_;
  std::optional<absl::Status> end_ ABSL_GUARDED_BY(mu_);
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool replaying_ ABSL_GUARDED_BY(mu_) = true;
  bool replay_complete_ ABSL_GUARDED_BY(mu_) = false;
  bool fetching_ ABSL_GUARDED_BY(mu_) = false;
  // The last position the replay read (or the token): live events up to here are repeats.
  FeedPosition cursor_ ABSL_GUARDED_BY(mu_);
  std::deque<RoutingChange> replay_ ABSL_GUARDED_BY(mu_);
  std::deque<std::shared_ptr<const RoutingChange>> live_ ABSL_GUARDED_BY(mu_);
  v1::RoutingEvent out_;  // the event being written (one write at a time)
};

grpc::ServerWriteReactor<v1::RoutingEvent>* EventWatches::Open(grpc::CallbackServerContext* ctx,
                                                               const v1::WatchEventsRequest* req) {
  // A refused call still needs a reactor to finish on.
  class Refusal final : public grpc::ServerWriteReactor<v1::RoutingEvent> {
   public:
    explicit Refusal(const grpc::Status& status) { Finish(status); }
    void OnDone() override { delete this; }
  };
  auto refuse = [this](const absl::Status& st) {
    return new Refusal(server::ToGrpcStatus(st, dispatcher_->domain()));
  };
  auto call = dispatcher_->Begin(ctx, kMethod);
  if (!call.ok()) return refuse(call.status());
  std::string process;
  if (!req->parent().empty()) {
    auto ids = ParseName(req->parent(), {"processes"}, "parent");
    if (!ids.ok()) return refuse(ids.status());
    process = (*ids)[0];
  }
  std::optional<FeedPosition> token;
  if (!req->resume_token().empty()) {
    if (req->resume_token().size() <= kMaxTokenBytes)
      token = FeedPosition::Parse(req->resume_token());
    if (!token) {
      return refuse(InvalidArgument("INVALID_RESUME_TOKEN", "resume_token",
                                    "is not a resume token of this feed"));
    }
  }
  auto slot = slots_.Acquire(call->principal);
  if (!slot.ok()) return refuse(slot.status());
  auto* reactor = new Reactor(this, call->principal, std::move(process), token, *std::move(slot));
  reactor->Start();
  return reactor;
}

}  // namespace polylateral::routing
