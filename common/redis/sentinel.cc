#include "common/redis/sentinel.h"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <cerrno>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/base/errors.h"
#include "common/log/log.h"
#include "common/redis/raw_connection.h"
#include "common/redis/redis_client.h"

namespace polylateral::redis {
namespace {

absl::StatusOr<ContextPtr> DialSentinel(const std::string& sentinel, absl::Duration timeout) {
  auto dialed = DialRedis(sentinel, timeout);
  if (!dialed.ok()) return dialed.status();
  ContextPtr ctx(*dialed);
  if (ctx == nullptr || ctx->err != 0) {
    return absl::UnavailableError(ctx ? ctx->errstr : "out of memory");
  }
  timeval tv = absl::ToTimeval(timeout);
  redisSetTimeout(ctx.get(), tv);
  return ctx;
}

}  // namespace

absl::StatusOr<std::string> AskSentinelsForPrimary(const std::vector<std::string>& sentinels,
                                                   const std::string& master_name,
                                                   absl::Duration timeout) {
  std::vector<std::string> failures;
  for (const std::string& sentinel : sentinels) {
    auto ctx = DialSentinel(sentinel, timeout);
    if (!ctx.ok()) {
      failures.push_back(absl::StrCat(sentinel, ": ", ctx.status().message()));
      continue;
    }
    ReplyPtr reply = Call(ctx->get(), {"SENTINEL", "get-master-addr-by-name", master_name});
    if (reply == nullptr) {
      failures.push_back(absl::StrCat(sentinel, ": ", (*ctx)->errstr));
    } else if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2) {
      failures.push_back(absl::StrCat(sentinel, ": does not know master ", master_name));
    } else {
      return absl::StrCat(ReplyText(reply->element[0]), ":", ReplyText(reply->element[1]));
    }
  }
  return Unavailable("REDIS_PRIMARY_UNKNOWN",
                     absl::StrCat("no sentinel named the primary of ", master_name, " (",
                                  absl::StrJoin(failures, "; "), ")"));
}

SentinelWatcher::SentinelWatcher(std::vector<std::string> sentinels, std::string master_name,
                                 std::function<void(const std::string&)> on_switch)
    : sentinels_(std::move(sentinels)),
      master_name_(std::move(master_name)),
      on_switch_(std::move(on_switch)) {
  thread_ = std::thread([this] { Run(); });
}

SentinelWatcher::~SentinelWatcher() {
  stop_.store(true, std::memory_order_release);
  if (thread_.joinable()) thread_.join();
}

void SentinelWatcher::Run() {
  for (size_t next = 0; !stop_.load(std::memory_order_acquire); ++next) {
    Watch(sentinels_[next % sentinels_.size()]);
    for (absl::Duration slept; slept < absl::Milliseconds(500) && !stop_.load();
         slept += kPollInterval) {
      absl::SleepFor(kPollInterval);
    }
  }
}

void SentinelWatcher::Watch(const std::string& sentinel) {
  auto dialed = DialSentinel(sentinel, absl::Seconds(1));
  if (!dialed.ok()) return;
  ContextPtr ctx = *std::move(dialed);
  ReplyPtr sub = Call(ctx.get(), {"SUBSCRIBE", "+switch-master"});
  if (sub == nullptr || sub->type != REDIS_REPLY_ARRAY) return;
  pollfd pfd{ctx->fd, POLLIN, 0};
  const int poll_ms = static_cast<int>(absl::ToInt64Milliseconds(kPollInterval));
  while (!stop_.load(std::memory_order_acquire)) {
    pfd.revents = 0;
    int ready = poll(&pfd, 1, poll_ms);
    if (ready < 0 && errno != EINTR) return;
    if (ready <= 0) continue;
    if (redisBufferRead(ctx.get()) != REDIS_OK) return;
    for (;;) {
      void* raw = nullptr;
      if (redisGetReplyFromReader(ctx.get(), &raw) != REDIS_OK) return;
      if (raw == nullptr) break;
      ReplyPtr msg(static_cast<redisReply*>(raw));
      // ["message", "+switch-master", "<name> <old ip> <old port> <new ip> <new port>"]
      if (msg->type != REDIS_REPLY_ARRAY || msg->elements != 3 ||
          ReplyText(msg->element[0]) != "message") {
        continue;
      }
      std::vector<absl::string_view> parts = absl::StrSplit(ReplyText(msg->element[2]), ' ');
      if (parts.size() != 5 || parts[0] != master_name_) continue;
      const std::string primary = absl::StrCat(parts[3], ":", parts[4]);
      log::Warning("Redis primary switched", {{"master", master_name_},
                                              {"from", absl::StrCat(parts[1], ":", parts[2])},
                                              {"to", primary},
                                              {"sentinel", sentinel}});
      on_switch_(primary);
    }
  }
}

}  // namespace polylateral::redis
