#include "services/routing/api/inbox_stream.h"

#include <optional>
#include <thread>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "common/base/errors.h"
#include "common/log/log.h"
#include "common/server/status_mapping.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/domain/inbox_access.h"
#include "services/routing/domain/inbox_destination.h"

namespace polylateral::routing {
namespace {

constexpr char kMethod[] = "/polylateral.routing.v1.RoutingService/StreamInbox";

absl::Status ShuttingDown() {
  return Unavailable("SHUTTING_DOWN", "the service is shutting down; open the stream again");
}

absl::Status ToDelivery(const PulledDelivery& p, const std::string& dest, v1::Delivery* d) {
  d->set_delivery_id(p.delivery_id);
  d->set_destination(dest);
  d->set_delivery_count(p.delivery_count);
  TimeToProto(absl::FromUnixMillis(p.enqueue_ms), d->mutable_enqueue_time());
  if (auto st = FromJson(p.route_record, d->mutable_route()); !st.ok()) return st;
  if (!p.input_record.empty()) {
    if (auto st = FromJson(p.input_record, d->mutable_input()); !st.ok()) return st;
    ForReaders(d->mutable_input());
  }
  return absl::OkStatus();
}

}  // namespace

// One open stream. Finish is called exactly once: at once for a refused call, else by the
// stream's thread when its loop ends. OnDone (after Finish) joins the thread and deletes.
class InboxStreams::Reactor final : public grpc::ServerWriteReactor<v1::Delivery> {
 public:
  explicit Reactor(InboxStreams* owner) : owner_(owner) {}

  void Refuse(const absl::Status& status) {
    Finish(server::ToGrpcStatus(status, owner_->dispatcher_->domain()));
  }

  // `slot` counts this stream until the reactor is deleted.
  void Run(server::CallContext call, std::string destination, PullOptions pull,
           server::StreamSlots::Slot slot) {
    slot_ = std::move(slot);
    if (!owner_->Register(this)) {
      Refuse(ShuttingDown());
      return;
    }
    thread_ = std::thread([this, call = std::move(call), destination = std::move(destination),
                           pull = std::move(pull)] {
      absl::Status status = Serve(call, destination, pull);
      if (!status.ok() && !absl::IsCancelled(status) && !absl::IsDeadlineExceeded(status) &&
          ErrorReason(status) != "SHUTTING_DOWN") {
        log::Warning("inbox stream ended",
                     {{"destination", destination}, {"error", status.ToString()}});
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
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
    woken_ = true;
  }
  // Ends the stream at its next check: at once while it waits for deliveries.
  void Stop() {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    woken_ = true;
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
  absl::Status Serve(const server::CallContext& call, const std::string& dest,
                     const PullOptions& pull) {
    while (true) {
      {
        absl::MutexLock lock(&mu_);
        if (cancelled_) return absl::CancelledError("the caller cancelled the stream");
        if (stopping_) return ShuttingDown();
      }
      if (absl::Now() >= call.deadline) {
        return absl::DeadlineExceededError("the stream reached its deadline");
      }
      auto pulled = owner_->store_->Pull(dest, pull, owner_->clock_->Now());
      if (!pulled.ok()) return pulled.status();
      for (const PulledDelivery& p : *pulled) {
        v1::Delivery d;
        if (auto st = ToDelivery(p, dest, &d); !st.ok()) return st;
        {
          absl::MutexLock lock(&mu_);
          // The rest of the batch comes back after the visibility timeout.
          if (stopping_) return ShuttingDown();
          writing_ = true;
        }
        StartWrite(&d);
        absl::MutexLock lock(&mu_);
        // Every StartWrite gets its OnWriteDone, with ok=false once the call is over.
        mu_.Await(absl::Condition(
            +[](bool* writing) { return !*writing; }, &writing_));
        if (!write_ok_) return absl::CancelledError("the stream is closed");
        if (owner_->metrics_ != nullptr) owner_->metrics_->HandedOut(1);
      }
      if (pulled->empty()) {
        absl::MutexLock lock(&mu_);
        mu_.AwaitWithTimeout(absl::Condition(&woken_), owner_->options_.poll_interval);
      }
    }
  }

  InboxStreams* const owner_;
  std::thread thread_;
  server::StreamSlots::Slot slot_;
  absl::Mutex mu_;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool write_ok_ ABSL_GUARDED_BY(mu_) = true;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;  // cancelled_ or stopping_: ends the idle wait
};

bool InboxStreams::Register(Reactor* reactor) {
  absl::MutexLock lock(&mu_);
  if (stopping_) return false;
  open_.insert(reactor);
  return true;
}

void InboxStreams::Unregister(Reactor* reactor) {
  absl::MutexLock lock(&mu_);
  open_.erase(reactor);
}

void InboxStreams::Stop() {
  absl::MutexLock lock(&mu_);
  stopping_ = true;
  for (Reactor* r : open_) r->Stop();
}

grpc::ServerWriteReactor<v1::Delivery>* InboxStreams::Open(grpc::CallbackServerContext* ctx,
                                                           const v1::StreamInboxRequest* req) {
  auto* reactor = new Reactor(this);
  auto call = dispatcher_->Begin(ctx, kMethod);
  if (!call.ok()) {
    reactor->Refuse(call.status());
    return reactor;
  }
  if (auto st = MayReadInbox(call->principal, req->destination()); !st.ok()) {
    reactor->Refuse(st);
    return reactor;
  }
  PullOptions pull = pull_;
  if (auto st = ApplyConsumer(req->consumer(), pull); !st.ok()) {
    reactor->Refuse(st);
    return reactor;
  }
  if (req->max_batch() < 0 || req->max_batch() > 100) {
    reactor->Refuse(InvalidArgument("INVALID_REQUEST", "max_batch", "must be 0..100"));
    return reactor;
  }
  pull.count = req->max_batch() == 0 ? 10 : req->max_batch();
  if (auto st = CheckDestinationExists(*registry_, req->destination(), call->deadline); !st.ok()) {
    reactor->Refuse(st);
    return reactor;
  }
  auto slot = slots_.Acquire(call->principal);
  if (!slot.ok()) {
    reactor->Refuse(slot.status());
    return reactor;
  }
  reactor->Run(*std::move(call), req->destination(), std::move(pull), *std::move(slot));
  return reactor;
}

}  // namespace polylateral::routing
