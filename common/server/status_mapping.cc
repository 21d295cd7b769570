#include "common/server/status_mapping.h"

#include <string>

#include "common/base/errors.h"
#include "common/log/log.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/error_details.h"

namespace polylateral::server {

absl::string_view GrpcCodeName(int code) {
  static constexpr absl::string_view kNames[] = {
      "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
      "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
      "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
      "DataLoss", "Unauthenticated"};
  if (code < 0 || code > 16) return "Unknown";
  return kNames[code];
}

grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view domain) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown ||
      status.code() == absl::StatusCode::kDataLoss) {
    log::Error("internal error", {{"status", status.ToString()}, {"domain", domain}});
    message = "internal error; the service logged the details";
  }

  google::rpc::Status rpc;
  rpc.set_code(static_cast<int>(code));
  rpc.set_message(message);
  google::rpc::ErrorInfo info;
  info.set_reason(ErrorReason(status));
  info.set_domain(std::string(domain));
  rpc.add_details()->PackFrom(info);

  const auto violations = ErrorViolations(status);
  if (!violations.empty() && status.code() == absl::StatusCode::kInvalidArgument) {
    google::rpc::BadRequest bad;
    for (const auto& v : violations) {
      auto* fv = bad.add_field_violations();
      fv->set_field(v.field);
      fv->set_description(v.description);
    }
    rpc.add_details()->PackFrom(bad);
  } else if (!violations.empty() && status.code() == absl::StatusCode::kFailedPrecondition) {
    google::rpc::PreconditionFailure failure;
    for (const auto& v : violations) {
      auto* pv = failure.add_violations();
      pv->set_type(info.reason());
      pv->set_subject(v.field);
      pv->set_description(v.description);
    }
    rpc.add_details()->PackFrom(failure);
  }

  grpc::Status out;
  grpc::SetErrorDetails(rpc, &out);
  return out;
}

}  // namespace polylateral::server
