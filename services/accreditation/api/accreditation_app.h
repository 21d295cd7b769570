#ifndef POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_APP_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_APP_H_

#include <memory>
#include <string>
#include <vector>

#include "common/audit_api/audit_service.h"
#include "common/audit_store/audit_worker.h"
#include "common/base/clock.h"
#include "common/redis/invalidation_listener.h"
#include "common/server/service_host.h"
#include "services/accreditation/api/accreditation_service.h"
#include "services/accreditation/api/decision_metrics.h"
#include "services/accreditation/domain/audit_disclosure.h"
#include "services/accreditation/store/due_scheduler.h"
#include "services/accreditation/store/event_hub.h"
#include "services/accreditation/store/redis_accreditation_store.h"
#include "services/accreditation/store/webhook_store.h"

namespace polylateral::accreditation {

// Host options accreditation needs whatever the flags say: its name, gRPC service (metrics,
// health) and access policy.
void ConfigureAccreditationHost(server::HostOptions& options);

struct AppOptions {
  // The registry's "host:port".
  std::string registry_address = "127.0.0.1:50051";
  // Start the scheduler thread (tests with a FakeClock call scheduler().Tick() instead).
  bool run_scheduler = true;
  SchedulerOptions scheduler;
  // Accreditations (and their absence) cached in memory for CheckAccess, kept coherent by
  // Redis's client-side caching; 0 turns the cache off.
  size_t read_cache_entries = 100000;
  // The audit sealer (common/audit_store/audit_worker.h): seals {acc}'s audit log and, with a
  // signing key, publishes its signed head.
  audit::AuditWorkerOptions audit;
  bool run_audit = true;
  // The replica's reader of the event stream, the WatchEvents streams and the webhooks.
  EventHubOptions events;
  WatchOptions watch;
  WebhookOptions webhooks;
};

// Accreditation's object graph on a host: store, registry client, domain, scheduler, gRPC
// service. main() and the integration tests build exactly this.
class AccreditationApp final {
 public:
  AccreditationApp(server::ServiceHost* host, const Clock* clock, const AppOptions& options);
  ~AccreditationApp();
  grpc::Service* service() { return service_.get(); }
  // What the host serves: the accreditation service and the audit log's read API.
  std::vector<grpc::Service*> services() { return {service_.get(), audit_service_.get()}; }
  DueScheduler& scheduler() { return *scheduler_; }
  // Null when the cache is off.
  RedisAccreditationStore::Cache* access_cache() { return access_cache_.get(); }
  redis::InvalidationListener* access_invalidations() { return invalidations_.get(); }
  audit::AuditWorker& audit_worker() { return *audit_worker_; }
  WatchStreams& watch_streams() { return *watch_; }

 private:
  std::unique_ptr<DecisionMetrics> metrics_;
  std::unique_ptr<RedisAccreditationStore::Cache> access_cache_;
  std::unique_ptr<redis::InvalidationListener> invalidations_;
  std::unique_ptr<RedisAccreditationStore> store_;
  std::unique_ptr<RegistryLookup> registry_;
  std::unique_ptr<Accreditor> accreditor_;
  std::unique_ptr<DueScheduler> scheduler_;
  std::unique_ptr<RedisEventStream> event_stream_;
  std::unique_ptr<EventHub> event_hub_;
  std::unique_ptr<WatchStreams> watch_;
  std::unique_ptr<RedisWebhookStore> webhook_store_;
  std::unique_ptr<Webhooks> webhooks_;
  std::unique_ptr<AccreditationService> service_;
  std::unique_ptr<audit::AuditWorker> audit_worker_;
  std::unique_ptr<AccreditationAuditDisclosure> audit_disclosure_;
  std::unique_ptr<audit::AuditApiService> audit_service_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_APP_H_
