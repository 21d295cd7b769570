#ifndef POLYLATERAL_SERVICES_GATEWAY_REQUEST_BUILDER_H_
#define POLYLATERAL_SERVICES_GATEWAY_REQUEST_BUILDER_H_

// An HTTP request's parts turned into the method's request message, by the HttpRule's
// mapping: path variables into their fields, the body into `body` ("*": the whole message;
// a field name: that field), every other field from the query string ("a.b=v", a repeated
// field by repetition, enums by name or number, Timestamps and FieldMasks in their JSON form).
// Everything is assembled as one JSON object and parsed with protobuf's JSON mapping, so the
// HTTP side accepts exactly what the JSON mapping does.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/rpc_json/error_details.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "services/gateway/path_template.h"

namespace polylateral::gateway {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct BuiltRequest {
  // Set on success.
  std::unique_ptr<google::protobuf::Message> message;
  // Otherwise: what was wrong, naming the parameter or "body" (for INVALID_ARGUMENT).
  rpc_json::FieldViolation violation;
};

BuiltRequest BuildRequest(const google::protobuf::Descriptor& input, const PathBindings& path,
                          const QueryParams& query, absl::string_view body_field,
                          absl::string_view body);

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_REQUEST_BUILDER_H_
