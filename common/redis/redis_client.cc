#include "common/redis/redis_client.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>
#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/log/log.h"

namespace polylateral::redis {
namespace {

timeval AsTimeval(absl::Duration d) { return absl::ToTimeval(d); }

absl::string_view DefaultMetric(absl::string_view command) {
  for (absl::string_view known : {"GET", "SET", "DEL", "PING", "ZRANGE", "ZRANGEBYLEX", "XADD",
                                  "XREADGROUP", "EVALSHA", "SCRIPT", "FLUSHALL", "HGETALL"}) {
    if (command.size() == known.size() &&
        std::equal(command.begin(), command.end(), known.begin(),
                   [](char a, char b) { return std::toupper(a) == b; })) {
      return known;
    }
  }
  return "other";
}

class Timer {
 public:
  Timer() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

bool IsReadOnlyCommand(absl::string_view command) {
  static constexpr absl::string_view kReads[] = {
      "GET",           "MGET",        "EXISTS", "TYPE",    "TTL",       "PTTL",   "HGET",
      "HMGET",         "HGETALL",     "HLEN",   "HEXISTS", "HKEYS",     "SCARD",  "SMEMBERS",
      "SISMEMBER",     "SRANDMEMBER", "ZCARD",  "ZCOUNT",  "ZSCORE",    "ZRANGE", "ZRANGEBYLEX",
      "ZRANGEBYSCORE", "ZREVRANGE",   "XLEN",   "XRANGE",  "XREVRANGE", "XREAD",  "XPENDING",
      "XINFO",         "SCAN",        "PING",   "TIME",    "ROLE",      "INFO",   "WAIT"};
  for (absl::string_view read : kReads) {
    if (absl::EqualsIgnoreCase(command, read)) return true;
  }
  return false;
}

bool BlocksByDesign(const std::vector<absl::string_view>& argv) {
  if (argv.empty()) return false;
  const absl::string_view command = argv.front();
  if (absl::EqualsIgnoreCase(command, "XREAD") || absl::EqualsIgnoreCase(command, "XREADGROUP")) {
    return std::any_of(argv.begin() + 1, argv.end(),
                       [](absl::string_view a) { return absl::EqualsIgnoreCase(a, "BLOCK"); });
  }
  static constexpr absl::string_view kBlocking[] = {
      "BLPOP",  "BRPOP", "BRPOPLPUSH", "BLMOVE",    "BLMPOP",     "BZPOPMIN",   "BZPOPMAX",
      "BZMPOP", "WAIT",  "WAITAOF",    "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR"};
  for (absl::string_view blocking : kBlocking) {
    if (absl::EqualsIgnoreCase(command, blocking)) return true;
  }
  return false;
}

std::string RedisScript::sha() const {
  absl::MutexLock lock(&mu_);
  return sha_;
}

void RedisScript::set_sha(std::string sha) {
  absl::MutexLock lock(&mu_);
  sha_ = std::move(sha);
}

void RedisClient::ContextDeleter::operator()(redisContext* c) const { redisFree(c); }

RedisClient::RedisClient(RedisOptions options, RedisMetrics* metrics)
    : options_(std::move(options)), metrics_(metrics) {
  if (metrics_ != nullptr) {
    for (absl::string_view m :
         {"GET", "SET", "DEL", "PING", "ZRANGE", "ZRANGEBYLEX", "XADD", "XREADGROUP", "EVALSHA",
          "SCRIPT", "FLUSHALL", "HGETALL", "PIPELINE"}) {
      metrics_->RegisterCommand(m);
    }
  }
  if (!options_.sentinels.empty()) {
    watcher_ = std::make_unique<SentinelWatcher>(options_.sentinels, options_.master_name,
                                                 [this](const std::string& primary) {
                                                   PrimaryChanged();
                                                   absl::MutexLock lock(&primary_mu_);
                                                   primary_ = primary;
                                                 });
  }
}

absl::StatusOr<std::string> RedisClient::PrimaryAddress() {
  if (options_.sentinels.empty()) return options_.address;
  {
    absl::MutexLock lock(&primary_mu_);
    if (!primary_.empty()) return primary_;
  }
  auto asked = AskSentinelsForPrimary(options_.sentinels, options_.master_name,
                                      std::max(options_.connect_timeout, absl::Milliseconds(500)));
  if (!asked.ok()) return asked.status();
  absl::MutexLock lock(&primary_mu_);
  primary_ = *asked;
  return primary_;
}

void RedisClient::PrimaryChanged() {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  {
    absl::MutexLock lock(&primary_mu_);
    primary_.clear();
  }
  absl::MutexLock lock(&mu_);
  open_ -= static_cast<int>(idle_.size());
  idle_.clear();
}

RedisClient::~RedisClient() { Close(); }

void RedisClient::Close() {
  absl::MutexLock lock(&mu_);
  open_ -= static_cast<int>(idle_.size());
  idle_.clear();
}

absl::StatusOr<redisContext*> DialRedis(const std::string& address,
                                        absl::Duration connect_timeout) {
  timeval tv = AsTimeval(connect_timeout);
  if (!address.empty() && address.front() == '/') {
    return redisConnectUnixWithTimeout(address.c_str(), tv);
  }
  std::string host = address;
  int port = 6379;
  size_t colon = host.rfind(':');
  if (colon != std::string::npos) {
    if (!absl::SimpleAtoi(host.substr(colon + 1), &port)) {
      return absl::InvalidArgumentError(absl::StrCat("bad redis address: ", address));
    }
    host.resize(colon);
  }
  return redisConnectWithTimeout(host.c_str(), port, tv);
}

absl::Status AuthenticateRedis(redisContext* ctx, const RedisOptions& options) {
  if (options.user.empty() && options.password.empty()) return absl::OkStatus();
  std::vector<const char*> argv = {"AUTH"};
  std::vector<size_t> lens = {4};
  if (!options.user.empty()) {
    argv.push_back(options.user.data());
    lens.push_back(options.user.size());
  }
  argv.push_back(options.password.data());
  lens.push_back(options.password.size());
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(ctx, static_cast<int>(argv.size()), argv.data(), lens.data()));
  const std::string user = options.user.empty() ? "default" : options.user;
  if (reply == nullptr) {
    if (ctx->err == 0) ctx->err = REDIS_ERR_IO;
    return Unavailable("REDIS_UNAVAILABLE",
                       absl::StrCat("Redis AUTH as user '", user, "' failed: ", ctx->errstr));
  }
  Reply owned(reply);
  if (owned.is_error()) {
    // The connection is unauthenticated: make sure nobody uses it.
    ctx->err = REDIS_ERR_OTHER;
    return Unavailable("REDIS_AUTH_FAILED",
                       absl::StrCat("Redis refused AUTH as user '", user, "': ", owned.str()));
  }
  return absl::OkStatus();
}

absl::StatusOr<RedisClient::Context> RedisClient::Connect(absl::Duration connect_timeout,
                                                          absl::Duration command_timeout) {
  auto address = PrimaryAddress();
  if (!address.ok()) {
    if (metrics_ != nullptr) metrics_->CountError("connect");
    return address.status();
  }
  auto raw = DialRedis(*address, connect_timeout);
  if (!raw.ok()) return raw.status();
  Context ctx(*raw);
  if (ctx == nullptr || ctx->err != 0) {
    if (metrics_ != nullptr) metrics_->CountError("connect");
    // The primary the sentinels named may be the one that just died: ask them again next time.
    if (!options_.sentinels.empty()) PrimaryChanged();
    return Unavailable("REDIS_UNAVAILABLE",
                       absl::StrCat("cannot connect to Redis at ", *address, ": ",
                                    ctx ? ctx->errstr : "out of memory"));
  }
  timeval ctv = AsTimeval(command_timeout);
  redisSetTimeout(ctx.get(), ctv);
  if (absl::Status auth = AuthenticateRedis(ctx.get(), options_); !auth.ok()) {
    if (metrics_ != nullptr) metrics_->CountError("connect");
    return auth;
  }
  if (!options_.sentinels.empty()) {
    // A sentinel can name a node before it has heard of a failover; only a primary will do.
    auto role = CommandOn(ctx.get(), {"ROLE"});
    if (!role.ok()) return role.status();
    if (!role->is_array() || role->size() == 0 || (*role)[0].str() != "master") {
      if (metrics_ != nullptr) metrics_->CountError("connect");
      PrimaryChanged();
      return Unavailable(
          "REDIS_NOT_PRIMARY",
          absl::StrCat("Redis at ", *address, " named as primary of ", options_.master_name,
                       " is not one (ROLE ", role->DebugString(), ")"));
    }
  }
  return ctx;
}

absl::StatusOr<RedisClient::Pooled> RedisClient::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.max_connections;
    };
    mu_.Await(absl::Condition(&available));
    if (!idle_.empty()) {
      Pooled pooled = std::move(idle_.back());
      idle_.pop_back();
      return pooled;
    }
    ++open_;  // reserve the slot before connecting outside the lock
  }
  const uint64_t generation = generation_.load(std::memory_order_acquire);
  auto ctx = Connect(options_.connect_timeout, options_.command_timeout);
  if (!ctx.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    return ctx.status();
  }
  return Pooled{*std::move(ctx), generation};
}

void RedisClient::Release(Pooled pooled) {
  const Context& ctx = pooled.ctx;
  absl::MutexLock lock(&mu_);
  if (pooled.generation != generation_.load(std::memory_order_acquire) && ctx != nullptr &&
      ctx->err == 0) {
    // Opened to a primary that may have changed since.
    --open_;
    return;
  }
  if (ctx == nullptr || ctx->err != 0) {
    // A broken connection is dropped, and so are the idle ones: they were opened to the same
    // server and are most likely dead too (Redis restarted). The next Acquire reconnects.
    --open_;
    open_ -= static_cast<int>(idle_.size());
    idle_.clear();
    if (!options_.sentinels.empty()) {
      absl::MutexLock primary_lock(&primary_mu_);
      primary_.clear();
    }
    return;
  }
  idle_.push_back(std::move(pooled));
}

absl::Status RedisClient::TransportError(redisContext* ctx, absl::string_view what) {
  bool timeout = ctx->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK);
  if (metrics_ != nullptr) metrics_->CountError(timeout ? "timeout" : "io");
  // Make sure the connection is not reused even if hiredis left err unset.
  if (ctx->err == 0) ctx->err = REDIS_ERR_IO;
  return Unavailable("REDIS_UNAVAILABLE", absl::StrCat("Redis ", what, " failed: ", ctx->errstr));
}

absl::StatusOr<Reply> RedisClient::CommandOn(redisContext* ctx,
                                             const std::vector<absl::string_view>& argv) {
  std::vector<const char*> ptrs;
  std::vector<size_t> lens;
  ptrs.reserve(argv.size());
  lens.reserve(argv.size());
  for (absl::string_view a : argv) {
    ptrs.push_back(a.data());
    lens.push_back(a.size());
  }
  void* raw = redisCommandArgv(ctx, static_cast<int>(argv.size()), ptrs.data(), lens.data());
  if (raw == nullptr) return TransportError(ctx, "command");
  Reply reply(static_cast<redisReply*>(raw));
  if (reply.is_error() && absl::StartsWith(reply.str(), "READONLY")) {
    return NotPrimary(ctx, reply.str());
  }
  return reply;
}

absl::Status RedisClient::NotPrimary(redisContext* ctx, absl::string_view error) {
  if (metrics_ != nullptr) metrics_->CountError("not_primary");
  ctx->err = REDIS_ERR_OTHER;  // never reused
  PrimaryChanged();
  return Unavailable("REDIS_NOT_PRIMARY",
                     absl::StrCat("Redis answered as a replica (a failover): ", error));
}

absl::Status RedisClient::WaitForReplicas(redisContext* ctx) {
  if (options_.min_replicas_ack <= 0) return absl::OkStatus();
  const std::string replicas = std::to_string(options_.min_replicas_ack);
  const std::string timeout_ms = std::to_string(
      std::max<int64_t>(1, absl::ToInt64Milliseconds(options_.replicas_ack_timeout)));
  // Not timed: WAIT blocks by design (BlocksByDesign); replicas that do not confirm in time
  // are counted as "replicas_behind" errors below.
  auto acked = CommandOn(ctx, {"WAIT", replicas, timeout_ms});
  if (!acked.ok()) return acked.status();
  if (!acked->is_integer() || acked->integer() < options_.min_replicas_ack) {
    if (metrics_ != nullptr) metrics_->CountError("replicas_behind");
    return Unavailable(
        "REDIS_REPLICAS_BEHIND",
        absl::StrCat("the write reached the Redis primary but ",
                     acked->is_integer() ? std::to_string(acked->integer()) : acked->DebugString(),
                     " of ", replicas, " replicas confirmed it within ", timeout_ms,
                     " ms; a failover may lose it: retry with the same request id"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Reply> RedisClient::Command(const std::vector<absl::string_view>& argv,
                                           absl::string_view metric) {
  if (metric.empty()) metric = argv.empty() ? "other" : DefaultMetric(argv.front());
  auto pooled = Acquire();
  if (!pooled.ok()) return pooled.status();
  redisContext* ctx = pooled->ctx.get();
  Timer timer;
  auto reply = CommandOn(ctx, argv);
  if (metrics_ != nullptr && !BlocksByDesign(argv))
    metrics_->ObserveLatency(metric, timer.Seconds());
  if (options_.min_replicas_ack > 0 && reply.ok() && !reply->is_error() && !argv.empty() &&
      !IsReadOnlyCommand(argv.front())) {
    if (absl::Status acked = WaitForReplicas(ctx); !acked.ok()) reply = acked;
  }
  Release(*std::move(pooled));
  return reply;
}

absl::StatusOr<Reply> RedisClient::ReadCommand(const std::vector<absl::string_view>& argv,
                                               absl::string_view metric) {
  auto reply = Command(argv, metric);
  if (reply.ok() || reply.status().code() != absl::StatusCode::kUnavailable) return reply;
  return Command(argv, metric);
}

absl::StatusOr<std::vector<Reply>> RedisClient::Pipeline(
    const std::vector<std::vector<std::string>>& commands, absl::string_view metric) {
  auto pooled = Acquire();
  if (!pooled.ok()) return pooled.status();
  Context* ctx = &pooled->ctx;
  Timer timer;
  std::vector<Reply> replies;
  replies.reserve(commands.size());
  absl::Status status;
  for (const auto& cmd : commands) {
    std::vector<const char*> ptrs;
    std::vector<size_t> lens;
    for (const auto& a : cmd) {
      ptrs.push_back(a.data());
      lens.push_back(a.size());
    }
    if (redisAppendCommandArgv(ctx->get(), static_cast<int>(cmd.size()), ptrs.data(),
                               lens.data()) != REDIS_OK) {
      status = TransportError(ctx->get(), "pipeline append");
      break;
    }
  }
  for (size_t i = 0; status.ok() && i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(ctx->get(), &raw) != REDIS_OK || raw == nullptr) {
      status = TransportError(ctx->get(), "pipeline read");
      break;
    }
    replies.emplace_back(static_cast<redisReply*>(raw));
    if (replies.back().is_error() && absl::StartsWith(replies.back().str(), "READONLY")) {
      status = NotPrimary(ctx->get(), replies.back().str());
    }
  }
  if (metrics_ != nullptr) metrics_->ObserveLatency(metric, timer.Seconds());
  if (status.ok() && options_.min_replicas_ack > 0 &&
      std::any_of(commands.begin(), commands.end(), [](const auto& cmd) {
        return !cmd.empty() && !IsReadOnlyCommand(cmd.front());
      })) {
    status = WaitForReplicas(ctx->get());
  }
  Release(*std::move(pooled));
  if (!status.ok()) return status;
  return replies;
}

absl::StatusOr<Reply> RedisClient::Eval(RedisScript& script, const std::vector<std::string>& keys,
                                        const std::vector<std::string>& args, bool read_only) {
  auto reply = EvalOnce(script, keys, args, read_only);
  if (!read_only || reply.ok() || reply.status().code() != absl::StatusCode::kUnavailable) {
    return reply;
  }
  return EvalOnce(script, keys, args, read_only);
}

absl::StatusOr<Reply> RedisClient::EvalOnce(RedisScript& script,
                                            const std::vector<std::string>& keys,
                                            const std::vector<std::string>& args, bool read_only) {
  auto pooled = Acquire();
  if (!pooled.ok()) return pooled.status();
  Context* ctx = &pooled->ctx;
  Timer timer;
  const std::string numkeys = std::to_string(keys.size());
  absl::StatusOr<Reply> result = absl::UnknownError("unreached");
  // Two rounds at most: the second after loading the script into a Redis that lost it.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string sha = script.sha();
    if (sha.empty()) {
      auto loaded = CommandOn(ctx->get(), {"SCRIPT", "LOAD", script.source()});
      if (!loaded.ok()) {
        result = loaded.status();
        break;
      }
      if (!loaded->is_string()) {
        result = absl::InternalError(
            absl::StrCat("SCRIPT LOAD ", script.name(), ": ", loaded->DebugString()));
        break;
      }
      sha = std::string(loaded->str());
      script.set_sha(sha);
    }
    std::vector<absl::string_view> argv = {"EVALSHA", sha, numkeys};
    for (const auto& k : keys) argv.push_back(k);
    for (const auto& a : args) argv.push_back(a);
    result = CommandOn(ctx->get(), argv);
    if (result.ok() && result->is_error() && absl::StartsWith(result->str(), "NOSCRIPT")) {
      script.set_sha("");
      continue;
    }
    break;
  }
  if (metrics_ != nullptr) metrics_->ObserveLatency(script.name(), timer.Seconds());
  // A refusal (an error reply) wrote nothing: the scripts refuse before their first write.
  if (!read_only && result.ok() && !result->is_error()) {
    if (absl::Status acked = WaitForReplicas(ctx->get()); !acked.ok()) result = acked;
  }
  Release(*std::move(pooled));
  return result;
}

bool RedisClient::Ping() {
  std::string failure;
  auto ctx = Connect(absl::Milliseconds(500), absl::Milliseconds(500));
  if (!ctx.ok()) {
    failure = std::string(ctx.status().message());
  } else {
    auto reply = CommandOn(ctx->get(), {"PING"});
    if (!reply.ok()) {
      failure = std::string(reply.status().message());
    } else if (!reply->is_string() || reply->str() != "PONG") {
      // NOPERM here means the user may not PING: an ACL that forgot the health check.
      failure = absl::StrCat("PING as user '", options_.user.empty() ? "default" : options_.user,
                             "' answered ", reply->DebugString());
    }
  }
  absl::MutexLock lock(&ping_mu_);
  if (failure != ping_failure_) {
    if (!failure.empty()) {
      log::Error("Redis health check failing",
                 {{"redis", options_.address},
                  {"user", options_.user.empty() ? "default" : options_.user},
                  {"error", failure}});
    }
    ping_failure_ = failure;
  }
  return failure.empty();
}

}  // namespace polylateral::redis
