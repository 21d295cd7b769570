#include "common/redis/redis_client.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

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
                                                          absl::Duration command_timeout) const {
  auto raw = DialRedis(options_.address, connect_timeout);
  if (!raw.ok()) return raw.status();
  Context ctx(*raw);
  if (ctx == nullptr || ctx->err != 0) {
    if (metrics_ != nullptr) metrics_->CountError("connect");
    return Unavailable("REDIS_UNAVAILABLE",
                       absl::StrCat("cannot connect to Redis at ", options_.address, ": ",
                                    ctx ? ctx->errstr : "out of memory"));
  }
  timeval ctv = AsTimeval(command_timeout);
  redisSetTimeout(ctx.get(), ctv);
  if (absl::Status auth = AuthenticateRedis(ctx.get(), options_); !auth.ok()) {
    if (metrics_ != nullptr) metrics_->CountError("connect");
    return auth;
  }
  return ctx;
}

absl::StatusOr<RedisClient::Context> RedisClient::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.max_connections;
    };
    mu_.Await(absl::Condition(&available));
    if (!idle_.empty()) {
      Context ctx = std::move(idle_.back());
      idle_.pop_back();
      return ctx;
    }
    ++open_;  // reserve the slot before connecting outside the lock
  }
  auto ctx = Connect(options_.connect_timeout, options_.command_timeout);
  if (!ctx.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
  }
  return ctx;
}

void RedisClient::Release(Context ctx) {
  absl::MutexLock lock(&mu_);
  if (ctx == nullptr || ctx->err != 0) {
    // A broken connection is dropped, and so are the idle ones: they were opened to the same
    // server and are most likely dead too (Redis restarted). The next Acquire reconnects.
    --open_;
    open_ -= static_cast<int>(idle_.size());
    idle_.clear();
    return;
  }
  idle_.push_back(std::move(ctx));
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
  return Reply(static_cast<redisReply*>(raw));
}

absl::StatusOr<Reply> RedisClient::Command(const std::vector<absl::string_view>& argv,
                                           absl::string_view metric) {
  if (metric.empty()) metric = argv.empty() ? "other" : DefaultMetric(argv.front());
  auto ctx = Acquire();
  if (!ctx.ok()) return ctx.status();
  Timer timer;
  auto reply = CommandOn(ctx->get(), argv);
  if (metrics_ != nullptr) metrics_->ObserveLatency(metric, timer.Seconds());
  Release(std::move(*ctx));
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
  auto ctx = Acquire();
  if (!ctx.ok()) return ctx.status();
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
  }
  if (metrics_ != nullptr) metrics_->ObserveLatency(metric, timer.Seconds());
  Release(std::move(*ctx));
  if (!status.ok()) return status;
  return replies;
}

absl::StatusOr<Reply> RedisClient::Eval(RedisScript& script, const std::vector<std::string>& keys,
                                        const std::vector<std::string>& args, bool read_only) {
  auto reply = EvalOnce(script, keys, args);
  if (!read_only || reply.ok() || reply.status().code() != absl::StatusCode::kUnavailable) {
    return reply;
  }
  return EvalOnce(script, keys, args);
}

absl::StatusOr<Reply> RedisClient::EvalOnce(RedisScript& script,
                                            const std::vector<std::string>& keys,
                                            const std::vector<std::string>& args) {
  auto ctx = Acquire();
  if (!ctx.ok()) return ctx.status();
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
  Release(std::move(*ctx));
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
