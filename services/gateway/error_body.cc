#include "services/gateway/error_body.h"

#include "common/rpc_json/json_call.h"
#include "google/rpc/error_details.pb.h"
#include "nlohmann/json.hpp"
#include "services/gateway/http_status.h"

namespace polylateral::gateway {

using nlohmann::json;

namespace {

HttpError Render(const rpc_json::ErrorDetails& error, int http_status) {
  HttpError out;
  out.http_status = http_status;
  json status = json::parse(rpc_json::ErrorToJson(error), nullptr, false);
  json body = {{"code", out.http_status},
               {"message", error.message},
               {"status", std::string(rpc_json::StatusCodeName(error.code))},
               {"details", json::array()}};
  if (status.is_object() && status.contains("details")) body["details"] = status["details"];
  out.body = json{{"error", std::move(body)}}.dump();
  return out;
}

}  // namespace

HttpError ErrorFromUpstream(const rpc_json::ErrorDetails& error) {
  return Render(error, HttpStatusFromGrpcCode(static_cast<int>(error.code)));
}

HttpError GatewayError(grpc::StatusCode code, absl::string_view reason, absl::string_view message,
                       const std::vector<rpc_json::FieldViolation>& violations, int http_status) {
  rpc_json::ErrorDetails error;
  error.code = code;
  error.message = std::string(message);
  error.status.set_code(static_cast<int>(code));
  error.status.set_message(error.message);
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain("polylateral.gateway");
  error.status.add_details()->PackFrom(info);
  if (!violations.empty()) {
    google::rpc::BadRequest bad;
    for (const auto& v : violations) {
      auto* violation = bad.add_field_violations();
      violation->set_field(v.field);
      violation->set_description(v.description);
    }
    error.status.add_details()->PackFrom(bad);
  }
  return Render(error,
                http_status != 0 ? http_status : HttpStatusFromGrpcCode(static_cast<int>(code)));
}

}  // namespace polylateral::gateway
