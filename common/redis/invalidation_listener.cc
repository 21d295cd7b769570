#include "common/redis/invalidation_listener.h"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/redis/raw_connection.h"
#include "common/redis/redis_client.h"

namespace polylateral::redis {
namespace {}  // namespace

InvalidationListener::InvalidationListener(RedisClient* client, std::string prefix,
                                           InvalidationTarget* target, RedisMetrics* metrics)
    : client_(client),
      prefix_(std::move(prefix)),
      target_(target),
      metrics_(metrics),
      thread_([this] { Run(); }) {}

InvalidationListener::~InvalidationListener() {
  stop_.store(true, std::memory_order_release);
  thread_.join();
  target_->Reset(/*tracking=*/false);
}

bool InvalidationListener::WaitTracking(absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (!tracking()) {
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

void InvalidationListener::Run() {
  while (!stop_.load(std::memory_order_acquire)) {
    Session();
    if (tracking_.exchange(false, std::memory_order_acq_rel)) {
      target_->Reset(/*tracking=*/false);
      if (stop_.load(std::memory_order_acquire)) break;
      log::Warning("cache invalidations lost; reads bypass the cache until Redis is back",
                   {{"prefix", prefix_}});
    }
    // Sleep in short steps so that shutdown is not held up.
    for (absl::Duration slept; slept < kReconnectDelay && !stop_.load(); slept += kPollInterval) {
      absl::SleepFor(kPollInterval);
    }
  }
}

void InvalidationListener::Session() {
  const uint64_t generation = client_->generation();
  auto address = client_->PrimaryAddress();
  if (!address.ok()) return;
  auto dialed = DialRedis(*address, absl::Seconds(1));
  if (!dialed.ok()) return;
  ContextPtr ctx(*dialed);
  if (ctx == nullptr || ctx->err != 0) {
    if (metrics_ != nullptr) metrics_->CountError("connect");
    return;
  }
  timeval setup_timeout = absl::ToTimeval(absl::Seconds(2));
  redisSetTimeout(ctx.get(), setup_timeout);
  // A refused AUTH is retried quietly: the health check names it (RedisClient::Ping).
  if (!AuthenticateRedis(ctx.get(), client_->options()).ok()) {
    if (metrics_ != nullptr) metrics_->CountError("connect");
    return;
  }
  ReplyPtr id = Call(ctx.get(), {"CLIENT", "ID"});
  if (id == nullptr || id->type != REDIS_REPLY_INTEGER) return;
  ReplyPtr on = Call(ctx.get(), {"CLIENT", "TRACKING", "on", "REDIRECT", absl::StrCat(id->integer),
                                 "BCAST", "PREFIX", prefix_});
  if (ReplyText(on.get()) != "OK") {
    log::Error("CLIENT TRACKING refused", {{"prefix", prefix_}});
    return;
  }
  ReplyPtr sub = Call(ctx.get(), {"SUBSCRIBE", "__redis__:invalidate"});
  if (sub == nullptr || sub->type != REDIS_REPLY_ARRAY) return;
  // Anything cached before this point may have missed an invalidation.
  target_->Reset(/*tracking=*/true);
  tracking_.store(true, std::memory_order_release);

  pollfd pfd{ctx->fd, POLLIN, 0};
  const int poll_ms = static_cast<int>(absl::ToInt64Milliseconds(kPollInterval));
  while (!stop_.load(std::memory_order_acquire)) {
    // The primary changed: invalidations now come from another node, and writes made there
    // before this connection moves may be missed, so start over (the cache resets).
    if (client_->generation() != generation) return;
    pfd.revents = 0;
    int ready = poll(&pfd, 1, poll_ms);
    if (ready < 0 && errno != EINTR) return;
    if (ready <= 0) continue;
    if (redisBufferRead(ctx.get()) != REDIS_OK) {
      if (metrics_ != nullptr) metrics_->CountError("io");
      return;
    }
    for (;;) {
      void* raw = nullptr;
      if (redisGetReplyFromReader(ctx.get(), &raw) != REDIS_OK) return;
      if (raw == nullptr) break;
      ReplyPtr msg(static_cast<redisReply*>(raw));
      // ["message", "__redis__:invalidate", [key, ...]] or a null payload for FLUSHALL.
      if (msg->type != REDIS_REPLY_ARRAY || msg->elements != 3 ||
          ReplyText(msg->element[0]) != "message") {
        continue;
      }
      const redisReply* keys = msg->element[2];
      if (keys->type == REDIS_REPLY_ARRAY) {
        for (size_t i = 0; i < keys->elements; ++i) {
          const redisReply* k = keys->element[i];
          if (k->type == REDIS_REPLY_STRING) target_->Invalidate(absl::string_view(k->str, k->len));
        }
      } else {
        target_->Reset(/*tracking=*/true);
      }
    }
  }
}

}  // namespace polylateral::redis
