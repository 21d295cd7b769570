#include "services/gateway/api_services.h"

#include "absl/strings/match.h"
#include "polylateral/accreditation/v1/accreditation_service.pb.h"
#include "polylateral/audit/v1/audit.pb.h"
#include "polylateral/composition/v1/composition_service.pb.h"
#include "polylateral/registry/v1/registry_service.pb.h"
#include "polylateral/routing/v1/routing_service.pb.h"

namespace polylateral::gateway {

namespace gpb = google::protobuf;

std::vector<const gpb::ServiceDescriptor*> PublicServices() {
  // Naming one message of each file keeps its generated code (and so its descriptors in the
  // generated pool) linked in.
  return {
      registry::v1::GetStakeholderRequest::descriptor()->file()->FindServiceByName(
          "RegistryService"),
      accreditation::v1::GetApplicationRequest::descriptor()->file()->FindServiceByName(
          "AccreditationService"),
      composition::v1::GetBodyRequest::descriptor()->file()->FindServiceByName(
          "CompositionService"),
      routing::v1::GetInputRequest::descriptor()->file()->FindServiceByName("RoutingService"),
      audit::v1::GetAuditHeadRequest::descriptor()->file()->FindServiceByName("AuditService"),
  };
}

std::string UpstreamFor(const gpb::MethodDescriptor& method, const PathBindings& bindings) {
  const std::string& service = method.service()->full_name();
  if (service == "polylateral.registry.v1.RegistryService") return "registry";
  if (service == "polylateral.accreditation.v1.AccreditationService") return "accreditation";
  if (service == "polylateral.composition.v1.CompositionService") return "composition";
  if (service == "polylateral.routing.v1.RoutingService") return "routing";
  if (service == "polylateral.audit.v1.AuditService" && !bindings.empty()) {
    const std::string& name = bindings.front().second;
    if (absl::StartsWith(name, "auditLogs/acc")) return "accreditation";
    if (absl::StartsWith(name, "auditLogs/rt")) return "routing";
    if (absl::StartsWith(name, "processes/")) return "composition";
  }
  return "";
}

}  // namespace polylateral::gateway
