#include "common/testing/redis_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/redis/redis_client.h"

namespace polylateral::testing {

int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::perror("no free loopback port");
    std::abort();
  }
  close(fd);
  return ntohs(addr.sin_port);
}

RedisServer::RedisServer() {
  char tmpl[] = "/tmp/polylateral-redis-XXXXXX";
  dir_ = mkdtemp(tmpl);
  port_ = FreeLoopbackPort();
}

RedisServer::~RedisServer() {
  if (running()) Kill();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string RedisServer::address() const { return absl::StrCat("127.0.0.1:", port_); }

void RedisServer::Start() {
  if (running()) return;
  std::string port = std::to_string(port_);
  pid_ = fork();
  if (pid_ == 0) {
    // Quiet child: the test output is for assertions.
    freopen("/dev/null", "w", stdout);
    execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1", "--dir",
           dir_.c_str(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
           "--daemonize", "no", "--logfile", (dir_ + "/redis.log").c_str(), nullptr);
    std::perror("exec redis-server");
    _exit(127);
  }
  WaitUntil(true);
}

void RedisServer::Stop() {
  if (!running()) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void RedisServer::Kill() {
  if (!running()) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void RedisServer::WaitUntil(bool up) {
  redis::RedisOptions options;
  options.address = address();
  redis::RedisClient client(options, nullptr);
  for (int i = 0; i < 500; ++i) {
    if (client.Ping() == up) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) break;
    absl::SleepFor(absl::Milliseconds(10));
  }
  std::fprintf(stderr, "redis-server on port %d did not start (see %s/redis.log)\n", port_,
               dir_.c_str());
  std::abort();
}

}  // namespace polylateral::testing
