#ifndef POLYLATERAL_SERVICES_GATEWAY_OPENAPI_DOCUMENT_H_
#define POLYLATERAL_SERVICES_GATEWAY_OPENAPI_DOCUMENT_H_

// An OpenAPI 3.0 document of the gateway's routes, from the same route table and descriptors
// the gateway serves from: one operation per HTTP binding, schemas in protobuf's JSON mapping,
// errors in the AIP-193 shape.
//
// OpenAPI path parameters cannot span segments, so a variable's pattern is spelt out with one
// parameter per '*' ("/v1/{name=processes/*/applications/*}" becomes
// "/v1/processes/{processId}/applications/{applicationId}"); a "**" variable stays whole.

#include <string>

#include "services/gateway/route_table.h"

namespace polylateral::gateway {

std::string OpenApiDocument(const RouteTable& routes);

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_OPENAPI_DOCUMENT_H_
