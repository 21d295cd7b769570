#ifndef POLYLATERAL_COMMON_RPC_JSON_ERROR_DETAILS_H_
#define POLYLATERAL_COMMON_RPC_JSON_ERROR_DETAILS_H_

// A failed call's google.rpc.Status, decoded from grpc-status-details-bin: what the services
// put there (ErrorInfo on every error, BadRequest field violations on INVALID_ARGUMENT) in
// plain fields, and the whole Status for anything else.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace polylateral::rpc_json {

struct FieldViolation {
  std::string field;
  std::string description;
};

struct ErrorDetails {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string message;
  // From the first ErrorInfo; empty when there is none.
  std::string reason;
  std::string domain;
  std::map<std::string, std::string> metadata;
  // From every BadRequest.
  std::vector<FieldViolation> field_violations;
  // code and message always set (from the grpc::Status when the details are absent or
  // unreadable), details as the server sent them.
  google::rpc::Status status;
};

ErrorDetails DecodeError(const grpc::Status& status);

// "NOT_FOUND" for grpc::StatusCode::NOT_FOUND, the names google.rpc.Code uses.
absl::string_view StatusCodeName(grpc::StatusCode code);

}  // namespace polylateral::rpc_json

#endif  // POLYLATERAL_COMMON_RPC_JSON_ERROR_DETAILS_H_
