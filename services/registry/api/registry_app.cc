#include "services/registry/api/registry_app.h"

#include "services/registry/store/registry_keys.h"

namespace polylateral::registry {

namespace policy {
extern const char kAccessPolicyJson[];
}  // namespace policy

void ConfigureRegistryHost(server::HostOptions& options) {
  options.service_name = "registry";
  options.grpc_services = {"polylateral.registry.v1.RegistryService"};
  options.access_policy_json = policy::kAccessPolicyJson;
  // Every method not named Get*/List* writes (server::IsWriteMethod).
  options.write_rate.key_prefix = RegistryKeys::prefix() + "rate:";
  options.write_rate.not_writes = {};
}

RegistryApp::RegistryApp(server::ServiceHost* host, const Clock* clock,
                         const RegistryAppOptions& options)
    : stakeholder_cache_(
          options.read_cache_entries > 0
              ? std::make_unique<RedisStakeholderStore::Cache>(options.read_cache_entries)
              : nullptr),
      invalidations_(stakeholder_cache_ != nullptr
                         ? std::make_unique<redis::InvalidationListener>(
                               &host->redis(), RegistryKeys::prefix() + "sh:",
                               stakeholder_cache_.get(), host->redis().metrics())
                         : nullptr),
      stakeholder_store_(
          std::make_unique<RedisStakeholderStore>(&host->redis(), stakeholder_cache_.get())),
      process_store_(std::make_unique<RedisProcessStore>(&host->redis())),
      stakeholders_(std::make_unique<StakeholderRegistry>(stakeholder_store_.get(), clock)),
      processes_(std::make_unique<ProcessRegistry>(process_store_.get(), clock)),
      service_(std::make_unique<RegistryService>(&host->dispatcher(), stakeholders_.get(),
                                                 processes_.get())),
      audit_worker_(std::make_unique<audit::AuditWorker>(
          &host->redis(), [] { return std::vector<std::string>{RegistryKeys::AuditTag()}; },
          options.audit)) {
  if (options.run_audit) audit_worker_->Start();
}

RegistryApp::~RegistryApp() { audit_worker_->Stop(); }

}  // namespace polylateral::registry
