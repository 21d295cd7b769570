#ifndef POLYLATERAL_TESTS_REGISTRY_REGISTRY_HARNESS_H_
#define POLYLATERAL_TESTS_REGISTRY_REGISTRY_HARNESS_H_

// A real registry on 127.0.0.1:0 against a real redis-server, built exactly as main() builds
// it, with helpers for calls and for reading google.rpc.Status details.

#include <memory>
#include <string>
#include <vector>

#include "common/server/service_host.h"
#include "common/testing/redis_server.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/registry/api/registry_app.h"

namespace polylateral::registry::testing {

class RegistryHarness final {
 public:
  // `with_metrics`: serve /metrics too. Off by default: the HTTP server's shutdown takes ~2 s
  // (civetweb's poll interval), which would dominate every test.
  explicit RegistryHarness(polylateral::testing::RedisServer* redis, bool with_metrics = false);
  ~RegistryHarness();

  void StartService();
  // The write rate limit of services started from now on (the flags' defaults otherwise).
  void set_write_rate(double rate, int burst) {
    write_rate_ = rate;
    write_burst_ = burst;
  }
  // The audit sealer's options of services started from now on (a signing key, intervals).
  void set_audit(audit::AuditWorkerOptions audit) { audit_ = std::move(audit); }
  // Connects the next StartService with this Redis password instead of the registry user's.
  void UseRedisPassword(std::string password) { redis_password_ = std::move(password); }
  // Graceful shutdown, as on SIGTERM.
  void StopService();

  v1::RegistryService::Stub& stub() { return *stub_; }
  // A context with a 5 s deadline and, when given, the caller identity header.
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& principal = "") const;
  // grpc.health.v1 status of `service` ("" = the whole server).
  grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::string& service = "");
  // The text of /metrics.
  std::string Metrics() const;
  server::ServiceHost& host() { return *host_; }
  RegistryApp& app() { return *app_; }
  int port() const { return port_; }

 private:
  polylateral::testing::RedisServer* redis_;
  const bool with_metrics_;
  std::string redis_password_;
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<RegistryApp> app_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
  int port_ = 0;
  double write_rate_ = server::WriteRateOptions().rate;
  int write_burst_ = server::WriteRateOptions().burst;
  audit::AuditWorkerOptions audit_;
};

// What a failed call says in its google.rpc.Status details.
struct ErrorDetails {
  std::string reason;
  std::string domain;
  // BadRequest field paths, or PreconditionFailure subjects.
  std::vector<std::string> fields;
};
ErrorDetails Details(const grpc::Status& status);

// A valid organisation to create and then break.
v1::Stakeholder Organisation(const std::string& name, const std::string& country = "BR");

}  // namespace polylateral::registry::testing

#endif  // POLYLATERAL_TESTS_REGISTRY_REGISTRY_HARNESS_H_
