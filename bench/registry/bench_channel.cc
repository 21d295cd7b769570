#include "bench/registry/bench_channel.h"

#include "absl/flags/flag.h"
#include "common/edge/outgoing_call.h"

ABSL_FLAG(std::string, tls_cert, "", "PEM client certificate: call over mutual TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_ca, "", "PEM bundle of the CAs that sign the servers' certificates");

namespace polylateral::bench {

bool TlsRequested() {
  return !absl::GetFlag(FLAGS_tls_cert).empty() || !absl::GetFlag(FLAGS_tls_key).empty();
}

std::shared_ptr<grpc::Channel> Connect(const std::string& target, absl::string_view peer) {
  edge::OutgoingOptions options;
  options.self = "bench";
  options.tls.cert = absl::GetFlag(FLAGS_tls_cert);
  options.tls.key = absl::GetFlag(FLAGS_tls_key);
  options.tls.ca = absl::GetFlag(FLAGS_tls_ca);
  return edge::Dial(options, target, peer);
}

}  // namespace polylateral::bench
