#ifndef POLYLATERAL_SERVICES_GATEWAY_API_SERVICES_H_
#define POLYLATERAL_SERVICES_GATEWAY_API_SERVICES_H_

// The services the gateway (and its OpenAPI document) expose, and which upstream serves a call.

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "services/gateway/path_template.h"

namespace polylateral::gateway {

// Upstream names, also the services' certificate names (service:<name>).
inline constexpr const char* kUpstreams[] = {"registry", "accreditation", "composition", "routing"};

// The five services' descriptors, from the generated code linked into this binary.
std::vector<const google::protobuf::ServiceDescriptor*> PublicServices();

// The upstream that serves `method` called with `bindings`: a service's own upstream, or for
// the audit API (served by three services) the one whose log the resource name names
// (auditLogs/acc, auditLogs/rt, processes/{p}/auditLog). Empty when none does.
std::string UpstreamFor(const google::protobuf::MethodDescriptor& method,
                        const PathBindings& bindings);

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_API_SERVICES_H_
