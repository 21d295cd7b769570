#ifndef POLYLATERAL_SERVICES_GATEWAY_GATEWAY_SERVER_H_
#define POLYLATERAL_SERVICES_GATEWAY_GATEWAY_SERVER_H_

// The HTTP/JSON gateway: an HTTP server (cpp-httplib, a thread per connection from a pool)
// whose every request is looked up in the route table built from the services' google.api.http
// annotations, turned into the method's request message, called on the right upstream over
// mutual TLS as service:gateway on behalf of the verified caller, and answered as JSON (a
// server stream as server-sent events or newline-delimited JSON). No code per method.

#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/base/principal.h"
#include "common/edge/tls.h"
#include "common/rpc_json/generic_call.h"
#include "services/gateway/jwt_verifier.h"
#include "services/gateway/route_table.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace prometheus {
class Registry;
class Exposer;
class Counter;
class Histogram;
}  // namespace prometheus

namespace polylateral::gateway {

struct GatewayOptions {
  // "host:port"; port 0 picks a free one (port()).
  std::string http_listen = "127.0.0.1:8080";
  // Upstream name (api_services.h kUpstreams) -> gRPC target.
  std::map<std::string, std::string> upstreams;
  // The gateway's certificate towards the services (service:gateway) and the CA of theirs;
  // plaintext when !tls.enabled() (loopback development).
  edge::TlsOptions tls;
  // Bearer tokens; off when !jwt.enabled().
  JwtOptions jwt;
  // HTTPS with client certificates when all three are set: the certificate's SPIFFE id (in
  // tls.trust_domain) names the caller when no bearer token does.
  std::string http_tls_cert;
  std::string http_tls_key;
  std::string http_client_ca;
  // Prometheus /metrics address; empty disables it.
  std::string metrics_listen;
  absl::Duration call_timeout = absl::Seconds(30);
  absl::Duration stream_timeout = absl::Minutes(60);
  int threads = 32;
  // Served at /openapi.json.
  std::string openapi_json;
};

class GatewayServer final {
 public:
  // INVALID_ARGUMENT on unusable options (keys, routes, addresses).
  static absl::StatusOr<std::unique_ptr<GatewayServer>> Create(GatewayOptions options);
  ~GatewayServer();

  // Binds and serves on a thread of its own.
  absl::Status Start();
  int port() const { return port_; }
  void Stop();

 private:
  explicit GatewayServer(GatewayOptions options);
  struct Metrics;

  void Handle(const httplib::Request& req, httplib::Response& res);
  // The caller named by the request's bearer token or client certificate; anonymous when
  // neither; UNAUTHENTICATED when a token is given and refused.
  absl::StatusOr<Principal> Authenticate(const httplib::Request& req) const;
  void Count(int grpc_code, absl::Time start);

  GatewayOptions options_;
  RouteTable routes_;
  std::unique_ptr<JwtVerifier> jwt_;
  std::map<std::string, std::unique_ptr<rpc_json::GenericCaller>, std::less<>> upstreams_;
  bool principal_header_allowed_ = false;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::unique_ptr<Metrics> metrics_;
};

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_GATEWAY_SERVER_H_
