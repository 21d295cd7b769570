#ifndef POLYLATERAL_COMMON_TESTING_REDIS_SERVER_H_
#define POLYLATERAL_COMMON_TESTING_REDIS_SERVER_H_

#include <sys/types.h>

#include <string>

namespace polylateral::testing {

// A real redis-server child process on a free loopback port with its own data directory
// (AOF on, fsync on every write), for integration tests. Stop and Start again keep the port
// and the data, so tests can restart Redis and check that nothing acknowledged was lost.
class RedisServer final {
 public:
  RedisServer();
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

 private:
  void WaitUntil(bool up);
  int port_ = 0;
  pid_t pid_ = -1;
  std::string dir_;
};

// A free TCP port on 127.0.0.1 (bound to 0 and released).
int FreeLoopbackPort();

}  // namespace polylateral::testing

#endif  // POLYLATERAL_COMMON_TESTING_REDIS_SERVER_H_
