// polylateral-gateway: the HTTP/JSON face of the four services (docs/gateway.md).
#include <csignal>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/log/log.h"
#include "services/gateway/gateway_server.h"
#include "services/gateway/openapi_embedded.h"

ABSL_FLAG(std::string, http_listen, "127.0.0.1:8080", "HTTP (or HTTPS) address, host:port");
ABSL_FLAG(std::string, registry, "127.0.0.1:50051", "the registry's gRPC target");
ABSL_FLAG(std::string, accreditation, "127.0.0.1:50052", "the accreditation service's target");
ABSL_FLAG(std::string, composition, "127.0.0.1:50053", "the composition service's target");
ABSL_FLAG(std::string, routing, "127.0.0.1:50054", "the routing service's target");
ABSL_FLAG(std::string, tls_cert, "", "the gateway's certificate (service:gateway), PEM");
ABSL_FLAG(std::string, tls_key, "", "its private key, PEM");
ABSL_FLAG(std::string, tls_ca, "", "the CA that signs the services' certificates");
ABSL_FLAG(std::string, trust_domain, "polylateral", "SPIFFE trust domain of certificates");
ABSL_FLAG(std::vector<std::string>, jwt_public_keys, {},
          "PEM public keys (RSA or EC P-256) that verify bearer tokens, comma-separated files");
ABSL_FLAG(std::string, jwks_file, "", "a JWKS file of keys that verify bearer tokens");
ABSL_FLAG(std::string, jwt_principal_claim, "sub", "the token claim that names the caller");
ABSL_FLAG(std::string, jwt_principal_prefix, "",
          "prepended to the claim (\"stakeholder:\" when the claim holds a bare id)");
ABSL_FLAG(std::string, jwt_issuer, "", "required iss claim, when set");
ABSL_FLAG(std::string, jwt_audience, "", "required aud claim, when set");
ABSL_FLAG(std::string, http_tls_cert, "", "HTTPS certificate; with the two below, HTTPS");
ABSL_FLAG(std::string, http_tls_key, "", "HTTPS private key");
ABSL_FLAG(std::string, http_client_ca, "", "CA of client certificates that name callers");
ABSL_FLAG(std::string, metrics_listen, "127.0.0.1:9105", "Prometheus /metrics; empty: off");
ABSL_FLAG(int, threads, 32, "HTTP connections served at once (one thread each)");
ABSL_FLAG(absl::Duration, call_timeout, absl::Seconds(30), "deadline of a unary call");
ABSL_FLAG(absl::Duration, stream_timeout, absl::Minutes(60), "deadline of a stream");

int main(int argc, char** argv) {
  using namespace polylateral;
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  absl::ParseCommandLine(argc, argv);

  gateway::GatewayOptions o;
  o.http_listen = absl::GetFlag(FLAGS_http_listen);
  o.upstreams = {{"registry", absl::GetFlag(FLAGS_registry)},
                 {"accreditation", absl::GetFlag(FLAGS_accreditation)},
                 {"composition", absl::GetFlag(FLAGS_composition)},
                 {"routing", absl::GetFlag(FLAGS_routing)}};
  o.tls.cert = absl::GetFlag(FLAGS_tls_cert);
  o.tls.key = absl::GetFlag(FLAGS_tls_key);
  o.tls.ca = absl::GetFlag(FLAGS_tls_ca);
  o.tls.trust_domain = absl::GetFlag(FLAGS_trust_domain);
  o.jwt.public_key_files = absl::GetFlag(FLAGS_jwt_public_keys);
  o.jwt.jwks_file = absl::GetFlag(FLAGS_jwks_file);
  o.jwt.principal_claim = absl::GetFlag(FLAGS_jwt_principal_claim);
  o.jwt.principal_prefix = absl::GetFlag(FLAGS_jwt_principal_prefix);
  o.jwt.issuer = absl::GetFlag(FLAGS_jwt_issuer);
  o.jwt.audience = absl::GetFlag(FLAGS_jwt_audience);
  o.http_tls_cert = absl::GetFlag(FLAGS_http_tls_cert);
  o.http_tls_key = absl::GetFlag(FLAGS_http_tls_key);
  o.http_client_ca = absl::GetFlag(FLAGS_http_client_ca);
  o.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  o.threads = absl::GetFlag(FLAGS_threads);
  o.call_timeout = absl::GetFlag(FLAGS_call_timeout);
  o.stream_timeout = absl::GetFlag(FLAGS_stream_timeout);
  o.openapi_json = gateway::kOpenapiJson;

  auto server = gateway::GatewayServer::Create(std::move(o));
  if (!server.ok()) {
    log::Error("cannot configure the gateway", {{"error", server.status().ToString()}});
    return EXIT_FAILURE;
  }
  if (auto st = (*server)->Start(); !st.ok()) {
    log::Error("cannot start", {{"error", st.ToString()}});
    return EXIT_FAILURE;
  }
  log::Info("gateway serving", {{"port", (*server)->port()}});
  int sig = 0;
  sigwait(&signals, &sig);
  log::Info("shutting down", {{"signal", sig}});
  (*server)->Stop();
  return EXIT_SUCCESS;
}
