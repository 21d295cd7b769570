#ifndef POLYLATERAL_COMMON_SERVER_SERVICE_HOST_H_
#define POLYLATERAL_COMMON_SERVER_SERVICE_HOST_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/edge/access_policy.h"
#include "common/edge/admission.h"
#include "common/edge/identity.h"
#include "common/edge/outgoing_call.h"
#include "common/edge/tls.h"
#include "common/edge/tls_expiry.h"
#include "common/redis/redis_client.h"
#include "common/server/grpc_metrics.h"
#include "common/server/unary_dispatcher.h"
#include "common/server/worker_pool.h"
#include "common/server/write_rate_limiter.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/server.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

namespace polylateral::server {

struct HostOptions {
  // "registry": names the error domain (polylateral.registry), logs and metrics.
  std::string service_name;
  // gRPC address; port 0 picks a free port (tests).
  std::string listen = "127.0.0.1:0";
  // Mutual TLS on the gRPC address when tls.enabled(); the same files make this service's
  // client identity towards the services it calls.
  edge::TlsOptions tls;
  // Without TLS, a listen address beyond loopback is refused unless this is set; then every
  // caller is anonymous.
  bool insecure = false;
  // Trust domain of the SPIFFE ids and the principals whose on-behalf-of header counts.
  std::string trust_domain = std::string(edge::kDefaultTrustDomain);
  std::vector<std::string> trusted_forwarders = {"service:gateway"};
  // Plaintext grpc.health.v1 only, for probes that cannot speak TLS; empty disables it.
  std::string health_listen;
  // Prometheus /metrics address; empty disables the endpoint.
  std::string metrics_listen;
  redis::RedisOptions redis;
  // Threads that run handlers (they block on Redis), and calls that may wait for one.
  int workers = 8;
  int max_queue = 4096;
  // After this long a client connection is asked to go away (GOAWAY; its calls and streams
  // finish undisturbed), so clients re-resolve and reach replicas added since they connected.
  // Zero keeps connections for ever.
  absl::Duration max_connection_age = absl::ZeroDuration();
  // How long in-flight calls may take to finish after SIGTERM before they are cancelled.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // How often Redis is pinged to drive the health status.
  absl::Duration health_interval = absl::Milliseconds(500);
  // Declarative method-level access policy (see access_policy.h).
  std::string access_policy_json;
  // Full names of the gRPC services served, for metrics pre-creation and health status.
  std::vector<std::string> grpc_services;
  // Writes per stakeholder or state principal (write_rate_limiter.h); the service sets the
  // key prefix and its exceptions, the flags the rate and burst.
  WriteRateOptions write_rate;
};

// Everything a polylateral service process needs around its handlers: the gRPC server with
// the standard health service (NOT_SERVING while Redis is unreachable) and reflection, the
// metrics interceptor and /metrics endpoint, the Redis client, the worker pool, the access
// policy, and a graceful shutdown. Tests build one on 127.0.0.1:0 exactly as main() does.
class ServiceHost final {
 public:
  static absl::StatusOr<std::unique_ptr<ServiceHost>> Create(HostOptions options);
  ~ServiceHost();

  prometheus::Registry& metrics_registry() { return *registry_; }
  redis::RedisClient& redis() { return *redis_; }
  UnaryDispatcher& dispatcher() { return *dispatcher_; }
  const HostOptions& options() const { return options_; }
  // The gate of every incoming call, for handlers that are not unary.
  const edge::Admission& admission() const { return *admission_; }
  // How this service calls the others (its own certificate, the deadline cap).
  const edge::OutgoingOptions& outgoing() const { return outgoing_; }

  // Builds and starts the server with `services` (not owned; must outlive the host).
  absl::Status Start(const std::vector<grpc::Service*>& services);
  int port() const { return port_; }
  // 0 when there is no plaintext health endpoint.
  int health_port() const { return health_port_; }
  // 0 when there is no metrics endpoint.
  int metrics_port() const;
  // Whether the health service says SERVING now.
  bool serving() const;

  // Graceful stop: health NOT_SERVING, run the shutdown hooks, stop accepting, let in-flight
  // calls finish within shutdown_grace, stop the workers, close Redis. Idempotent.
  void Shutdown();

  // `hook` runs once at the start of Shutdown, before the server drains: long-lived server
  // streams end themselves there, or each would hold the drain for the whole grace period.
  // Call before Shutdown; hooks run in the order added.
  void AddShutdownHook(std::function<void()> hook);

 private:
  ServiceHost(HostOptions options, AccessPolicy policy, edge::IdentityOptions identity);
  void HealthLoop();
  void SetServing(bool serving);

  const HostOptions options_;
  const AccessPolicy policy_;
  std::unique_ptr<edge::Admission> admission_;
  edge::OutgoingOptions outgoing_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  // When serving TLS: the certificates' not-after dates, read at every scrape.
  std::shared_ptr<edge::CertificateExpiry> tls_expiry_;
  std::unique_ptr<redis::RedisMetrics> redis_metrics_;
  std::unique_ptr<redis::RedisClient> redis_;
  std::unique_ptr<GrpcServerMetrics> grpc_metrics_;
  std::unique_ptr<WorkerPool> pool_;
  std::unique_ptr<WriteRateLimiter> write_limiter_;  // null when the limit is off
  std::unique_ptr<UnaryDispatcher> dispatcher_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::Server> health_server_;
  grpc::CallbackGenericService unimplemented_;
  int port_ = 0;
  int health_port_ = 0;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool serving_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::function<void()>> shutdown_hooks_ ABSL_GUARDED_BY(mu_);
  std::thread health_thread_;
};

// The health-service name that reports only that the process is alive (for liveness probes);
// "" and the gRPC service names report readiness, which needs Redis.
inline constexpr absl::string_view kLivenessService = "liveness";

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_SERVICE_HOST_H_
