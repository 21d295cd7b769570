// polylateral-accreditation: applications, objections, decisions, accreditations, deadlines
// and transparency figures. Asks the registry (--registry) at creation and submission.
#include <algorithm>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/time/time.h"
#include "common/base/clock.h"
#include "common/log/log.h"
#include "common/server/audit_flags.h"
#include "common/server/service_main.h"
#include "services/accreditation/api/accreditation_app.h"

ABSL_FLAG(std::string, registry, "",
          "registry gRPC address HOST:PORT [POLYLATERAL_REGISTRY], default 127.0.0.1:50051");

ABSL_FLAG(int, read_cache_entries, 100000,
          "accreditations cached in memory for CheckAccess, kept coherent by Redis client-side "
          "caching (CLIENT TRACKING); 0 turns the cache off");

ABSL_FLAG(std::string, max_streams_per_principal, "",
          "WatchEvents streams one caller may hold open [POLYLATERAL_MAX_STREAMS_PER_PRINCIPAL], "
          "default 8");
ABSL_FLAG(absl::Duration, webhook_backoff_base, absl::Seconds(1),
          "wait after a webhook delivery's first failed attempt; doubled after each further one");
ABSL_FLAG(absl::Duration, webhook_backoff_cap, absl::Minutes(5),
          "the longest wait between two attempts of a webhook delivery");
ABSL_FLAG(absl::Duration, webhook_timeout, absl::Seconds(5), "one webhook POST's time limit");
ABSL_FLAG(bool, webhook_allow_http_loopback, false,
          "accept http:// webhook URLs to loopback hosts (development only; https otherwise)");

int main(int argc, char** argv) {
  using namespace polylateral;
  server::BlockTerminationSignals();
  server::HostOptions options = server::HostOptionsFromFlags(
      argc, argv, {"accreditation", /*port=*/50052, /*metrics=*/9102, /*health=*/8112});
  accreditation::ConfigureAccreditationHost(options);
  auto host = server::ServiceHost::Create(options);
  if (!host.ok()) {
    log::Error("cannot configure the service", {{"error", host.status().ToString()}});
    return EXIT_FAILURE;
  }
  accreditation::AppOptions app_options;
  app_options.registry_address =
      server::FlagOrEnv(absl::GetFlag(FLAGS_registry), "POLYLATERAL_REGISTRY", "127.0.0.1:50051");
  app_options.read_cache_entries =
      static_cast<size_t>(std::max(0, absl::GetFlag(FLAGS_read_cache_entries)));
  auto audit = server::AuditOptionsFromFlags();
  if (!audit.ok()) {
    log::Error("cannot configure the audit log", {{"error", audit.status().ToString()}});
    return EXIT_FAILURE;
  }
  app_options.audit = *std::move(audit);
  const std::string per_principal = server::FlagOrEnv(
      absl::GetFlag(FLAGS_max_streams_per_principal), "POLYLATERAL_MAX_STREAMS_PER_PRINCIPAL", "8");
  if (!absl::SimpleAtoi(per_principal, &app_options.watch.max_streams_per_principal) ||
      app_options.watch.max_streams_per_principal <= 0) {
    log::Error("--max_streams_per_principal must be a positive integer",
               {{"value", per_principal}});
    return EXIT_FAILURE;
  }
  app_options.webhooks.backoff_base = absl::GetFlag(FLAGS_webhook_backoff_base);
  app_options.webhooks.backoff_cap = absl::GetFlag(FLAGS_webhook_backoff_cap);
  app_options.webhooks.timeout = absl::GetFlag(FLAGS_webhook_timeout);
  app_options.webhooks.allow_http_loopback = absl::GetFlag(FLAGS_webhook_allow_http_loopback);
  accreditation::AccreditationApp app(host->get(), SystemClock::Get(), app_options);
  if (auto st = (*host)->Start(app.services()); !st.ok()) {
    log::Error("cannot start", {{"error", st.ToString()}});
    return EXIT_FAILURE;
  }
  log::Info("serving", {{"port", (*host)->port()}, {"registry", app_options.registry_address}});
  int sig = server::WaitForTerminationSignal();
  log::Info("shutting down", {{"signal", sig}});
  (*host)->Shutdown();
  return EXIT_SUCCESS;
}
