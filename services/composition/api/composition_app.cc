#include "services/composition/api/composition_app.h"

#include "services/composition/api/accreditation_gate.h"
#include "services/composition/api/registry_client.h"
#include "services/composition/delegation/delegation_book.h"
#include "services/composition/store/redis_body_store.h"
#include "services/composition/store/redis_delegation_store.h"

namespace polylateral::composition {

namespace policy {
extern const char kAccessPolicyJson[];
}  // namespace policy

void ConfigureCompositionHost(server::HostOptions& options) {
  options.service_name = "composition";
  options.grpc_services = {"polylateral.composition.v1.CompositionService"};
  options.access_policy_json = policy::kAccessPolicyJson;
}

CompositionApp::CompositionApp(server::ServiceHost* host, const Clock* clock,
                               CompositionOptions options)
    : metrics_(std::make_unique<SolveMetrics>(host->metrics_registry())),
      registry_(std::make_unique<RegistryClient>(host->outgoing(), options.registry_address)),
      accreditation_(
          std::make_unique<AccreditationGate>(host->outgoing(), options.accreditation_address)),
      store_(std::make_unique<RedisDelegationStore>(&host->redis())),
      delegations_(std::make_unique<DelegationBook>(store_.get(), clock)),
      bodies_(std::make_unique<RedisBodyStore>(&host->redis())) {
  stream_env_.admission = &host->admission();
  stream_env_.metrics = metrics_.get();
  stream_env_.accreditation = accreditation_.get();
  stream_env_.max_concurrent = options.max_stream_solves;
  service_ = std::make_unique<CompositionService>(&host->dispatcher(), metrics_.get(), &stream_env_,
                                                  delegations_.get(), bodies_.get(),
                                                  registry_.get(), accreditation_.get(), clock);
}

CompositionApp::~CompositionApp() = default;

}  // namespace polylateral::composition
