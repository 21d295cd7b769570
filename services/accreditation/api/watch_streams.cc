#include "services/accreditation/api/watch_streams.h"

#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "common/base/error_metadata.h"
#include "common/base/errors.h"
#include "common/base/resource_name.h"
#include "common/log/log.h"
#include "common/server/status_mapping.h"
#include "services/accreditation/api/event_mapping.h"

namespace polylateral::accreditation {
namespace {

constexpr char kMethod[] = "/polylateral.accreditation.v1.AccreditationService/WatchEvents";
// How long a stream waits for new events before it looks at its flags again.
constexpr absl::Duration kIdleWait = absl::Milliseconds(250);
constexpr int kReplayBatch = 200;

absl::Status ShuttingDown() {
  return Unavailable("SHUTTING_DOWN",
                     "the service is shutting down; watch again with the last event's token");
}

// Where a stream starts: after the token, or after what the hub (else the stream) has now.
// OUT_OF_RANGE RESUME_TOKEN_EXPIRED when the capped stream no longer holds the token's event.
absl::StatusOr<StreamId> StartingPoint(EventHub* hub, const std::optional<StreamId>& token) {
  if (!token.has_value()) {
    if (auto head = hub->head()) return *head;
    return hub->stream()->Newest();
  }
  auto oldest = hub->stream()->Oldest();
  if (!oldest.ok()) return oldest.status();
  if (oldest->has_value() && *token < **oldest) {
    return WithErrorMetadata(
        WithReason(absl::OutOfRangeError(
                       "the stream no longer holds the event of resume_token; resume from "
                       "oldest_token (the oldest event held) or watch from now"),
                   "RESUME_TOKEN_EXPIRED"),
        "oldest_token", EncodeResumeToken(**oldest));
  }
  return *token;
}

}  // namespace

class WatchStreams::Reactor final : public grpc::ServerWriteReactor<v1::Event> {
 public:
  explicit Reactor(WatchStreams* owner) : owner_(owner) {}

  void Refuse(const absl::Status& status) {
    Finish(server::ToGrpcStatus(status, owner_->dispatcher_->domain()));
  }

  void Run(server::CallContext call, std::string process, std::optional<StreamId> token,
           server::StreamSlots::Slot slot) {
    slot_ = std::move(slot);
    if (!owner_->Register(this)) {
      Refuse(ShuttingDown());
      return;
    }
    thread_ = std::thread([this, call = std::move(call), process = std::move(process), token] {
      absl::Status status = Serve(call, process, token);
      if (!status.ok() && !absl::IsCancelled(status) && !absl::IsDeadlineExceeded(status) &&
          !absl::IsOutOfRange(status) && ErrorReason(status) != "SHUTTING_DOWN") {
        log::Warning("watch stream ended", {{"error", status.ToString()}});
      }
      Finish(server::ToGrpcStatus(status, owner_->dispatcher_->domain()));
    });
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    write_ok_ = ok;
  }
  void OnCancel() override {
    {
      absl::MutexLock lock(&mu_);
      cancelled_ = true;
    }
    owner_->hub_->WakeAll();
  }
  void Stop() {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  void OnDone() override {
    owner_->Unregister(this);
    if (thread_.joinable()) {
      if (thread_.get_id() == std::this_thread::get_id()) {
        thread_.detach();  // OnDone ran inline at the end of the thread's Finish
      } else {
        thread_.join();
      }
    }
    delete this;  // frees the slot
  }

 private:
  absl::Status Check(const server::CallContext& call) {
    {
      absl::MutexLock lock(&mu_);
      if (cancelled_) return absl::CancelledError("the caller cancelled the stream");
      if (stopping_) return ShuttingDown();
    }
    if (absl::Now() >= call.deadline) {
      return absl::DeadlineExceededError("the stream reached its deadline");
    }
    return absl::OkStatus();
  }

  absl::Status Write(const v1::Event& e) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return ShuttingDown();
      writing_ = true;
    }
    StartWrite(&e);
    absl::MutexLock lock(&mu_);
    // Every StartWrite gets its OnWriteDone, with ok=false once the call is over.
    mu_.Await(absl::Condition(
        +[](bool* writing) { return !*writing; }, &writing_));
    if (!write_ok_) return absl::CancelledError("the stream is closed");
    return absl::OkStatus();
  }

  absl::Status Serve(const server::CallContext& call, const std::string& process,
                     const std::optional<StreamId>& token) {
    EventHub* hub = owner_->hub_;
    auto start = StartingPoint(hub, token);
    if (!start.ok()) return start.status();
    StreamId cursor = *start;
    // Sends headers now, so that a client knows the stream is open before the first event.
    StartSendInitialMetadata();
    while (true) {
      if (auto st = Check(call); !st.ok()) return st;
      EventHub::Batch batch = hub->Next(cursor, 100, kIdleWait);
      std::vector<EventHub::Item> items = std::move(batch.items);
      if (!batch.covered) {
        auto replayed = hub->Replay(cursor, kReplayBatch);
        if (!replayed.ok()) return replayed.status();
        items = *std::move(replayed);
        if (items.empty()) {
          // The hub has not started reading yet, and the stream has nothing newer.
          absl::MutexLock lock(&mu_);
          mu_.AwaitWithTimeout(absl::Condition(&cancelled_), kIdleWait);
        }
      }
      for (const EventHub::Item& item : items) {
        cursor = item.id;
        const FeedEvent& fe = *item.event;
        if (!process.empty()) {
          const std::string* p = EventField(fe.event, "process");
          if (p == nullptr || *p != process) continue;
        }
        std::optional<DisclosedEvent> shown = DiscloseEvent(call.principal, fe);
        if (!shown.has_value()) continue;
        v1::Event out;
        ToProto(item.id, *shown, &out);
        if (auto st = Write(out); !st.ok()) return st;
      }
    }
  }

  WatchStreams* const owner_;
  std::thread thread_;
  server::StreamSlots::Slot slot_;
  absl::Mutex mu_;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool write_ok_ ABSL_GUARDED_BY(mu_) = true;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
};

bool WatchStreams::Register(Reactor* reactor) {
  absl::MutexLock lock(&mu_);
  if (stopping_) return false;
  open_.insert(reactor);
  return true;
}

void WatchStreams::Unregister(Reactor* reactor) {
  absl::MutexLock lock(&mu_);
  open_.erase(reactor);
}

void WatchStreams::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    for (Reactor* r : open_) r->Stop();
  }
  hub_->WakeAll();
}

grpc::ServerWriteReactor<v1::Event>* WatchStreams::Open(grpc::CallbackServerContext* ctx,
                                                        const v1::WatchEventsRequest* req) {
  auto* reactor = new Reactor(this);
  auto call = dispatcher_->Begin(ctx, kMethod);
  if (!call.ok()) {
    reactor->Refuse(call.status());
    return reactor;
  }
  std::string process;
  if (!req->parent().empty()) {
    auto ids = ParseResourceName(req->parent(), {"processes"}, "parent");
    if (!ids.ok()) {
      reactor->Refuse(ids.status());
      return reactor;
    }
    process = (*ids)[0];
  }
  std::optional<StreamId> token;
  if (!req->resume_token().empty()) {
    auto id = DecodeResumeToken(req->resume_token(), "resume_token");
    if (!id.ok()) {
      reactor->Refuse(id.status());
      return reactor;
    }
    token = *id;
  }
  auto slot = slots_.Acquire(call->principal);
  if (!slot.ok()) {
    reactor->Refuse(slot.status());
    return reactor;
  }
  reactor->Run(*std::move(call), std::move(process), token, *std::move(slot));
  return reactor;
}

}  // namespace polylateral::accreditation
