#include "common/rpc_json/generic_call.h"

#include <string>
#include <utility>

#include "absl/synchronization/notification.h"
#include "common/rpc_json/method_lookup.h"
#include "grpcpp/completion_queue.h"

namespace polylateral::rpc_json {

namespace gpb = google::protobuf;

GenericCaller::GenericCaller(std::shared_ptr<grpc::ChannelInterface> channel)
    : channel_(channel), stub_(std::move(channel)) {}

grpc::Status GenericCaller::Unary(grpc::ClientContext* context, const gpb::MethodDescriptor& method,
                                  const gpb::Message& request, gpb::Message* response) {
  absl::Notification done;
  grpc::Status result;
  stub_.UnaryCall(context, GrpcPath(method), grpc::StubOptions(), &request, response,
                  [&](grpc::Status status) {
                    result = std::move(status);
                    done.Notify();
                  });
  done.WaitForNotification();
  return result;
}

grpc::Status GenericCaller::ServerStream(
    grpc::ClientContext* context, const gpb::MethodDescriptor& method, const gpb::Message& request,
    const std::function<bool(const gpb::Message&)>& on_message) {
  // The asynchronous generic call on a completion queue of its own, each step awaited in
  // turn: a blocking reader without gRPC's internal factories. The wire does not tell a
  // server stream from a bidirectional one; the single request is written, then writes close.
  grpc::CompletionQueue cq;
  const std::string path = GrpcPath(method);
  auto call = stub_.PrepareCall(context, path, &cq);
  auto step = [&cq]() {
    void* tag = nullptr;
    bool ok = false;
    return cq.Next(&tag, &ok) && ok;
  };
  std::unique_ptr<gpb::Message> response = NewMessage(*method.output_type());
  call->StartCall(nullptr);
  bool open = step();
  if (open) {
    call->WriteLast(request, grpc::WriteOptions(), nullptr);
    open = step();
  }
  while (open) {
    call->Read(response.get(), nullptr);
    if (!step()) break;
    if (!on_message(*response)) {
      context->TryCancel();
      // Drain reads until the cancellation ends the stream.
      for (;;) {
        call->Read(response.get(), nullptr);
        if (!step()) break;
      }
      break;
    }
  }
  grpc::Status status;
  call->Finish(&status, nullptr);
  step();
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  return status;
}

}  // namespace polylateral::rpc_json
