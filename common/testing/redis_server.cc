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
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/redis/redis_client.h"

namespace polylateral::testing {
namespace acl {
extern const char kAclRulesConf[];
}  // namespace acl

namespace {

std::string RandomPassword() {
  std::random_device random;
  std::string out;
  for (int i = 0; i < 24; ++i) absl::StrAppend(&out, absl::Hex(random() & 0xff, absl::kZeroPad2));
  return out;
}

}  // namespace

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

RedisServer::RedisServer(RedisAcl acl) {
  char tmpl[] = "/tmp/polylateral-redis-XXXXXX";
  dir_ = mkdtemp(tmpl);
  port_ = FreeLoopbackPort();
  if (acl == RedisAcl::kServiceUsers) WriteAclFile();
}

// The same users.acl scripts/redis-acl writes: every user of the rules file with a password,
// but `default` and the `nopass` ones.
void RedisServer::WriteAclFile() {
  std::ostringstream out;
  for (absl::string_view line : absl::StrSplit(acl::kAclRulesConf, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    std::pair<std::string, std::string> user_rules = absl::StrSplit(line, absl::MaxSplits(' ', 1));
    auto& [user, rules] = user_rules;
    if (user == "default" || absl::StrContains(absl::StrCat(" ", rules, " "), " nopass ")) {
      out << "user " << user << " " << rules << "\n";
      if (user != "default") passwords_[user] = "";  // any password will do
      continue;
    }
    std::string password = RandomPassword();
    out << "user " << user << " on >" << password << " " << rules << "\n";
    std::ofstream(PasswordFile(user)) << password << "\n";
    passwords_[user] = std::move(password);
  }
  std::ofstream(dir_ + "/users.acl") << out.str();
}

void RedisServer::ReplicateFrom(const RedisServer& primary) {
  passwords_ = primary.passwords_;
  if (acl()) {
    std::filesystem::copy_file(primary.dir() + "/users.acl", dir_ + "/users.acl",
                               std::filesystem::copy_options::overwrite_existing);
    for (const auto& [user, password] : passwords_) {
      if (!password.empty()) std::ofstream(PasswordFile(user)) << password << "\n";
    }
    extra_args_ = {"--masteruser", "admin", "--masterauth", passwords_.at("admin")};
  }
  extra_args_.insert(extra_args_.end(),
                     {"--replicaof", "127.0.0.1", std::to_string(primary.port())});
}

std::string RedisServer::PasswordFile(const std::string& user) const {
  return absl::StrCat(dir_, "/", user, ".password");
}

redis::RedisOptions RedisServer::Options(const std::string& user) const {
  redis::RedisOptions o;
  o.address = address();
  if (!acl()) return o;
  auto it = passwords_.find(user);
  if (it == passwords_.end()) {
    std::fprintf(stderr, "RedisServer: no ACL user %s in deploy/redis/acl-rules.conf\n",
                 user.c_str());
    std::abort();
  }
  o.user = user;
  o.password = it->second;
  return o;
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
    const std::string log = dir_ + "/redis.log";
    const std::string acl_file = dir_ + "/users.acl";
    std::vector<const char*> argv = {
        "redis-server", "--port",    port.c_str(),    "--bind", "127.0.0.1", "--dir", dir_.c_str(),
        "--appendonly", "yes",       "--appendfsync", "always", "--save",    "",      "--daemonize",
        "no",           "--logfile", log.c_str()};
    if (acl()) {
      argv.push_back("--aclfile");
      argv.push_back(acl_file.c_str());
    }
    for (const std::string& arg : extra_args_) argv.push_back(arg.c_str());
    argv.push_back(nullptr);
    execvp("redis-server", const_cast<char* const*>(argv.data()));
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
  // Plain PINGs, not RedisClient::Ping: a server still starting is expected here, not an
  // error to log.
  redis::RedisClient client(Options(), nullptr);
  for (int i = 0; i < 500; ++i) {
    auto pong = client.Command({"PING"});
    if ((pong.ok() && pong->is_string() && pong->str() == "PONG") == up) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) break;
    absl::SleepFor(absl::Milliseconds(10));
  }
  std::fprintf(stderr, "redis-server on port %d did not start (see %s/redis.log)\n", port_,
               dir_.c_str());
  std::abort();
}

}  // namespace polylateral::testing

namespace polylateral::testing {

RedisSentinel::RedisSentinel(const RedisServer& primary, const std::string& master_name, int quorum,
                             int down_after_ms) {
  char tmpl[] = "/tmp/polylateral-sentinel-XXXXXX";
  dir_ = mkdtemp(tmpl);
  port_ = FreeLoopbackPort();
  const std::string conf = dir_ + "/sentinel.conf";
  {
    // Sentinel rewrites its configuration file as it learns: it must be its own and writable.
    std::ofstream out(conf);
    out << "port " << port_ << "\nbind 127.0.0.1\ndir " << dir_ << "\nlogfile " << dir_
        << "/sentinel.log\n"
        << "sentinel monitor " << master_name << " 127.0.0.1 " << primary.port() << " " << quorum
        << "\nsentinel down-after-milliseconds " << master_name << " " << down_after_ms
        << "\nsentinel failover-timeout " << master_name << " 10000\n"
        << "sentinel parallel-syncs " << master_name << " 1\n";
    if (primary.acl()) {
      redis::RedisOptions admin = primary.Options("admin");
      out << "sentinel auth-user " << master_name << " admin\nsentinel auth-pass " << master_name
          << " " << admin.password << "\n";
    }
  }
  pid_ = fork();
  if (pid_ == 0) {
    freopen("/dev/null", "w", stdout);
    std::vector<const char*> argv = {"redis-server", conf.c_str(), "--sentinel", nullptr};
    execvp("redis-server", const_cast<char* const*>(argv.data()));
    std::perror("exec redis-server --sentinel");
    _exit(127);
  }
  redis::RedisOptions o;
  o.address = address();
  redis::RedisClient client(o, nullptr);
  for (int i = 0; i < 500; ++i) {
    auto pong = client.Command({"PING"});
    if (pong.ok() && pong->is_string() && pong->str() == "PONG") return;
    absl::SleepFor(absl::Milliseconds(10));
  }
  std::fprintf(stderr, "redis sentinel on port %d did not start (see %s/sentinel.log)\n", port_,
               dir_.c_str());
  std::abort();
}

RedisSentinel::~RedisSentinel() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string RedisSentinel::address() const { return absl::StrCat("127.0.0.1:", port_); }

}  // namespace polylateral::testing
