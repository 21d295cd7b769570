#ifndef POLYLATERAL_BENCH_REGISTRY_BENCH_CHANNEL_H_
#define POLYLATERAL_BENCH_REGISTRY_BENCH_CHANNEL_H_

// The load clients' one channel to a target: plaintext, or, with --tls_cert, --tls_key and
// --tls_ca, mutual TLS through the services' own edge::Dial (the client presents its
// certificate, whose SPIFFE id is then the caller's principal, and checks the server's).

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/channel.h"

namespace polylateral::bench {

// True when --tls_cert or --tls_key was given.
bool TlsRequested();

// One channel to `target` whose server must be service:<peer> under TLS; the caller keeps it
// for the whole run so every call rides the same connection (no per-call handshake).
std::shared_ptr<grpc::Channel> Connect(const std::string& target, absl::string_view peer);

}  // namespace polylateral::bench

#endif  // POLYLATERAL_BENCH_REGISTRY_BENCH_CHANNEL_H_
