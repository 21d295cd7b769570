// polylateral-composition: fair multistakeholder bodies and national delegations.
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "common/base/clock.h"
#include "common/log/log.h"
#include "common/server/audit_flags.h"
#include "common/server/service_main.h"
#include "services/composition/api/composition_app.h"

ABSL_FLAG(std::string, registry, "",
          "registry gRPC address HOST:PORT [POLYLATERAL_REGISTRY], default 127.0.0.1:50051");

ABSL_FLAG(std::string, accreditation, "",
          "accreditation gRPC address HOST:PORT [POLYLATERAL_ACCREDITATION], asked only for "
          "solves restricted to accredited candidates; none when unset");

ABSL_FLAG(std::string, max_streams_per_principal, "",
          "StreamSolve calls one caller may have running [POLYLATERAL_MAX_STREAMS_PER_PRINCIPAL], "
          "default 8");

ABSL_FLAG(std::string, max_pool_size, "",
          "the most candidates Solve, StreamSolve, DrawPanel and DrawBody take "
          "[POLYLATERAL_MAX_POOL_SIZE], default 20000");

namespace {
// A positive integer from a flag or its environment variable; false (logged) if it is not one.
bool PositiveFlag(const std::string& flag_value, const char* env, const char* fallback,
                  const char* name, int* out) {
  const std::string text = polylateral::server::FlagOrEnv(flag_value, env, fallback);
  if (absl::SimpleAtoi(text, out) && *out > 0) return true;
  polylateral::log::Error(std::string("--") + name + " must be a positive integer",
                          {{"value", text}});
  return false;
}
}  // namespace

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
  if (!PositiveFlag(absl::GetFlag(FLAGS_max_streams_per_principal),
                    "POLYLATERAL_MAX_STREAMS_PER_PRINCIPAL", "8", "max_streams_per_principal",
                    &app_options.max_streams_per_principal) ||
      !PositiveFlag(absl::GetFlag(FLAGS_max_pool_size), "POLYLATERAL_MAX_POOL_SIZE", "20000",
                    "max_pool_size", &app_options.max_pool_size)) {
    return EXIT_FAILURE;
  }
  auto host = server::ServiceHost::Create(options);
  if (!host.ok()) {
    log::Error("cannot configure the service", {{"error", host.status().ToString()}});
    return EXIT_FAILURE;
  }
  log::Info("asking the registry", {{"registry", app_options.registry_address},
                                    {"accreditation", app_options.accreditation_address}});
  auto audit = server::AuditOptionsFromFlags();
  if (!audit.ok()) {
    log::Error("cannot configure the audit log", {{"error", audit.status().ToString()}});
    return EXIT_FAILURE;
  }
  app_options.audit = *std::move(audit);
  composition::CompositionApp app(host->get(), SystemClock::Get(), app_options);
  if (auto st = (*host)->Start(app.services()); !st.ok()) {
    log::Error("cannot start", {{"error", st.ToString()}});
    return EXIT_FAILURE;
  }
  int sig = server::WaitForTerminationSignal();
  log::Info("shutting down", {{"signal", sig}});
  (*host)->Shutdown();
  return EXIT_SUCCESS;
}
