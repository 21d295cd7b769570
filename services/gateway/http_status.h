#ifndef POLYLATERAL_SERVICES_GATEWAY_HTTP_STATUS_H_
#define POLYLATERAL_SERVICES_GATEWAY_HTTP_STATUS_H_

// The HTTP status for a gRPC code, as google.rpc.Code documents it and AIP-193 uses it
// (NOT_FOUND 404, FAILED_PRECONDITION 400, ABORTED 409, CANCELLED 499, ...).

namespace polylateral::gateway {

// `grpc_code` is the numeric google.rpc.Code / grpc::StatusCode; unknown values are 500.
int HttpStatusFromGrpcCode(int grpc_code);

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_HTTP_STATUS_H_
