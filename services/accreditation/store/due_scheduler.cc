#include "services/accreditation/store/due_scheduler.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/redis/script_error.h"
#include "services/accreditation/store/accreditation_keys.h"
#include "services/accreditation/store/lua_scripts.h"

namespace polylateral::accreditation {

DueScheduler::DueScheduler(redis::RedisClient* redis, const Clock* clock, SchedulerOptions options)
    : redis_(redis),
      clock_(clock),
      options_(std::move(options)),
      claim_("acc_due_claim", lua::kDueClaimLua) {
  if (auto* m = redis_->metrics()) m->RegisterCommand(claim_.name());
}

DueScheduler::~DueScheduler() { Stop(); }

void DueScheduler::Start() {
  absl::MutexLock lock(&mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void DueScheduler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<bool> DueScheduler::PollOnce(int* taken) {
  const int64_t now = absl::ToUnixMillis(clock_->Now());
  auto reply = redis_->Eval(
      claim_,
      {Keys::Due(), Keys::Events(), Keys::Counters(""), Keys::DecisionTimes(""), Keys::AuditLog()},
      {std::to_string(now), std::to_string(options_.batch), Keys::prefix(),
       std::to_string(absl::ToInt64Microseconds(options_.script_budget))});
  if (!reply.ok()) return reply.status();
  // The scheduler's script refuses nothing: any error reply is Redis's own or a script bug.
  if (reply->is_error()) {
    return redis::ScriptErrorStatus(
        *reply, "due_claim",
        [](const redis::ScriptError&) -> std::optional<absl::Status> { return std::nullopt; });
  }
  if (reply->size() < 2) {
    return absl::InternalError(absl::StrCat("due_claim: ", reply->DebugString()));
  }
  const int n = static_cast<int>((*reply)[0].integer());
  const int64_t backlog = (*reply)[1].integer();
  *taken += n;
  if (options_.on_backlog) options_.on_backlog(backlog);
  if (options_.on_decision) {
    for (size_t i = 2; i + 1 < reply->size(); i += 2) {
      absl::string_view d = (*reply)[i].str();
      const size_t bar = d.find('|');
      if (bar == absl::string_view::npos) continue;
      options_.on_decision(std::string(d.substr(0, bar)), std::string(d.substr(bar + 1)),
                           (*reply)[i + 1].integer());
    }
  }
  return backlog > 0;
}

absl::StatusOr<int> DueScheduler::Tick() {
  int taken = 0;
  for (;;) {
    auto full = PollOnce(&taken);
    if (!full.ok()) return full.status();
    if (!*full) return taken;
  }
}

void DueScheduler::Loop() {
  for (;;) {
    int taken = 0;
    auto full = PollOnce(&taken);
    if (!full.ok()) {
      // Redis away: the entries stay in the schedule; poll again after the interval.
      log::Warning("scheduler poll failed", {{"error", full.status().ToString()}});
    }
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    if (full.ok() && *full) continue;  // more is due now
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.poll_interval);
    if (stopping_) return;
  }
}

}  // namespace polylateral::accreditation
