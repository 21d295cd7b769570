#include "tools/polyctl/call_error.h"

#include "absl/strings/str_cat.h"
#include "common/rpc_json/error_details.h"
#include "google/rpc/error_details.pb.h"

namespace polylateral::polyctl {

CallError DecodeCallError(const grpc::Status& status) {
  const rpc_json::ErrorDetails details = rpc_json::DecodeError(status);
  CallError e;
  e.code = details.code;
  e.message = details.message;
  e.reason = details.reason;
  for (const auto& v : details.field_violations) e.violations.emplace_back(v.field, v.description);
  // FAILED_PRECONDITION answers name their subjects in a PreconditionFailure.
  for (const auto& any : details.status.details()) {
    google::rpc::PreconditionFailure pre;
    if (any.UnpackTo(&pre)) {
      for (const auto& v : pre.violations())
        e.violations.emplace_back(v.subject(), v.description());
    }
  }
  return e;
}

std::string CodeName(grpc::StatusCode code) { return std::string(rpc_json::StatusCodeName(code)); }

std::string FormatCallError(const CallError& e) {
  if (e.local) return "polyctl: " + e.message;
  std::string out = CodeName(e.code);
  if (!e.reason.empty()) absl::StrAppend(&out, " [", e.reason, "]");
  absl::StrAppend(&out, ": ", e.message);
  for (const auto& [field, description] : e.violations) {
    absl::StrAppend(&out, "\n  ", field, ": ", description);
  }
  return out;
}

nlohmann::json CallErrorJson(const CallError& e) {
  nlohmann::json j = {{"code", CodeName(e.code)}, {"message", e.message}};
  if (!e.reason.empty()) j["reason"] = e.reason;
  if (!e.violations.empty()) {
    nlohmann::json v = nlohmann::json::array();
    for (const auto& [field, description] : e.violations) {
      v.push_back({{"field", field}, {"description", description}});
    }
    j["violations"] = v;
  }
  return {{"error", j}};
}

}  // namespace polylateral::polyctl
