// polylateral-routing: stakeholder input routed into institutions' channels, through
// governments, networks or the clearing house; durable per-destination inboxes; uptake.
// Asks the registry (--registry) and the accreditation service (--accreditation).
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/time/time.h"
#include "common/base/clock.h"
#include "common/log/log.h"
#include "common/server/audit_flags.h"
#include "common/server/service_main.h"
#include "services/routing/api/routing_app.h"

ABSL_FLAG(std::string, registry, "",
          "registry gRPC address HOST:PORT [POLYLATERAL_REGISTRY], default 127.0.0.1:50051");
ABSL_FLAG(std::string, accreditation, "",
          "accreditation gRPC address HOST:PORT [POLYLATERAL_ACCREDITATION], default "
          "127.0.0.1:50052");
ABSL_FLAG(std::string, visibility_timeout, "",
          "how long a handed-out delivery waits for its acknowledgement before it is handed out "
          "again [POLYLATERAL_VISIBILITY_TIMEOUT], default 30s");
ABSL_FLAG(std::string, max_streams_per_principal, "",
          "StreamInbox streams one caller may hold open [POLYLATERAL_MAX_STREAMS_PER_PRINCIPAL], "
          "default 8");

ABSL_FLAG(std::string, max_relays_per_state, "",
          "relay declarations one state may hold at a time [POLYLATERAL_MAX_RELAYS_PER_STATE], "
          "default 50");

ABSL_FLAG(std::string, event_stream_max_len, "",
          "events the change feed ({rt}:events, WatchEvents) keeps, trimmed approximately; a "
          "resume token older than that is refused [POLYLATERAL_EVENT_STREAM_MAX_LEN], default "
          "100000");

ABSL_FLAG(std::string, inbox_metrics_interval, "",
          "how often the inbox gauges (depth, pending, oldest age, dead letters per kind of "
          "inbox) are read from Redis [POLYLATERAL_INBOX_METRICS_INTERVAL], default 15s");

int main(int argc, char** argv) {
  using namespace polylateral;
  server::BlockTerminationSignals();
  server::HostOptions options = server::HostOptionsFromFlags(
      argc, argv, {"routing", /*port=*/50054, /*metrics=*/9104, /*health=*/8114});
  routing::ConfigureRoutingHost(options);
  auto host = server::ServiceHost::Create(options);
  if (!host.ok()) {
    log::Error("cannot configure the service", {{"error", host.status().ToString()}});
    return EXIT_FAILURE;
  }
  routing::AppOptions app_options;
  app_options.registry_address =
      server::FlagOrEnv(absl::GetFlag(FLAGS_registry), "POLYLATERAL_REGISTRY", "127.0.0.1:50051");
  app_options.accreditation_address = server::FlagOrEnv(
      absl::GetFlag(FLAGS_accreditation), "POLYLATERAL_ACCREDITATION", "127.0.0.1:50052");
  const std::string visibility = server::FlagOrEnv(absl::GetFlag(FLAGS_visibility_timeout),
                                                   "POLYLATERAL_VISIBILITY_TIMEOUT", "30s");
  if (!absl::ParseDuration(visibility, &app_options.inbox.visibility_timeout) ||
      app_options.inbox.visibility_timeout <= absl::ZeroDuration()) {
    log::Error("--visibility_timeout must be a positive duration", {{"value", visibility}});
    return EXIT_FAILURE;
  }
  const std::string per_principal = server::FlagOrEnv(
      absl::GetFlag(FLAGS_max_streams_per_principal), "POLYLATERAL_MAX_STREAMS_PER_PRINCIPAL", "8");
  if (!absl::SimpleAtoi(per_principal, &app_options.inbox.stream.max_streams_per_principal) ||
      app_options.inbox.stream.max_streams_per_principal <= 0) {
    log::Error("--max_streams_per_principal must be a positive integer",
               {{"value", per_principal}});
    return EXIT_FAILURE;
  }
  const std::string max_relays = server::FlagOrEnv(absl::GetFlag(FLAGS_max_relays_per_state),
                                                   "POLYLATERAL_MAX_RELAYS_PER_STATE", "50");
  if (!absl::SimpleAtoi(max_relays, &app_options.state_facts.max_relays_per_state) ||
      app_options.state_facts.max_relays_per_state <= 0) {
    log::Error("--max_relays_per_state must be a positive integer", {{"value", max_relays}});
    return EXIT_FAILURE;
  }
  const std::string inbox_interval = server::FlagOrEnv(absl::GetFlag(FLAGS_inbox_metrics_interval),
                                                       "POLYLATERAL_INBOX_METRICS_INTERVAL", "15s");
  if (!absl::ParseDuration(inbox_interval, &app_options.inbox_metrics.interval) ||
      app_options.inbox_metrics.interval <= absl::ZeroDuration()) {
    log::Error("--inbox_metrics_interval must be a positive duration", {{"value", inbox_interval}});
    return EXIT_FAILURE;
  }
  const std::string max_len = server::FlagOrEnv(absl::GetFlag(FLAGS_event_stream_max_len),
                                                "POLYLATERAL_EVENT_STREAM_MAX_LEN", "100000");
  if (!absl::SimpleAtoi(max_len, &app_options.event_stream_max_len) ||
      app_options.event_stream_max_len <= 0) {
    log::Error("--event_stream_max_len must be a positive integer", {{"value", max_len}});
    return EXIT_FAILURE;
  }
  app_options.watch.max_watchers_per_principal = app_options.inbox.stream.max_streams_per_principal;
  auto audit = server::AuditOptionsFromFlags();
  if (!audit.ok()) {
    log::Error("cannot configure the audit log", {{"error", audit.status().ToString()}});
    return EXIT_FAILURE;
  }
  app_options.audit = *std::move(audit);
  routing::RoutingApp app(host->get(), SystemClock::Get(), app_options);
  if (auto st = (*host)->Start(app.services()); !st.ok()) {
    log::Error("cannot start", {{"error", st.ToString()}});
    return EXIT_FAILURE;
  }
  log::Info("serving", {{"port", (*host)->port()},
                        {"registry", app_options.registry_address},
                        {"accreditation", app_options.accreditation_address}});
  int sig = server::WaitForTerminationSignal();
  log::Info("shutting down", {{"signal", sig}});
  (*host)->Shutdown();
  return EXIT_SUCCESS;
}
