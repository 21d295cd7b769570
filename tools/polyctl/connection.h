#ifndef POLYLATERAL_TOOLS_POLYCTL_CONNECTION_H_
#define POLYLATERAL_TOOLS_POLYCTL_CONNECTION_H_

// How polyctl reaches the services and who it is to them. Under mutual TLS the principal is
// the client certificate (its SPIFFE id), so `as` picks a certificate/key pair from the
// scripts/dev-ca directory unless --cert/--key name one; on plaintext loopback (development)
// the principal travels in the x-polylateral-principal header.

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace polylateral::polyctl {

struct ConnectionOptions {
  // "registry" -> "127.0.0.1:50051", ... for the four services.
  std::map<std::string, std::string> targets;
  // The principal, "operator:ops", "stakeholder:demo-ngo".
  std::string as = "operator:ops";
  // The scripts/dev-ca directory: <kind>-<id>.crt/.key and ca.crt.
  std::string tls_dir = "var/tls";
  // Explicit files; each overrides what tls_dir and `as` would give.
  std::string cert, key, ca;
  bool plaintext = false;
  std::string trust_domain = "polylateral";
  // Per call.
  absl::Duration timeout = absl::Seconds(30);
};

class Connection final {
 public:
  explicit Connection(ConnectionOptions options) : options_(std::move(options)) {}

  // The channel to `service` (one per service, made on first use). INVALID_ARGUMENT for an
  // unknown service or a certificate file that cannot be read.
  absl::StatusOr<std::shared_ptr<grpc::Channel>> Channel(const std::string& service);

  // A context for one call: the deadline, and the principal header on plaintext.
  std::unique_ptr<grpc::ClientContext> NewContext() const;

  const ConnectionOptions& options() const { return options_; }

 private:
  ConnectionOptions options_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
};

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_CONNECTION_H_
