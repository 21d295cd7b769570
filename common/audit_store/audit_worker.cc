#include "common/audit_store/audit_worker.h"

#include <utility>

#include "common/audit_store/redis_audit_log.h"
#include "common/log/log.h"

namespace polylateral::audit {
namespace {

// Entries sealed per log per pass: bounded so one busy log cannot starve the others.
constexpr uint64_t kPerPass = 20000;

}  // namespace

AuditWorker::AuditWorker(redis::RedisClient* redis, Tags tags, AuditWorkerOptions options)
    : redis_(redis), tags_(std::move(tags)), options_(std::move(options)) {}

AuditWorker::~AuditWorker() { Stop(); }

void AuditWorker::Start() {
  absl::MutexLock lock(&mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void AuditWorker::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status AuditWorker::RunOnce(bool publish) {
  absl::Status first;
  for (const std::string& tag : tags_()) {
    RedisAuditLog log(redis_, tag);
    absl::StatusOr<uint64_t> sealed = log.SealPending(kPerPass);
    if (!sealed.ok()) {
      // ABORTED: another replica sealed meanwhile; the next pass carries on.
      if (!absl::IsAborted(sealed.status())) {
        log::Error("audit sealing failed", {{"log", tag}, {"error", sealed.status().ToString()}});
        first.Update(sealed.status());
      }
      continue;
    }
    if (publish && options_.signer != nullptr) {
      absl::StatusOr<SignedHead> head = log.PublishHead(*options_.signer, options_.clock->Now());
      if (!head.ok()) {
        log::Error("audit head not published", {{"log", tag}, {"error", head.status().ToString()}});
        first.Update(head.status());
      }
    }
  }
  return first;
}

void AuditWorker::Loop() {
  // Heads are published at start-up too, so a reader never waits a whole interval for one.
  absl::Time next_head = absl::InfinitePast();
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto stop = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
      if (mu_.AwaitWithTimeout(absl::Condition(&stop), options_.seal_interval)) return;
    }
    const absl::Time now = options_.clock->Now();
    const bool publish = now >= next_head;
    if (publish) next_head = now + options_.head_interval;
    (void)RunOnce(publish);
  }
}

}  // namespace polylateral::audit
