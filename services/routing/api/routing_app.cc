#include "services/routing/api/routing_app.h"

#include "common/log/log.h"
#include "services/routing/store/routing_keys.h"

namespace polylateral::routing {

namespace policy {
extern const char kAccessPolicyJson[];
}  // namespace policy

void ConfigureRoutingHost(server::HostOptions& options) {
  options.service_name = "routing";
  options.grpc_services = {"polylateral.routing.v1.RoutingService", audit::kAuditServiceName};
  options.access_policy_json = policy::kAccessPolicyJson;
  // Every method not named Get*/List*/Preview*/Stream* writes (server::IsWriteMethod), except
  // reading one's own inbox: what it takes out, others' writes put in (and paid for).
  options.write_rate.key_prefix = "{rt}:rate:";
  // WatchEvents only reads.
  options.write_rate.not_writes = {"PullInbox", "AckDelivery", "WatchEvents"};
}

RoutingApp::RoutingApp(server::ServiceHost* host, const Clock* clock, const AppOptions& options)
    : metrics_(std::make_unique<RoutingMetrics>(host->metrics_registry())),
      store_(std::make_unique<RedisRoutingStore>(&host->redis())),
      carried_(std::make_unique<RedisCarriedStore>(&host->redis())),
      dead_letters_(std::make_unique<RedisDeadLetterStore>(&host->redis())),
      registry_(std::make_unique<RegistryClient>(host->outgoing(), options.registry_address,
                                                 options.registry_cache_ttl)),
      access_cache_(std::make_unique<AccessCache>(options.access_cache_ttl)),
      accreditation_(std::make_unique<AccreditationClient>(
          host->outgoing(), options.accreditation_address, access_cache_.get())),
      own_facts_(std::make_unique<StoredOwnFacts>(store_.get())),
      facts_(
          std::make_unique<FactsGatherer>(registry_.get(), accreditation_.get(), own_facts_.get())),
      router_(std::make_unique<InputRouter>(facts_.get(), store_.get(), &codec_, clock)) {
  RoutingMetrics* m = metrics_.get();
  events_ = std::make_unique<AccreditationEvents>(&host->redis(), router_.get(),
                                                  [m](int n) { m->Rerouted(n); });
  event_store_ = std::make_unique<RedisEventStore>(&host->redis());
  if (auto st = event_store_->SetCap(options.event_stream_max_len); !st.ok()) {
    // The scripts keep the length last stored (or their default) until a replica sets it.
    log::Warning("change feed length not stored", {{"error", st.ToString()}});
  }
  change_feed_ = std::make_unique<ChangeFeed>(host->redis().options());
  watches_ = std::make_unique<EventWatches>(&host->dispatcher(), change_feed_.get(),
                                            event_store_.get(), options.watch);
  service_ = std::make_unique<RoutingService>(
      &host->dispatcher(), router_.get(), store_.get(), carried_.get(), dead_letters_.get(),
      registry_.get(), clock, m, options.inbox, options.state_facts, watches_.get());
  change_feed_->Start();
  // The host outlives no app: main() and the harness shut the host down before the app goes.
  host->AddShutdownHook([service = service_.get(), feed = change_feed_.get()] {
    service->StopStreams();
    feed->Stop();
  });
  if (options.consume_events && options.access_cache_ttl > absl::ZeroDuration()) {
    access_watcher_ =
        std::make_unique<AccessEventWatcher>(host->redis().options(), access_cache_.get());
    access_watcher_->Start();
  }
  if (options.consume_events) {
    events_->Start();
  } else {
    (void)events_->Prepare();
  }
  audit_worker_ = std::make_unique<audit::AuditWorker>(
      &host->redis(), [] { return std::vector<std::string>{std::string(keys::kAuditTag)}; },
      options.audit);
  if (options.run_audit) audit_worker_->Start();
  audit::ServedAuditLogs logs;
  logs.by_id = {{"rt", std::string(keys::kAuditTag)}};
  audit_service_ = std::make_unique<audit::AuditApiService>(&host->dispatcher(), &host->redis(),
                                                            std::move(logs), &audit_disclosure_);
  inbox_figures_ = std::make_unique<RedisInboxFiguresStore>(&host->redis());
  inbox_metrics_ = std::make_unique<InboxMetricsSampler>(
      host->metrics_registry(), inbox_figures_.get(), clock, options.inbox_metrics);
  if (options.run_inbox_metrics) inbox_metrics_->Start();
  host->AddShutdownHook([sampler = inbox_metrics_.get()] { sampler->Stop(); });
}

RoutingApp::~RoutingApp() {
  inbox_metrics_->Stop();
  audit_worker_->Stop();
  events_->Stop();
  change_feed_->Stop();
  if (access_watcher_ != nullptr) access_watcher_->Stop();
}

}  // namespace polylateral::routing
