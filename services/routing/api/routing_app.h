#ifndef POLYLATERAL_SERVICES_ROUTING_API_ROUTING_APP_H_
#define POLYLATERAL_SERVICES_ROUTING_API_ROUTING_APP_H_

#include <memory>
#include <string>
#include <vector>

#include "common/audit_api/audit_service.h"
#include "common/audit_store/audit_worker.h"
#include "common/base/clock.h"
#include "common/server/service_host.h"
#include "services/routing/api/access_event_watcher.h"
#include "services/routing/api/accreditation_events.h"
#include "services/routing/api/change_feed.h"
#include "services/routing/api/event_watch.h"
#include "services/routing/api/inbox_metrics_sampler.h"
#include "services/routing/api/proto_input_codec.h"
#include "services/routing/api/routing_service.h"
#include "services/routing/api/stored_own_facts.h"
#include "services/routing/client/accreditation_client.h"
#include "services/routing/client/registry_client.h"
#include "services/routing/domain/audit_disclosure.h"

namespace polylateral::routing {

// Host options routing needs whatever the flags say: name, gRPC service, access policy.
void ConfigureRoutingHost(server::HostOptions& options);

struct AppOptions {
  std::string registry_address = "127.0.0.1:50051";
  std::string accreditation_address = "127.0.0.1:50052";
  // How long registry answers (processes, stakeholders, networks) are reused.
  absl::Duration registry_cache_ttl = absl::Seconds(2);
  // The longest an accreditation answer is reused (AccessCache): events on {acc}:events drop
  // answers at once; this bounds a change that came without one. Used only while the events
  // are followed (consume_events); 0 disables the cache.
  absl::Duration access_cache_ttl = absl::Seconds(30);
  InboxOptions inbox;
  StateFactsOptions state_facts;
  // Start the accreditation-event consumer thread (tests may call events().Poll()).
  bool consume_events = true;
  // The audit sealer (common/audit_store/audit_worker.h): seals {rt}'s audit log and, with a
  // signing key, publishes its signed head.
  audit::AuditWorkerOptions audit;
  bool run_audit = true;
  // The delivery gauges' sampler (inbox depth, pending, oldest age, dead letters per kind).
  InboxMetricsOptions inbox_metrics;
  bool run_inbox_metrics = true;
  // WatchEvents: the change feed's length in Redis (--event_stream_max_len; approximate,
  // the scripts trim whole nodes) and the watch limits.
  int64_t event_stream_max_len = 100000;
  WatchOptions watch;
};

// Routing's object graph on a host: store, clients, facts, router, event consumer, service.
// main() and the integration tests build exactly this.
class RoutingApp final {
 public:
  RoutingApp(server::ServiceHost* host, const Clock* clock, const AppOptions& options);
  ~RoutingApp();
  grpc::Service* service() { return service_.get(); }
  // What the host serves: the routing service and the audit log's read API.
  std::vector<grpc::Service*> services() { return {service_.get(), audit_service_.get()}; }
  AccreditationEvents& events() { return *events_; }
  RedisRoutingStore& store() { return *store_; }
  ChangeFeed& change_feed() { return *change_feed_; }
  RoutingService& routing_service() { return *service_; }
  audit::AuditWorker& audit_worker() { return *audit_worker_; }
  InboxMetricsSampler& inbox_metrics() { return *inbox_metrics_; }

 private:
  std::unique_ptr<RoutingMetrics> metrics_;
  std::unique_ptr<RedisRoutingStore> store_;
  std::unique_ptr<RedisCarriedStore> carried_;
  std::unique_ptr<RedisDeadLetterStore> dead_letters_;
  std::unique_ptr<RegistryClient> registry_;
  std::unique_ptr<AccessCache> access_cache_;
  std::unique_ptr<AccessEventWatcher> access_watcher_;
  std::unique_ptr<AccreditationClient> accreditation_;
  std::unique_ptr<StoredOwnFacts> own_facts_;
  std::unique_ptr<FactsGatherer> facts_;
  ProtoInputCodec codec_;
  std::unique_ptr<InputRouter> router_;
  std::unique_ptr<AccreditationEvents> events_;
  std::unique_ptr<RedisEventStore> event_store_;
  std::unique_ptr<ChangeFeed> change_feed_;
  std::unique_ptr<EventWatches> watches_;
  std::unique_ptr<RoutingService> service_;
  std::unique_ptr<audit::AuditWorker> audit_worker_;
  RoutingAuditDisclosure audit_disclosure_;
  std::unique_ptr<audit::AuditApiService> audit_service_;
  std::unique_ptr<RedisInboxFiguresStore> inbox_figures_;
  std::unique_ptr<InboxMetricsSampler> inbox_metrics_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_ROUTING_APP_H_
