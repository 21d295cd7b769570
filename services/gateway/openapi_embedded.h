#ifndef POLYLATERAL_SERVICES_GATEWAY_OPENAPI_EMBEDDED_H_
#define POLYLATERAL_SERVICES_GATEWAY_OPENAPI_EMBEDDED_H_

// The OpenAPI document polylateral-openapi wrote at build time, compiled into the gateway.

namespace polylateral::gateway {

extern const char kOpenapiJson[];

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_OPENAPI_EMBEDDED_H_
