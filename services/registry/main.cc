// polylateral-registry: stakeholders, states, processes and themes.
#include <algorithm>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "common/base/clock.h"
#include "common/log/log.h"
#include "common/server/audit_flags.h"
#include "common/server/service_main.h"
#include "services/registry/api/registry_app.h"

ABSL_FLAG(int, read_cache_entries, 50000,
          "stakeholder records cached in memory for GetStakeholder, kept coherent by Redis "
          "client-side caching (CLIENT TRACKING); 0 turns the cache off");

int main(int argc, char** argv) {
  using namespace polylateral;
  server::BlockTerminationSignals();
  server::HostOptions options = server::HostOptionsFromFlags(
      argc, argv, {"registry", /*port=*/50051, /*metrics=*/9101, /*health=*/8111});
  registry::ConfigureRegistryHost(options);
  auto host = server::ServiceHost::Create(options);
  if (!host.ok()) {
    log::Error("cannot configure the service", {{"error", host.status().ToString()}});
    return EXIT_FAILURE;
  }
  registry::RegistryAppOptions app_options;
  app_options.read_cache_entries =
      static_cast<size_t>(std::max(0, absl::GetFlag(FLAGS_read_cache_entries)));
  auto audit = server::AuditOptionsFromFlags();
  if (!audit.ok()) {
    log::Error("cannot configure the audit log", {{"error", audit.status().ToString()}});
    return EXIT_FAILURE;
  }
  app_options.audit = *std::move(audit);
  registry::RegistryApp app(host->get(), SystemClock::Get(), app_options);
  if (auto st = (*host)->Start({app.service()}); !st.ok()) {
    log::Error("cannot start", {{"error", st.ToString()}});
    return EXIT_FAILURE;
  }
  int sig = server::WaitForTerminationSignal();
  log::Info("shutting down", {{"signal", sig}});
  (*host)->Shutdown();
  return EXIT_SUCCESS;
}
