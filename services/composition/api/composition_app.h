#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_COMPOSITION_APP_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_COMPOSITION_APP_H_

#include <memory>
#include <string>
#include <vector>

#include "common/audit_api/audit_service.h"
#include "common/audit_store/audit_worker.h"
#include "common/base/clock.h"
#include "common/server/service_host.h"
#include "services/composition/api/audit_disclosure.h"
#include "services/composition/api/composition_service.h"
#include "services/composition/api/solve_metrics.h"
#include "services/composition/api/stream_solve_reactor.h"

namespace polylateral::composition {

class AccreditationGate;
class RegistryClient;
class RedisBodyStore;
class RedisDelegationStore;

// Host options composition needs whatever the flags say: its name, its gRPC service (for
// metrics and health) and its access policy.
void ConfigureCompositionHost(server::HostOptions& options);

struct CompositionOptions {
  // The registry's gRPC address ("127.0.0.1:50051"), asked about processes, sessions,
  // stakeholders and states.
  std::string registry_address = "127.0.0.1:50051";
  // The accreditation service's gRPC address, asked only for SolveRequest.accredited_only;
  // empty: none (such requests fail with FAILED_PRECONDITION).
  std::string accreditation_address;
  // Streamed solves running at once (each takes a thread), and per caller.
  int max_stream_solves = 4;
  int max_streams_per_principal = 8;
  // The most candidates a solve or a draw takes (Solve, StreamSolve, DrawPanel, DrawBody):
  // bodies of 10,000 nominations and 2,000-candidate draws fit.
  int max_pool_size = 20000;
  // The audit sealer (common/audit_store/audit_worker.h): seals each process's audit log and,
  // with a signing key, publishes their signed heads.
  audit::AuditWorkerOptions audit;
  bool run_audit = true;
};

// The composition service's object graph on a host: metrics, registry client, store,
// delegation rules, body store -> gRPC service. main() and the integration tests build exactly
// this.
class CompositionApp final {
 public:
  CompositionApp(server::ServiceHost* host, const Clock* clock, const CompositionOptions& options);
  ~CompositionApp();
  grpc::Service* service() { return service_.get(); }
  // What the host serves: the composition service and the audit logs' read API.
  std::vector<grpc::Service*> services() { return {service_.get(), audit_service_.get()}; }
  // The streamed solves running now, in all and per caller.
  const server::StreamSlots& stream_slots() const { return *stream_slots_; }
  audit::AuditWorker& audit_worker() { return *audit_worker_; }

 private:
  std::unique_ptr<SolveMetrics> metrics_;
  std::unique_ptr<server::StreamSlots> stream_slots_;
  StreamSolveEnv stream_env_;
  std::unique_ptr<RegistryClient> registry_;
  std::unique_ptr<AccreditationGate> accreditation_;
  std::unique_ptr<RedisDelegationStore> store_;
  std::unique_ptr<DelegationBook> delegations_;
  std::unique_ptr<RedisBodyStore> bodies_;
  std::unique_ptr<CompositionService> service_;
  std::unique_ptr<audit::AuditWorker> audit_worker_;
  CompositionAuditDisclosure audit_disclosure_;
  std::unique_ptr<audit::AuditApiService> audit_service_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_COMPOSITION_APP_H_
