#include "common/server/service_main.h"

#include <signal.h>

#include <cstdlib>

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
ABSL_FLAG(int, workers, 0, "handler threads [POLYLATERAL_WORKERS], default 8");
ABSL_FLAG(int, max_queue, 0, "calls that may wait for a worker [POLYLATERAL_MAX_QUEUE], 4096");
ABSL_FLAG(std::string, shutdown_grace, "",
          "time in-flight calls get on SIGTERM [POLYLATERAL_SHUTDOWN_GRACE], default 10s");
ABSL_FLAG(std::string, write_rate, "",
          "writes a second per stakeholder or state, 0 = no limit [POLYLATERAL_WRITE_RATE], "
          "default 100");
ABSL_FLAG(int, write_burst, 0,
          "writes a stakeholder or state may make at once [POLYLATERAL_WRITE_BURST], 2000");

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
  o.workers = IntFlagOrEnv(absl::GetFlag(FLAGS_workers), "POLYLATERAL_WORKERS", 8);
  o.max_queue = IntFlagOrEnv(absl::GetFlag(FLAGS_max_queue), "POLYLATERAL_MAX_QUEUE", 4096);
  std::string grace =
      FlagOrEnv(absl::GetFlag(FLAGS_shutdown_grace), "POLYLATERAL_SHUTDOWN_GRACE", "10s");
  if (!absl::ParseDuration(grace, &o.shutdown_grace)) {
    log::Warning("bad --shutdown_grace; using 10s", {{"value", grace}});
    o.shutdown_grace = absl::Seconds(10);
  }
  const std::string rate =
      FlagOrEnv(absl::GetFlag(FLAGS_write_rate), "POLYLATERAL_WRITE_RATE", "100");
  if (!absl::SimpleAtod(rate, &o.write_rate.rate) || o.write_rate.rate < 0) {
    log::Warning("bad --write_rate; using 100", {{"value", rate}});
    o.write_rate.rate = 100;
  }
  o.write_rate.burst =
      IntFlagOrEnv(absl::GetFlag(FLAGS_write_burst), "POLYLATERAL_WRITE_BURST", 2000);
  log::SetProcessFields({{"service", defaults.name}});
  return o;
}

}  // namespace polylateral::server
