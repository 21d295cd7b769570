#ifndef POLYLATERAL_COMMON_SERVER_SERVICE_MAIN_H_
#define POLYLATERAL_COMMON_SERVER_SERVICE_MAIN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/server/service_host.h"

namespace polylateral::server {

// Every service binary's flags (and the environment variables that stand in for them):
//   --listen          POLYLATERAL_LISTEN          gRPC address
//   --metrics_listen  POLYLATERAL_METRICS_LISTEN  Prometheus /metrics address
//   --redis           POLYLATERAL_REDIS           Redis "host:port" or unix socket path
//   --redis_user      POLYLATERAL_REDIS_USER      Redis ACL user (docs/redis-access.md)
//   --redis_password_file POLYLATERAL_REDIS_PASSWORD_FILE  that user's password, in a file
//   --workers         POLYLATERAL_WORKERS         handler threads
//   --max_queue       POLYLATERAL_MAX_QUEUE       calls that may wait for a worker
//   --shutdown_grace  POLYLATERAL_SHUTDOWN_GRACE  drain time on SIGTERM ("10s")
//   --tls_cert, --tls_key, --tls_client_ca, --tls_ca, --tls_refresh   mutual TLS (tls.h)
//   --trust_domain, --trusted_forwarders                                callers (identity.h)
//   --insecure        POLYLATERAL_INSECURE        plaintext beyond loopback, all anonymous
//   --health_listen   POLYLATERAL_HEALTH_LISTEN   plaintext grpc.health.v1 for probes
//   --write_rate      POLYLATERAL_WRITE_RATE      writes a second per stakeholder or state
//   --write_burst     POLYLATERAL_WRITE_BURST     writes one of them may make at once
// A flag given on the command line wins over the environment, which wins over the default.
struct ServiceDefaults {
  std::string name;
  int port = 0;
  int metrics_port = 0;
  int health_port = 0;
};

// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts afterwards, so
// that WaitForTerminationSignal receives them; call first thing in main().
void BlockTerminationSignals();

// Parses argv (absl flags, --help included) and the environment into host options.
HostOptions HostOptionsFromFlags(int argc, char** argv, const ServiceDefaults& defaults);

// A value for a service-specific flag: the flag if set, else the environment variable, else
// `fallback`.
std::string FlagOrEnv(const std::string& flag_value, const char* env, absl::string_view fallback);

// The password in `path`, without a trailing newline; NOT_FOUND when the file cannot be read.
absl::StatusOr<std::string> ReadPasswordFile(const std::string& path);

// Returns the signal number once SIGINT or SIGTERM arrives.
int WaitForTerminationSignal();

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_SERVICE_MAIN_H_
