#ifndef POLYLATERAL_TESTS_EDGE_TLS_SUITE_H_
#define POLYLATERAL_TESTS_EDGE_TLS_SUITE_H_

// The four services as deployed: mutual TLS on, each calling the others with its own
// certificate, against one real redis-server; certificates from scripts/dev-ca.

#include <memory>
#include <string>
#include <vector>

#include "common/server/service_host.h"
#include "common/testing/redis_server.h"
#include "grpcpp/channel.h"
#include "services/accreditation/api/accreditation_app.h"
#include "services/composition/api/composition_app.h"
#include "services/registry/api/registry_app.h"
#include "services/routing/api/routing_app.h"
#include "tests/edge/test_pki.h"

namespace polylateral::testing {

// Principals with certificates in the suite's PKI.
inline const std::vector<std::string> kPrincipals = {
    "service:registry", "service:accreditation", "service:composition",  "service:routing",
    "service:gateway",  "operator:ops",          "secretariat:oewg-ict", "state:FR",
    "stakeholder:acme"};

class TlsSuite final {
 public:
  // `refresh`: how often the services re-read their TLS files.
  explicit TlsSuite(absl::Duration refresh = absl::Seconds(60));
  ~TlsSuite();

  TestPki& pki() { return pki_; }
  // The TLS options the service `name` runs with.
  edge::TlsOptions Tls(const std::string& name) const;
  // Host options for `name` on 127.0.0.1:0 with TLS.
  server::HostOptions Options(const std::string& name) const;

  // "127.0.0.1:<port>" of a running service.
  std::string Address(const std::string& name) const;
  server::ServiceHost& Host(const std::string& name);
  // A channel to service `name` presenting `principal`'s certificate ("" for none).
  std::shared_ptr<grpc::Channel> Channel(const std::string& name, const std::string& principal);

 private:
  const absl::Duration refresh_;
  TestPki pki_;
  RedisServer redis_;
  std::unique_ptr<server::ServiceHost> registry_host_, accreditation_host_, composition_host_,
      routing_host_;
  std::unique_ptr<registry::RegistryApp> registry_app_;
  std::unique_ptr<accreditation::AccreditationApp> accreditation_app_;
  std::unique_ptr<composition::CompositionApp> composition_app_;
  std::unique_ptr<routing::RoutingApp> routing_app_;
};

}  // namespace polylateral::testing

#endif  // POLYLATERAL_TESTS_EDGE_TLS_SUITE_H_
