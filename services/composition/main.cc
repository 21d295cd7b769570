// polylateral-composition: fair multistakeholder bodies and national delegations.
#include <cstdlib>

#include "absl/flags/flag.h"
#include "common/base/clock.h"
#include "common/log/log.h"
#include "common/server/service_main.h"
#include "services/composition/api/composition_app.h"

ABSL_FLAG(std::string, registry, "",
          "registry gRPC address HOST:PORT [POLYLATERAL_REGISTRY], default 127.0.0.1:50051");

ABSL_FLAG(std::string, accreditation, "",
          "accreditation gRPC address HOST:PORT [POLYLATERAL_ACCREDITATION], asked only for "
          "solves restricted to accredited candidates; none when unset");

int main(int argc, char** argv) {
  using namespace polylateral;
  server::BlockTerminationSignals();
  server::HostOptions options = server::HostOptionsFromFlags(
      argc, argv, {"composition", /*port=*/50053, /*metrics=*/9103, /*health=*/8113});
  composition::ConfigureCompositionHost(options);
  composition::CompositionOptions app_options;
  app_options.registry_address =
      server::FlagOrEnv(absl::GetFlag(FLAGS_registry), "POLYLATERAL_REGISTRY", "127.0.0.1:50051");
  app_options.accreditation_address =
      server::FlagOrEnv(absl::GetFlag(FLAGS_accreditation), "POLYLATERAL_ACCREDITATION", "");
  auto host = server::ServiceHost::Create(options);
  if (!host.ok()) {
    log::Error("cannot configure the service", {{"error", host.status().ToString()}});
    return EXIT_FAILURE;
  }
  log::Info("asking the registry", {{"registry", app_options.registry_address},
                                    {"accreditation", app_options.accreditation_address}});
  composition::CompositionApp app(host->get(), SystemClock::Get(), app_options);
  if (auto st = (*host)->Start({app.service()}); !st.ok()) {
    log::Error("cannot start", {{"error", st.ToString()}});
    return EXIT_FAILURE;
  }
  int sig = server::WaitForTerminationSignal();
  log::Info("shutting down", {{"signal", sig}});
  (*host)->Shutdown();
  return EXIT_SUCCESS;
}
