#include "services/composition/api/composition_app.h"

#include "services/composition/client/accreditation_gate.h"
#include "services/composition/client/registry_client.h"
#include "services/composition/delegation/delegation_book.h"
#include "services/composition/store/audit_logs.h"
#include "services/composition/store/composition_keys.h"
#include "services/composition/store/redis_body_store.h"
#include "services/composition/store/redis_delegation_store.h"

namespace polylateral::composition {

namespace policy {
extern const char kAccessPolicyJson[];
}  // namespace policy

void ConfigureCompositionHost(server::HostOptions& options) {
  options.service_name = "composition";
  options.grpc_services = {"polylateral.composition.v1.CompositionService",
                           audit::kAuditServiceName};
  options.access_policy_json = policy::kAccessPolicyJson;
  // Every method not named Get*/List*/Stream* or Solve writes (server::IsWriteMethod), except
  // DrawPanel, which computes and stores nothing.
  options.write_rate.key_prefix = "comp:{rate}:";
  options.write_rate.not_writes = {"DrawPanel"};
}

CompositionApp::CompositionApp(server::ServiceHost* host, const Clock* clock,
                               const CompositionOptions& options)
    : metrics_(std::make_unique<SolveMetrics>(host->metrics_registry())),
      stream_slots_(std::make_unique<server::StreamSlots>(
          server::StreamSlots::Limits{options.max_stream_solves, options.max_streams_per_principal,
                                      "streamed solves", "SERVER_BUSY"})),
      registry_(std::make_unique<RegistryClient>(host->outgoing(), options.registry_address)),
      accreditation_(
          std::make_unique<AccreditationGate>(host->outgoing(), options.accreditation_address)),
      store_(std::make_unique<RedisDelegationStore>(&host->redis())),
      delegations_(std::make_unique<DelegationBook>(store_.get(), clock)),
      bodies_(std::make_unique<RedisBodyStore>(&host->redis())) {
  stream_env_.admission = &host->admission();
  stream_env_.metrics = metrics_.get();
  stream_env_.accreditation = accreditation_.get();
  stream_env_.max_pool_size = options.max_pool_size;
  stream_env_.slots = stream_slots_.get();
  service_ = std::make_unique<CompositionService>(
      &host->dispatcher(), metrics_.get(), &stream_env_, delegations_.get(), bodies_.get(),
      registry_.get(), accreditation_.get(), clock, options.max_pool_size);
  audit_worker_ = std::make_unique<audit::AuditWorker>(
      &host->redis(), [redis = &host->redis()] { return AuditTags(redis); }, options.audit);
  if (options.run_audit) audit_worker_->Start();
  audit::ServedAuditLogs logs;
  logs.process_tag = [](const std::string& process) { return CompositionKeys::AuditTag(process); };
  audit_service_ = std::make_unique<audit::AuditApiService>(&host->dispatcher(), &host->redis(),
                                                            std::move(logs), &audit_disclosure_);
}

CompositionApp::~CompositionApp() { audit_worker_->Stop(); }

}  // namespace polylateral::composition
