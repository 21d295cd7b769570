#ifndef POLYLATERAL_COMMON_TESTING_REDIS_SERVER_H_
#define POLYLATERAL_COMMON_TESTING_REDIS_SERVER_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "common/redis/redis_client.h"

namespace polylateral::testing {

// Whether a RedisServer runs with the suite's ACL users (deploy/redis/acl-rules.conf, embedded
// at build time), each with a fresh random password, and `default` switched off.
enum class RedisAcl { kOff, kServiceUsers };

// A real redis-server child process on a free loopback port with its own data directory
// (AOF on, fsync on every write), for integration tests. Stop and Start again keep the port
// and the data, so tests can restart Redis and check that nothing acknowledged was lost.
class RedisServer final {
 public:
  explicit RedisServer(RedisAcl acl = RedisAcl::kOff);
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // Starts the server and waits until it answers PING; aborts the test binary if it cannot.
  void Start();
  // SIGTERM (Redis flushes the AOF) and wait.
  void Stop();
  // SIGKILL and wait: a crash.
  void Kill();
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  // "127.0.0.1:<port>".
  std::string address() const;
  const std::string& dir() const { return dir_; }
  bool acl() const { return !passwords_.empty(); }
  // Options to connect as `user`: "admin" may do anything (fixtures: FLUSHALL, inspection),
  // "registry", "accreditation", ... are the services' users. Without ACL users: the address
  // only, whatever the user.
  redis::RedisOptions Options(const std::string& user = "admin") const;
  // A file holding `user`'s password, for service binaries (--redis_password_file).
  std::string PasswordFile(const std::string& user) const;

  // More redis-server arguments ("--name", "value", ...) for the next Start.
  void AddArguments(const std::vector<std::string>& args) {
    extra_args_.insert(extra_args_.end(), args.begin(), args.end());
  }
  // Makes this (not yet started) server a replica of `primary`: the same ACL users and
  // passwords, replicating as its admin user.
  void ReplicateFrom(const RedisServer& primary);

 private:
  void WaitUntil(bool up);
  void WriteAclFile();
  int port_ = 0;
  std::vector<std::string> extra_args_;
  // user -> password; empty without ACL users.
  std::map<std::string, std::string> passwords_;
  pid_t pid_ = -1;
  std::string dir_;
};

// A free TCP port on 127.0.0.1 (bound to 0 and released).
int FreeLoopbackPort();

// A real Redis Sentinel (redis-server --sentinel) on a free loopback port, monitoring
// `master_name` at `primary` with quorum `quorum`, down after `down_after_ms`; it authenticates
// to the data nodes as their admin user when they run with ACL users.
class RedisSentinel final {
 public:
  RedisSentinel(const RedisServer& primary, const std::string& master_name, int quorum,
                int down_after_ms);
  ~RedisSentinel();
  RedisSentinel(const RedisSentinel&) = delete;
  RedisSentinel& operator=(const RedisSentinel&) = delete;
  std::string address() const;

 private:
  int port_ = 0;
  pid_t pid_ = -1;
  std::string dir_;
};

}  // namespace polylateral::testing

#endif  // POLYLATERAL_COMMON_TESTING_REDIS_SERVER_H_
