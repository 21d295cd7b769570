// polylateral-accreditation: applications, objections, decisions, accreditations, deadlines
// and transparency figures. Asks the registry (--registry) at creation and submission.
#include <algorithm>
#include <cstdlib>

#include "absl/flags/flag.h"
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
