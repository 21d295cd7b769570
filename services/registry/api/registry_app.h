#ifndef POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_APP_H_
#define POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_APP_H_

#include <memory>

#include "common/base/clock.h"
#include "common/server/service_host.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/store/redis_process_store.h"
#include "services/registry/store/redis_stakeholder_store.h"

namespace polylateral::registry {

// Host options the registry needs whatever the flags say: its name, its gRPC services (for
// metrics and health) and its access policy.
void ConfigureRegistryHost(server::HostOptions& options);

// The registry's object graph on a host: stores -> domain -> gRPC service. main() and the
// integration tests build exactly this.
class RegistryApp final {
 public:
  RegistryApp(server::ServiceHost* host, const Clock* clock);
  grpc::Service* service() { return service_.get(); }

 private:
  std::unique_ptr<RedisStakeholderStore> stakeholder_store_;
  std::unique_ptr<RedisProcessStore> process_store_;
  std::unique_ptr<StakeholderRegistry> stakeholders_;
  std::unique_ptr<ProcessRegistry> processes_;
  std::unique_ptr<RegistryService> service_;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_APP_H_
