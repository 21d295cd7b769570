#ifndef POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_APP_H_
#define POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_APP_H_

#include <memory>

#include "common/audit_store/audit_worker.h"
#include "common/base/clock.h"
#include "common/redis/invalidation_listener.h"
#include "common/server/service_host.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/store/redis_process_store.h"
#include "services/registry/store/redis_stakeholder_store.h"

namespace polylateral::registry {

// Host options the registry needs whatever the flags say: its name, its gRPC services (for
// metrics and health) and its access policy.
void ConfigureRegistryHost(server::HostOptions& options);

struct RegistryAppOptions {
  // Decoded stakeholder records kept in memory for GetStakeholder, coherent through Redis's
  // client-side caching; 0 turns the cache off.
  size_t read_cache_entries = 50000;
  // The audit sealer (common/audit_store/audit_worker.h): seals {reg}'s audit log and, with a
  // signing key, publishes its signed head.
  audit::AuditWorkerOptions audit;
  bool run_audit = true;
};

// The registry's object graph on a host: stores -> domain -> gRPC service. main() and the
// integration tests build exactly this.
class RegistryApp final {
 public:
  RegistryApp(server::ServiceHost* host, const Clock* clock,
              const RegistryAppOptions& options = {});
  ~RegistryApp();
  RegistryApp(const RegistryApp&) = delete;
  RegistryApp& operator=(const RegistryApp&) = delete;
  grpc::Service* service() { return service_.get(); }
  // Null when the cache is off.
  RedisStakeholderStore::Cache* stakeholder_cache() { return stakeholder_cache_.get(); }
  redis::InvalidationListener* stakeholder_invalidations() { return invalidations_.get(); }
  audit::AuditWorker& audit_worker() { return *audit_worker_; }

 private:
  std::unique_ptr<RedisStakeholderStore::Cache> stakeholder_cache_;
  std::unique_ptr<redis::InvalidationListener> invalidations_;
  std::unique_ptr<RedisStakeholderStore> stakeholder_store_;
  std::unique_ptr<RedisProcessStore> process_store_;
  std::unique_ptr<StakeholderRegistry> stakeholders_;
  std::unique_ptr<ProcessRegistry> processes_;
  std::unique_ptr<RegistryService> service_;
  std::unique_ptr<audit::AuditWorker> audit_worker_;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_APP_H_
