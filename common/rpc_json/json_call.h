#ifndef POLYLATERAL_COMMON_RPC_JSON_JSON_CALL_H_
#define POLYLATERAL_COMMON_RPC_JSON_JSON_CALL_H_

// Requests and responses as protobuf's canonical JSON (lowerCamelCase names, enums by name,
// 64-bit integers as strings, Timestamps in RFC 3339), and a whole call from JSON to JSON.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/rpc_json/error_details.h"
#include "common/rpc_json/generic_call.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace polylateral::rpc_json {

// A message of `type` from JSON; INVALID_ARGUMENT naming what did not parse (unknown fields
// are refused: a misspelt field must not be dropped silently). "" parses as the empty message.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> MessageFromJson(
    const google::protobuf::Descriptor& type, absl::string_view json);

// Compact JSON of `message`; fields at their default value are left out.
std::string MessageToJson(const google::protobuf::Message& message);

// The error's google.rpc.Status as JSON ({"code", "message", "details": [{"@type", ...}]}).
std::string ErrorToJson(const ErrorDetails& error);

using Metadata = std::vector<std::pair<std::string, std::string>>;

struct JsonCallResult {
  grpc::Status status;
  // Decoded when !status.ok().
  ErrorDetails error;
  // One for a unary call; every message read for a server stream when no `on_message` was
  // given.
  std::vector<std::string> responses;
};

// Parses `request_json` as the method's input, calls with `metadata` and `timeout`, and turns
// the response(s) into JSON. A request that does not parse comes back as INVALID_ARGUMENT
// without a call. For a server-streaming method, `on_message` (if given) gets each response
// as it arrives and returns false to stop.
JsonCallResult CallJson(GenericCaller& caller, const google::protobuf::MethodDescriptor& method,
                        absl::string_view request_json, const Metadata& metadata,
                        absl::Duration timeout,
                        const std::function<bool(const std::string&)>& on_message = nullptr);

}  // namespace polylateral::rpc_json

#endif  // POLYLATERAL_COMMON_RPC_JSON_JSON_CALL_H_
