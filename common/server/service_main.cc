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
#include "absl/strings/str_split.h"
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
ABSL_FLAG(std::string, redis_sentinels, "",
          "comma-separated HOST:PORT of Redis Sentinels: find the primary through them instead "
          "of --redis, and follow its failovers [POLYLATERAL_REDIS_SENTINELS]");
ABSL_FLAG(std::string, redis_master_name, "",
          "the primary's name in Sentinel [POLYLATERAL_REDIS_MASTER_NAME], default polylateral");
ABSL_FLAG(int, redis_min_replicas_ack, 0,
          "replicas every write waits for (WAIT) before it is answered "
          "[POLYLATERAL_REDIS_MIN_REPLICAS_ACK], default 0");
ABSL_FLAG(std::string, redis_replicas_ack_timeout, "",
          "longest wait for those replicas; then the write is answered UNAVAILABLE "
          "[POLYLATERAL_REDIS_REPLICAS_ACK_TIMEOUT], default 1s");
ABSL_FLAG(int, workers, 0, "handler threads [POLYLATERAL_WORKERS], default 8");
ABSL_FLAG(int, max_queue, 0, "calls that may wait for a worker [POLYLATERAL_MAX_QUEUE], 4096");
ABSL_FLAG(std::string, shutdown_grace, "",
          "time in-flight calls get on SIGTERM [POLYLATERAL_SHUTDOWN_GRACE], default 10s");
ABSL_FLAG(std::string, max_connection_age, "",
          "ask clients to reconnect (and so re-resolve replicas) after this long; 0 = never "
          "[POLYLATERAL_MAX_CONNECTION_AGE], default 5m");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain: serve gRPC over mutual TLS and present it to the services "
          "this one calls [POLYLATERAL_TLS_CERT]");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert [POLYLATERAL_TLS_KEY]");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM bundle of the CAs that sign client certificates [POLYLATERAL_TLS_CLIENT_CA]");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM bundle of the CAs that sign the certificates of the services this one calls "
          "[POLYLATERAL_TLS_CA], default --tls_client_ca");
ABSL_FLAG(std::string, tls_refresh, "",
          "how often the TLS files are re-read [POLYLATERAL_TLS_REFRESH], default 60s");
ABSL_FLAG(std::string, trust_domain, "",
          "trust domain of the callers' SPIFFE ids [POLYLATERAL_TRUST_DOMAIN], default "
          "polylateral");
ABSL_FLAG(std::string, trusted_forwarders, "",
          "comma-separated principals whose x-polylateral-on-behalf-of header is honoured "
          "[POLYLATERAL_TRUSTED_FORWARDERS], default service:gateway");
ABSL_FLAG(bool, insecure, false,
          "allow plaintext gRPC beyond loopback (every caller anonymous) [POLYLATERAL_INSECURE]");
ABSL_FLAG(std::string, health_listen, "",
          "plaintext grpc.health.v1 address for probes [POLYLATERAL_HEALTH_LISTEN], default "
          "127.0.0.1:811x; \"off\" disables it");
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
  o.redis.sentinels = absl::StrSplit(
      FlagOrEnv(absl::GetFlag(FLAGS_redis_sentinels), "POLYLATERAL_REDIS_SENTINELS", ""), ',',
      absl::SkipWhitespace());
  o.redis.master_name = FlagOrEnv(absl::GetFlag(FLAGS_redis_master_name),
                                  "POLYLATERAL_REDIS_MASTER_NAME", "polylateral");
  o.redis.min_replicas_ack = IntFlagOrEnv(absl::GetFlag(FLAGS_redis_min_replicas_ack),
                                          "POLYLATERAL_REDIS_MIN_REPLICAS_ACK", 0);
  const std::string ack_timeout = FlagOrEnv(absl::GetFlag(FLAGS_redis_replicas_ack_timeout),
                                            "POLYLATERAL_REDIS_REPLICAS_ACK_TIMEOUT", "1s");
  if (!absl::ParseDuration(ack_timeout, &o.redis.replicas_ack_timeout) ||
      o.redis.replicas_ack_timeout <= absl::ZeroDuration()) {
    log::Warning("bad --redis_replicas_ack_timeout; using 1s", {{"value", ack_timeout}});
    o.redis.replicas_ack_timeout = absl::Seconds(1);
  }
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
  o.tls.cert = FlagOrEnv(absl::GetFlag(FLAGS_tls_cert), "POLYLATERAL_TLS_CERT", "");
  o.tls.key = FlagOrEnv(absl::GetFlag(FLAGS_tls_key), "POLYLATERAL_TLS_KEY", "");
  o.tls.client_ca = FlagOrEnv(absl::GetFlag(FLAGS_tls_client_ca), "POLYLATERAL_TLS_CLIENT_CA", "");
  o.tls.ca = FlagOrEnv(absl::GetFlag(FLAGS_tls_ca), "POLYLATERAL_TLS_CA", o.tls.client_ca);
  std::string refresh =
      FlagOrEnv(absl::GetFlag(FLAGS_tls_refresh), "POLYLATERAL_TLS_REFRESH", "60s");
  if (!absl::ParseDuration(refresh, &o.tls.refresh) || o.tls.refresh <= absl::ZeroDuration()) {
    log::Warning("bad --tls_refresh; using 60s", {{"value", refresh}});
    o.tls.refresh = absl::Seconds(60);
  }
  o.trust_domain =
      FlagOrEnv(absl::GetFlag(FLAGS_trust_domain), "POLYLATERAL_TRUST_DOMAIN", "polylateral");
  o.tls.trust_domain = o.trust_domain;
  o.trusted_forwarders =
      absl::StrSplit(FlagOrEnv(absl::GetFlag(FLAGS_trusted_forwarders),
                               "POLYLATERAL_TRUSTED_FORWARDERS", "service:gateway"),
                     ',', absl::SkipWhitespace());
  const char* insecure_env = std::getenv("POLYLATERAL_INSECURE");
  o.insecure = absl::GetFlag(FLAGS_insecure) ||
               (insecure_env != nullptr &&
                (std::string(insecure_env) == "1" || std::string(insecure_env) == "true"));
  o.health_listen = FlagOrEnv(absl::GetFlag(FLAGS_health_listen), "POLYLATERAL_HEALTH_LISTEN",
                              absl::StrCat("127.0.0.1:", defaults.health_port));
  if (o.health_listen == "off") o.health_listen.clear();
  std::string grace =
      FlagOrEnv(absl::GetFlag(FLAGS_shutdown_grace), "POLYLATERAL_SHUTDOWN_GRACE", "10s");
  if (!absl::ParseDuration(grace, &o.shutdown_grace)) {
    log::Warning("bad --shutdown_grace; using 10s", {{"value", grace}});
    o.shutdown_grace = absl::Seconds(10);
  }
  const std::string age =
      FlagOrEnv(absl::GetFlag(FLAGS_max_connection_age), "POLYLATERAL_MAX_CONNECTION_AGE", "5m");
  if (!absl::ParseDuration(age, &o.max_connection_age) ||
      o.max_connection_age < absl::ZeroDuration()) {
    log::Warning("bad --max_connection_age; using 5m", {{"value", age}});
    o.max_connection_age = absl::Minutes(5);
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
