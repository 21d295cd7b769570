#include "common/server/status_mapping.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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

namespace {

// `text` cut to kMaxDetailBytes without splitting a UTF-8 sequence (protobuf strings must be
// valid UTF-8).
std::string Capped(absl::string_view text) {
  if (text.size() <= kMaxDetailBytes) return std::string(text);
  size_t end = kMaxDetailBytes - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return absl::StrCat(text.substr(0, end), "...");
}

// The first kMaxListedViolations, then one saying how many more there were.
std::vector<FieldViolation> Listed(std::vector<FieldViolation> all) {
  if (all.size() <= static_cast<size_t>(kMaxListedViolations)) return all;
  const size_t left_out = all.size() - kMaxListedViolations;
  all.resize(kMaxListedViolations);
  all.push_back({"", absl::StrCat(left_out, " more violations left out; fix these and retry")});
  return all;
}

}  // namespace

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
  message = Capped(message);
  rpc.set_message(message);
  google::rpc::ErrorInfo info;
  info.set_reason(ErrorReason(status));
  info.set_domain(std::string(domain));
  for (auto& [key, value] : ErrorMetadata(status)) (*info.mutable_metadata())[key] = value;
  rpc.add_details()->PackFrom(info);

  const auto violations = Listed(ErrorViolations(status));
  if (!violations.empty() && status.code() == absl::StatusCode::kInvalidArgument) {
    google::rpc::BadRequest bad;
    for (const auto& v : violations) {
      auto* fv = bad.add_field_violations();
      fv->set_field(Capped(v.field));
      fv->set_description(Capped(v.description));
    }
    rpc.add_details()->PackFrom(bad);
  } else if (!violations.empty() && status.code() == absl::StatusCode::kFailedPrecondition) {
    google::rpc::PreconditionFailure failure;
    for (const auto& v : violations) {
      auto* pv = failure.add_violations();
      pv->set_type(info.reason());
      pv->set_subject(Capped(v.field));
      pv->set_description(Capped(v.description));
    }
    rpc.add_details()->PackFrom(failure);
  }

  grpc::Status out;
  // SetErrorDetails takes the message from `rpc`: the capped one goes in grpc-message too.
  grpc::SetErrorDetails(rpc, &out);
  return out;
}

}  // namespace polylateral::server
