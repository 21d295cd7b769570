#ifndef POLYLATERAL_COMMON_EDGE_TLS_H_
#define POLYLATERAL_COMMON_EDGE_TLS_H_

// Mutual TLS for the services, from PEM files that gRPC's FileWatcherCertificateProvider
// re-reads every `refresh`, so certificates renewed on disk (cert-manager, scripts/dev-ca -r)
// are picked up without a restart.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace polylateral::edge {

struct TlsOptions {
  // This service's certificate chain and key: served to callers, presented to upstreams.
  std::string cert;
  std::string key;
  // The CAs that sign client certificates (callers are refused without one they sign).
  std::string client_ca;
  // The CAs that sign the certificates of the services this one calls.
  std::string ca;
  std::string trust_domain = "polylateral";
  // How often the files are re-read.
  absl::Duration refresh = absl::Seconds(60);

  bool enabled() const { return !cert.empty() || !key.empty(); }
};

// OK when every file a server needs is given and readable; INVALID_ARGUMENT naming the flag.
absl::Status CheckServerFiles(const TlsOptions& tls);

// Server credentials that require and verify a client certificate signed by `client_ca`.
std::shared_ptr<grpc::ServerCredentials> ServerCredentials(const TlsOptions& tls);

// Channel credentials that present this service's certificate and accept only a server whose
// chain `ca` signs and whose certificate names `expected_spiffe_id` as a URI SAN (host names
// are not checked: the SPIFFE id is the identity).
std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials(const TlsOptions& tls,
                                                             absl::string_view expected_spiffe_id);

}  // namespace polylateral::edge

#endif  // POLYLATERAL_COMMON_EDGE_TLS_H_
