#include "services/accreditation/api/accreditation_app.h"

#include "services/accreditation/client/registry_client.h"
#include "services/accreditation/store/accreditation_keys.h"

namespace polylateral::accreditation {

namespace policy {
extern const char kAccessPolicyJson[];
}  // namespace policy

void ConfigureAccreditationHost(server::HostOptions& options) {
  options.service_name = "accreditation";
  options.grpc_services = {"polylateral.accreditation.v1.AccreditationService",
                           audit::kAuditServiceName};
  options.access_policy_json = policy::kAccessPolicyJson;
  // Every method not named Get*/List*/Check* writes (server::IsWriteMethod).
  options.write_rate.key_prefix = "{acc}:rate:";
  options.write_rate.not_writes = {};
}

AccreditationApp::AccreditationApp(server::ServiceHost* host, const Clock* clock,
                                   const AppOptions& options)
    : metrics_(std::make_unique<DecisionMetrics>(host->metrics_registry())),
      access_cache_(
          options.read_cache_entries > 0
              ? std::make_unique<RedisAccreditationStore::Cache>(options.read_cache_entries)
              : nullptr),
      invalidations_(access_cache_ != nullptr
                         ? std::make_unique<redis::InvalidationListener>(
                               &host->redis(), Keys::prefix() + "acc:", access_cache_.get(),
                               host->redis().metrics())
                         : nullptr),
      store_(std::make_unique<RedisAccreditationStore>(&host->redis(), access_cache_.get())),
      registry_(std::make_unique<GrpcRegistryLookup>(host->outgoing(), options.registry_address)),
      accreditor_(std::make_unique<Accreditor>(store_.get(), registry_.get(), clock)) {
  SchedulerOptions so = options.scheduler;
  DecisionMetrics* m = metrics_.get();
  so.on_decision = [m](const std::string& kind, const std::string& outcome, int64_t n) {
    m->Decision(kind, outcome, n);
  };
  so.on_backlog = [m](int64_t n) { m->Backlog(static_cast<double>(n)); };
  scheduler_ = std::make_unique<DueScheduler>(&host->redis(), clock, std::move(so));
  event_stream_ = std::make_unique<RedisEventStream>(&host->redis());
  event_hub_ = std::make_unique<EventHub>(event_stream_.get(), store_.get(), options.events);
  event_hub_->Start();
  watch_ = std::make_unique<WatchStreams>(&host->dispatcher(), event_hub_.get(), options.watch);
  host->AddShutdownHook([watch = watch_.get()] { watch->Stop(); });
  webhook_store_ = std::make_unique<RedisWebhookStore>(&host->redis());
  webhooks_ = std::make_unique<Webhooks>(webhook_store_.get(), event_hub_.get(), options.webhooks);
  webhooks_->Start();
  host->AddShutdownHook([webhooks = webhooks_.get()] { webhooks->Stop(); });
  service_ = std::make_unique<AccreditationService>(&host->dispatcher(), accreditor_.get(), m,
                                                    watch_.get(), webhooks_.get());
  if (options.run_scheduler) scheduler_->Start();
  audit_worker_ = std::make_unique<audit::AuditWorker>(
      &host->redis(), [] { return std::vector<std::string>{Keys::AuditTag()}; }, options.audit);
  if (options.run_audit) audit_worker_->Start();
  audit_disclosure_ = std::make_unique<AccreditationAuditDisclosure>(
      [store = store_.get()](const std::string& process, const std::string& id) {
        return store->GetApplication(process, id);
      });
  audit::ServedAuditLogs logs;
  logs.by_id = {{"acc", Keys::AuditTag()}};
  audit_service_ = std::make_unique<audit::AuditApiService>(
      &host->dispatcher(), &host->redis(), std::move(logs), audit_disclosure_.get());
}

AccreditationApp::~AccreditationApp() {
  watch_->Stop();
  webhooks_->Stop();
  event_hub_->Stop();
  audit_worker_->Stop();
  scheduler_->Stop();
}

}  // namespace polylateral::accreditation
