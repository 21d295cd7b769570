#ifndef POLYLATERAL_COMMON_RPC_JSON_GENERIC_CALL_H_
#define POLYLATERAL_COMMON_RPC_JSON_GENERIC_CALL_H_

// Calling any method over a grpc::Channel by its descriptor, with protobuf messages (generated
// or dynamic) as request and responses: grpc::GenericStub with protobuf's own serialisation,
// no code per method. The HTTP gateway and polyctl both call through this.

#include <functional>
#include <memory>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
// SerializationTraits for protobuf messages, which the generic stub serialises with.
#include "grpcpp/impl/codegen/proto_utils.h"
#include "grpcpp/support/status.h"

namespace polylateral::rpc_json {

// Thread-safe; one per channel is enough.
class GenericCaller final {
 public:
  explicit GenericCaller(std::shared_ptr<grpc::ChannelInterface> channel);

  // A unary call, blocking until it completes. `response` must be of the method's output
  // type (NewMessage(*method.output_type())).
  grpc::Status Unary(grpc::ClientContext* context, const google::protobuf::MethodDescriptor& method,
                     const google::protobuf::Message& request, google::protobuf::Message* response);

  // A server-streaming call: `on_message` gets each response in order (the same message
  // object, overwritten each time) and returns false to stop reading, which cancels the call
  // (the returned status is then CANCELLED). Blocks until the stream ends.
  grpc::Status ServerStream(
      grpc::ClientContext* context, const google::protobuf::MethodDescriptor& method,
      const google::protobuf::Message& request,
      const std::function<bool(const google::protobuf::Message&)>& on_message);

 private:
  using Stub = grpc::TemplatedGenericStub<google::protobuf::Message, google::protobuf::Message>;
  std::shared_ptr<grpc::ChannelInterface> channel_;
  Stub stub_;
};

}  // namespace polylateral::rpc_json

#endif  // POLYLATERAL_COMMON_RPC_JSON_GENERIC_CALL_H_
