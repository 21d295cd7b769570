#ifndef POLYLATERAL_COMMON_REDIS_REDIS_CLIENT_H_
#define POLYLATERAL_COMMON_REDIS_REDIS_CLIENT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/redis/redis_metrics.h"
#include "common/redis/redis_reply.h"
#include "common/redis/sentinel.h"

struct redisContext;

namespace polylateral::redis {

struct RedisOptions {
  // "host:port", or a unix socket path starting with '/'.
  std::string address = "127.0.0.1:6379";
  absl::Duration connect_timeout = absl::Seconds(1);
  // A command that takes longer fails with UNAVAILABLE and its connection is dropped.
  absl::Duration command_timeout = absl::Seconds(2);
  // Connections kept open; callers beyond that wait for one to come back.
  int max_connections = 16;
  // The ACL user every connection authenticates as (AUTH user password right after
  // connecting); empty with a password: the default user's password; both empty: no AUTH.
  std::string user;
  std::string password;
  // Sentinel mode when not empty: `address` is not used; the primary of `master_name` is asked
  // from these sentinels ("host:port" each) at every new connection, checked with ROLE, and
  // asked again after a +switch-master, a READONLY answer or a broken connection.
  std::vector<std::string> sentinels;
  std::string master_name;
  // Every write waits (WAIT, on the same connection, right after it) until this many replicas
  // have it, so an acknowledged write survives a failover; 0: writes do not wait.
  int min_replicas_ack = 0;
  absl::Duration replicas_ack_timeout = absl::Seconds(1);
};

// Whether a command only reads: reads never wait for replicas and may be retried.
bool IsReadOnlyCommand(absl::string_view command);

// Whether a command waits on purpose for something other than Redis to happen (XREAD /
// XREADGROUP with BLOCK, BLPOP and the other B* pops, WAIT, SUBSCRIBE...): its duration is the
// wait, not Redis's latency, so it is kept out of the latency histogram.
bool BlocksByDesign(const std::vector<absl::string_view>& argv);

// A Lua script run by EVALSHA. The SHA is learned from SCRIPT LOAD on first use and again
// after NOSCRIPT (a restarted or flushed Redis), so nothing has to be loaded at start-up and
// a Redis restart is invisible to callers.
class RedisScript final {
 public:
  // `name` labels the latency metric; keep it a short constant.
  RedisScript(std::string name, std::string source)
      : name_(std::move(name)), source_(std::move(source)) {}
  const std::string& name() const { return name_; }
  const std::string& source() const { return source_; }
  std::string sha() const;
  void set_sha(std::string sha);

 private:
  const std::string name_;
  const std::string source_;
  mutable absl::Mutex mu_;
  std::string sha_ ABSL_GUARDED_BY(mu_);
};

// Opens one hiredis connection to `address` ("host:port", or a unix socket path starting with
// '/'), for code that needs a connection of its own (a subscriber). The context may carry an
// error (check ->err); the caller frees it with redisFree.
absl::StatusOr<redisContext*> DialRedis(const std::string& address, absl::Duration connect_timeout);

// Sends AUTH with the options' credentials (nothing when there are none) on a fresh
// connection. A refusal (WRONGPASS, an unknown or disabled user) is UNAVAILABLE with reason
// REDIS_AUTH_FAILED and a message naming the user and Redis's error; the context stays usable
// only on success. hiredis 0.14 knows nothing of ACLs: AUTH is a plain command.
absl::Status AuthenticateRedis(redisContext* ctx, const RedisOptions& options);

// A thread-safe pool of synchronous hiredis connections. Each call borrows one connection,
// so calls from different worker threads run in parallel; a connection that failed is closed
// and the next call reconnects (to the primary of the moment, in Sentinel mode). Transport
// failures, a primary that turned replica (READONLY: REDIS_NOT_PRIMARY) and writes the replicas
// did not confirm in time (REDIS_REPLICAS_BEHIND) come back as UNAVAILABLE; Redis error replies
// (script errors, WRONGTYPE) come back as a Reply with is_error().
class RedisClient final {
 public:
  // `metrics` may be null (tools, tests).
  RedisClient(RedisOptions options, RedisMetrics* metrics);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // One command; `metric` labels its latency (defaults to the command name for a few
  // well-known commands, "other" else).
  absl::StatusOr<Reply> Command(const std::vector<absl::string_view>& argv,
                                absl::string_view metric = "");
  // Command for reads: retried once on a fresh connection when a pooled connection turns out
  // to be dead (a restarted Redis). Never use it for writes: a write that reached Redis
  // before the connection broke would run twice.
  absl::StatusOr<Reply> ReadCommand(const std::vector<absl::string_view>& argv,
                                    absl::string_view metric = "");
  // Several commands in one round trip; replies in order.
  absl::StatusOr<std::vector<Reply>> Pipeline(const std::vector<std::vector<std::string>>& commands,
                                              absl::string_view metric = "PIPELINE");
  // EVALSHA with transparent SCRIPT LOAD on NOSCRIPT.
  // `read_only`: the script writes nothing, so it is retried like ReadCommand.
  absl::StatusOr<Reply> Eval(RedisScript& script, const std::vector<std::string>& keys,
                             const std::vector<std::string>& args, bool read_only = false);
  // Whether Redis answers PING now (a fresh short-timeout connection that authenticates like
  // the pool's; used by health checks). Why it does not is logged once per change of reason,
  // not on every probe.
  bool Ping();
  // Closes idle connections (shutdown).
  void Close();

  RedisMetrics* metrics() const { return metrics_; }
  const RedisOptions& options() const { return options_; }
  // Where new connections go: `address`, or in Sentinel mode the primary the sentinels name.
  absl::StatusOr<std::string> PrimaryAddress();
  // Changes whenever the primary may have changed (a switch, READONLY): connections of its own
  // (the read caches' invalidations) reconnect when it does.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  struct ContextDeleter {
    void operator()(redisContext* c) const;
  };
  using Context = std::unique_ptr<redisContext, ContextDeleter>;

  struct Pooled {
    Context ctx;
    uint64_t generation = 0;
  };
  absl::StatusOr<Pooled> Acquire();
  void Release(Pooled pooled);
  // The primary may have changed: idle connections go, busy ones are dropped on release, the
  // next connection asks the sentinels again.
  void PrimaryChanged();
  // WAIT for min_replicas_ack replicas after a write on `ctx`.
  absl::Status WaitForReplicas(redisContext* ctx);
  absl::StatusOr<Reply> EvalOnce(RedisScript& script, const std::vector<std::string>& keys,
                                 const std::vector<std::string>& args, bool read_only);
  absl::StatusOr<Context> Connect(absl::Duration connect_timeout, absl::Duration command_timeout);
  absl::Status TransportError(redisContext* ctx, absl::string_view what);
  absl::StatusOr<Reply> CommandOn(redisContext* ctx, const std::vector<absl::string_view>& argv);
  // A READONLY answer: this node is no longer the primary.
  absl::Status NotPrimary(redisContext* ctx, absl::string_view error);

  const RedisOptions options_;
  RedisMetrics* const metrics_;
  absl::Mutex mu_;
  std::vector<Pooled> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  // The last reason Ping failed ("" after a success), so that a lasting failure logs once.
  absl::Mutex ping_mu_;
  std::string ping_failure_ ABSL_GUARDED_BY(ping_mu_);
  std::atomic<uint64_t> generation_{0};
  // Sentinel mode: the primary last named ("" to ask again), and the +switch-master listener.
  absl::Mutex primary_mu_;
  std::string primary_ ABSL_GUARDED_BY(primary_mu_);
  std::unique_ptr<SentinelWatcher> watcher_;
};

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_REDIS_CLIENT_H_
