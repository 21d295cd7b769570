#include "common/server/service_main.h"

#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"

ABSL_FLAG(std::string, listen, "", "gRPC address HOST:PORT [POLYLATERAL_LISTEN]");
ABSL_FLAG(std::string, metrics_listen, "",
          "Prometheus /metrics address HOST:PORT [POLYLATERAL_METRICS_LISTEN]");
ABSL_FLAG(std::string, redis, "",
          "Redis HOST:PORT or unix socket path [POLYLATERAL_REDIS], default 127.0.0.1:6379");
ABSL_FLAG(std::string, redis_user, "",
          "Redis ACL user to AUTH as [POLYLATERAL_REDIS_USER], default none (no AUTH)");
ABSL_FLAG(std::string, redis_password_file, "",
          "file holding the Redis user's password, trailing newline ignored "
          "[POLYLATERAL_REDIS_PASSWORD_FILE]");
ABSL_FLAG(int, workers, 0, "handler threads [POLYLATERAL_WORKERS], default 8");
ABSL_FLAG(int, max_queue, 0, "calls that may wait for a worker [POLYLATERAL_MAX_QUEUE], 4096");
ABSL_FLAG(std::string, shutdown_grace, "",
          "time in-flight calls get on SIGTERM [POLYLATERAL_SHUTDOWN_GRACE], default 10s");

namespace polylateral::server {

std::string FlagOrEnv(const std::string& flag_value, const char* env, absl::string_view fallback) {
  if (!flag_value.empty()) return flag_value;
  if (const char* v = std::getenv(env); v != nullptr && *v != '\0') return v;
  return std::string(fallback);
}

namespace {
int IntFlagOrEnv(int flag_value, const char* env, int fallback) {
  if (flag_value > 0) return flag_value;
  int v = 0;
  if (const char* s = std::getenv(env); s != nullptr && absl::SimpleAtoi(s, &v) && v > 0) return v;
  return fallback;
}
}  // namespace

absl::StatusOr<std::string> ReadPasswordFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read Redis password file ", path));
  std::stringstream text;
  text << in.rdbuf();
  std::string password = text.str();
  // Editors and `echo` end files with a newline that is no part of the password.
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  return password;
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

HostOptions HostOptionsFromFlags(int argc, char** argv, const ServiceDefaults& defaults) {
  absl::SetProgramUsageMessage(
      absl::StrCat("polylateral-", defaults.name, ": the ", defaults.name, " service"));
  absl::ParseCommandLine(argc, argv);
  HostOptions o;
  o.service_name = defaults.name;
  o.listen = FlagOrEnv(absl::GetFlag(FLAGS_listen), "POLYLATERAL_LISTEN",
                       absl::StrCat("127.0.0.1:", defaults.port));
  o.metrics_listen = FlagOrEnv(absl::GetFlag(FLAGS_metrics_listen), "POLYLATERAL_METRICS_LISTEN",
                               absl::StrCat("127.0.0.1:", defaults.metrics_port));
  o.redis.address = FlagOrEnv(absl::GetFlag(FLAGS_redis), "POLYLATERAL_REDIS", "127.0.0.1:6379");
  o.redis.user = FlagOrEnv(absl::GetFlag(FLAGS_redis_user), "POLYLATERAL_REDIS_USER", "");
  const std::string password_file =
      FlagOrEnv(absl::GetFlag(FLAGS_redis_password_file), "POLYLATERAL_REDIS_PASSWORD_FILE", "");
  if (!password_file.empty()) {
    auto password = ReadPasswordFile(password_file);
    if (!password.ok()) {
      // A missing secret is a deployment error no retry fixes: say so and stop.
      log::Error("bad --redis_password_file", {{"error", password.status().ToString()}});
      std::exit(2);
    }
    o.redis.password = *std::move(password);
  }
  o.workers = IntFlagOrEnv(absl::GetFlag(FLAGS_workers), "POLYLATERAL_WORKERS", 8);
  o.max_queue = IntFlagOrEnv(absl::GetFlag(FLAGS_max_queue), "POLYLATERAL_MAX_QUEUE", 4096);
  std::string grace =
      FlagOrEnv(absl::GetFlag(FLAGS_shutdown_grace), "POLYLATERAL_SHUTDOWN_GRACE", "10s");
  if (!absl::ParseDuration(grace, &o.shutdown_grace)) {
    log::Warning("bad --shutdown_grace; using 10s", {{"value", grace}});
    o.shutdown_grace = absl::Seconds(10);
  }
  log::SetProcessFields({{"service", defaults.name}});
  return o;
}

}  // namespace polylateral::server
