#include "tools/polyctl/generic_call.h"

#include "common/edge/identity.h"
#include "common/rpc_json/json_call.h"
#include "common/rpc_json/method_lookup.h"
#include "polylateral/accreditation/v1/accreditation_service.pb.h"
#include "polylateral/audit/v1/audit.pb.h"
#include "polylateral/composition/v1/composition_service.pb.h"
#include "polylateral/registry/v1/registry_service.pb.h"
#include "polylateral/routing/v1/routing_service.pb.h"

namespace polylateral::polyctl {

// The generated pool knows a service's methods only once its .pb.cc is linked in; naming one
// message of each file keeps the linker from dropping them from the static libraries.
void LinkServiceDescriptors() {
  static const bool linked = [] {
    (void)registry::v1::GetStakeholderRequest::descriptor();
    (void)accreditation::v1::SubmitApplicationRequest::descriptor();
    (void)composition::v1::DrawBodyRequest::descriptor();
    (void)routing::v1::PullInboxRequest::descriptor();
    (void)audit::v1::ListAuditEntriesRequest::descriptor();
    return true;
  }();
  (void)linked;
}

CallResult CallJson(Connection& connection, const std::string& service, const std::string& method,
                    const nlohmann::json& request) {
  LinkServiceDescriptors();
  CallResult result;
  const google::protobuf::MethodDescriptor* descriptor = rpc_json::FindMethod(method);
  if (descriptor == nullptr) {
    result.error.code = grpc::StatusCode::UNIMPLEMENTED;
    result.error.message = "polyctl knows no method " + method;
    result.error.local = true;
    return result;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = connection.Channel(service);
  if (!channel.ok()) {
    result.error.code = grpc::StatusCode::INVALID_ARGUMENT;
    result.error.message = std::string(channel.status().message());
    result.error.local = true;
    return result;
  }
  rpc_json::GenericCaller caller(*channel);
  rpc_json::Metadata metadata;
  const ConnectionOptions& o = connection.options();
  if (o.plaintext) metadata.emplace_back(std::string(edge::kPrincipalHeader), o.as);
  rpc_json::JsonCallResult r =
      rpc_json::CallJson(caller, *descriptor, request.dump(), metadata, o.timeout);
  if (!r.status.ok()) {
    result.error = DecodeCallError(r.status);
    return result;
  }
  result.ok = true;
  result.response =
      r.responses.empty() ? nlohmann::json::object() : nlohmann::json::parse(r.responses.front());
  return result;
}

}  // namespace polylateral::polyctl
