#include "common/server/write_rate_limiter.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/log/log.h"

namespace polylateral::server {

namespace scripts {
extern const char kWriteRateTakeLua[];
}  // namespace scripts

bool IsWriteMethod(absl::string_view full_method, const std::vector<std::string>& not_writes) {
  absl::string_view name = full_method.substr(full_method.rfind('/') + 1);
  for (absl::string_view read : {"Get", "List", "Check", "Preview", "Stream"}) {
    if (absl::StartsWith(name, read)) return false;
  }
  if (name == "Solve") return false;
  return std::find(not_writes.begin(), not_writes.end(), name) == not_writes.end();
}

bool IsRateLimited(const Principal& caller) {
  return caller.kind == Principal::Kind::kStakeholder || caller.kind == Principal::Kind::kState;
}

WriteRateLimiter::WriteRateLimiter(redis::RedisClient* redis, const Clock* clock,
                                   WriteRateOptions options)
    : redis_(redis),
      clock_(clock),
      options_(std::move(options)),
      rate_arg_(absl::StrCat(options_.rate)),
      burst_arg_(absl::StrCat(options_.burst)),
      take_("write_rate_take", scripts::kWriteRateTakeLua) {}

absl::Status WriteRateLimiter::Admit(const Principal& caller, absl::string_view full_method) {
  if (options_.rate <= 0 || options_.key_prefix.empty() || !IsRateLimited(caller) ||
      !IsWriteMethod(full_method, options_.not_writes)) {
    return absl::OkStatus();
  }
  // The time comes from the service's clock, passed in, as every script here takes it: tests
  // move it instead of sleeping, and the script stays deterministic. Replicas' clocks differ
  // by milliseconds; the script never lets a lagging clock add tokens.
  auto reply =
      redis_->Eval(take_, {absl::StrCat(options_.key_prefix, caller.ToString())},
                   {absl::StrCat(absl::ToUnixMillis(clock_->Now())), rate_arg_, burst_arg_});
  // Fails open: with Redis unreachable the write goes on to its handler, which fails on Redis
  // itself with the service's usual UNAVAILABLE. A second error path here would only say the
  // same thing, and the limit guards capacity, not correctness, so a lost check costs little.
  if (!reply.ok()) return absl::OkStatus();
  if (reply->is_error() || !reply->is_array() || reply->size() != 2) {
    // A refused script (an ACL without the rate keys, say) would silently turn the limit off.
    log::Warning("write rate check failed; the write goes ahead",
                 {{"method", std::string(full_method)}, {"reply", reply->DebugString()}});
    return absl::OkStatus();
  }
  if ((*reply)[0].integer() == 1) return absl::OkStatus();
  return ResourceExhausted(
      "WRITE_RATE_EXCEEDED",
      absl::StrCat(caller.ToString(), " writes faster than ", options_.rate,
                   " a second (bursts up to ", options_.burst,
                   "; --write_rate, --write_burst); the next write is possible in ",
                   (*reply)[1].integer(), " ms"));
}

}  // namespace polylateral::server
