#ifndef POLYLATERAL_COMMON_SERVER_STATUS_MAPPING_H_
#define POLYLATERAL_COMMON_SERVER_STATUS_MAPPING_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace polylateral::server {

// The one place absl::Status becomes grpc::Status. The result carries a google.rpc.Status
// in its binary details: ErrorInfo {reason, domain} always, BadRequest field violations for
// INVALID_ARGUMENT, PreconditionFailure for FAILED_PRECONDITION. INTERNAL and UNKNOWN errors
// get a generic message (the full text goes to the log, never to the caller).
// `domain` is the service's error domain, "polylateral.registry".
// The details stay a few KB whatever the request: clients (and proxies) drop a call whose
// grpc-status-details-bin trailer is large. At most kMaxListedViolations violations are
// listed, then one more (field "") saying how many were left out; every field, description
// and the message is cut to kMaxDetailBytes at a UTF-8 boundary.
grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view domain);
inline constexpr int kMaxListedViolations = 50;
inline constexpr size_t kMaxDetailBytes = 512;

// Go-style code names that grpc-ecosystem dashboards match: "OK", "InvalidArgument", ...
absl::string_view GrpcCodeName(int code);

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_STATUS_MAPPING_H_
