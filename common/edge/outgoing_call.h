#ifndef POLYLATERAL_COMMON_EDGE_OUTGOING_CALL_H_
#define POLYLATERAL_COMMON_EDGE_OUTGOING_CALL_H_

// Calls from one polylateral service to another: the channel (mutual TLS with this service's
// own certificate, the peer's SPIFFE id checked), the deadline (the caller's, capped), the
// caller's cancellation, and one mapping of the answer's status that keeps its class: a
// client error (NOT_FOUND, INVALID_ARGUMENT, PERMISSION_DENIED, ...) stays a client error;
// only an upstream that failed or did not answer becomes UNAVAILABLE <PEER>_UNAVAILABLE.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/edge/tls.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace polylateral::edge {

struct OutgoingOptions {
  // This service's name: its principal is service:<self>.
  std::string self;
  // Off (plaintext) when tls.enabled() is false; then, for loopback development, the
  // principal header names this service.
  TlsOptions tls;
  // The longest any one outgoing call may wait, whatever the caller's deadline.
  absl::Duration max_wait = absl::Seconds(2);
};

// A channel to `target` ("host:port", "dns:///name:port", "ipv4:a:p,b:p") where the server
// must be service:<peer>; calls go round-robin over every address the target resolves to.
std::shared_ptr<grpc::Channel> Dial(const OutgoingOptions& options, const std::string& target,
                                    absl::string_view peer);

// A client context for one outgoing call: deadline min(`deadline`, now + max_wait), and, when
// the current thread serves an incoming call, that call's cancellation and deadline.
std::unique_ptr<grpc::ClientContext> NewClientContext(const OutgoingOptions& options,
                                                      absl::Time deadline);

// The status an upstream answered, for this service's caller: the code's class kept, the
// upstream's ErrorInfo reason kept for client errors.
absl::Status FromUpstream(const grpc::Status& status, absl::string_view peer);

}  // namespace polylateral::edge

#endif  // POLYLATERAL_COMMON_EDGE_OUTGOING_CALL_H_
