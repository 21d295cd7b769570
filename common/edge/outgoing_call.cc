#include "common/edge/outgoing_call.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/principal.h"
#include "common/edge/admission.h"
#include "common/edge/identity.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/channel_arguments.h"

namespace polylateral::edge {
namespace {

// The ErrorInfo reason in an upstream's google.rpc.Status details, if any.
std::string UpstreamReason(const grpc::Status& status) {
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) {
    return "";
  }
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info.reason();
  }
  return "";
}

}  // namespace

std::shared_ptr<grpc::Channel> Dial(const OutgoingOptions& options, const std::string& target,
                                    absl::string_view peer) {
  // round_robin keeps a connection to every address the target resolves to (every ready pod
  // behind a headless Service) and spreads calls over them; gRPC's default, pick_first, would
  // pin each replica of this service to one upstream pod.
  grpc::ChannelArguments args;
  args.SetLoadBalancingPolicyName("round_robin");
  if (!options.tls.enabled()) {
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  }
  const std::string expected =
      SpiffeIdOf(Principal{Principal::Kind::kService, std::string(peer)}, options.tls.trust_domain);
  return grpc::CreateCustomChannel(target, ChannelCredentials(options.tls, expected), args);
}

std::unique_ptr<grpc::ClientContext> NewClientContext(const OutgoingOptions& options,
                                                      absl::Time deadline) {
  std::unique_ptr<grpc::ClientContext> ctx;
  const CallContext* current = CurrentCall();
  if (current != nullptr && current->grpc_context != nullptr) {
    // Propagates the caller's cancellation (and deadline) to the upstream call.
    ctx = grpc::ClientContext::FromCallbackServerContext(*current->grpc_context);
    deadline = std::min(deadline, current->deadline);
  } else {
    ctx = std::make_unique<grpc::ClientContext>();
  }
  ctx->set_deadline(absl::ToChronoTime(std::min(deadline, absl::Now() + options.max_wait)));
  if (!options.tls.enabled()) {
    ctx->AddMetadata(std::string(kPrincipalHeader), absl::StrCat("service:", options.self));
  }
  return ctx;
}

absl::Status FromUpstream(const grpc::Status& status, absl::string_view peer) {
  if (status.ok()) return absl::OkStatus();
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  const std::string message = absl::StrCat(peer, ": ", status.error_message());
  switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::DEADLINE_EXCEEDED: {
      std::string reason = UpstreamReason(status);
      absl::Status out(code, message);
      return reason.empty() ? out : WithReason(out, reason);
    }
    default:
      return Unavailable(absl::StrCat(absl::AsciiStrToUpper(peer), "_UNAVAILABLE"),
                         absl::StrCat(peer, " did not answer: ", status.error_message()));
  }
}

}  // namespace polylateral::edge
