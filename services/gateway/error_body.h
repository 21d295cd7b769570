#ifndef POLYLATERAL_SERVICES_GATEWAY_ERROR_BODY_H_
#define POLYLATERAL_SERVICES_GATEWAY_ERROR_BODY_H_

// Errors as AIP-193 describes them for HTTP:
//   {"error": {"code": <HTTP status>, "message": "...", "status": "NOT_FOUND",
//              "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", ...}, ...]}}
// from an upstream's google.rpc.Status, or from the gateway's own refusals (domain
// polylateral.gateway).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/rpc_json/error_details.h"
#include "grpcpp/support/status.h"

namespace polylateral::gateway {

struct HttpError {
  int http_status = 500;
  std::string body;
};

// An upstream's error, its details as the service sent them.
HttpError ErrorFromUpstream(const rpc_json::ErrorDetails& error);

// The gateway's own error: ErrorInfo {reason, domain "polylateral.gateway"} and, when given,
// BadRequest field violations. `http_status` replaces the code's own (405 has no gRPC code).
HttpError GatewayError(grpc::StatusCode code, absl::string_view reason, absl::string_view message,
                       const std::vector<rpc_json::FieldViolation>& violations = {},
                       int http_status = 0);

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_ERROR_BODY_H_
