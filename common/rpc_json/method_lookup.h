#ifndef POLYLATERAL_COMMON_RPC_JSON_METHOD_LOOKUP_H_
#define POLYLATERAL_COMMON_RPC_JSON_METHOD_LOOKUP_H_

// Finding a method and making its messages from the compiled descriptors alone, so a tool can
// call any method it links the generated code of (or any descriptor from another pool) without
// code per method.

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace polylateral::rpc_json {

// The method named "pkg.Service/Method", "/pkg.Service/Method" or "pkg.Service.Method" in the
// generated pool; nullptr when no linked descriptor has it.
const google::protobuf::MethodDescriptor* FindMethod(absl::string_view name);

// The HTTP/2 path gRPC calls it by: "/pkg.Service/Method".
std::string GrpcPath(const google::protobuf::MethodDescriptor& method);

// An empty message of `type`: the generated class when `type` is from the generated pool,
// a dynamic message otherwise (the factory lives for the process; it is thread-safe).
std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor& type);

}  // namespace polylateral::rpc_json

#endif  // POLYLATERAL_COMMON_RPC_JSON_METHOD_LOOKUP_H_
