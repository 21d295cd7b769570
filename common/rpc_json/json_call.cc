#include "common/rpc_json/json_call.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/rpc_json/method_lookup.h"
#include "google/protobuf/util/json_util.h"

namespace polylateral::rpc_json {

namespace gpb = google::protobuf;

absl::StatusOr<std::unique_ptr<gpb::Message>> MessageFromJson(const gpb::Descriptor& type,
                                                              absl::string_view json) {
  std::unique_ptr<gpb::Message> message = NewMessage(type);
  if (json.find_first_not_of(" \t\r\n") == absl::string_view::npos) return message;
  gpb::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = gpb::util::JsonStringToMessage(gpb::StringPiece(json.data(), json.size()),
                                                     message.get(), options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("request body is not a valid ", type.full_name(),
                                                   ": ", std::string(status.message())));
  }
  return message;
}

std::string MessageToJson(const gpb::Message& message) {
  std::string out;
  gpb::util::JsonPrintOptions options;
  // Only fails for an Any whose type is not linked: then the Any's raw form is better than
  // nothing, and the caller still gets the rest.
  (void)gpb::util::MessageToJsonString(message, &out, options);
  return out;
}

std::string ErrorToJson(const ErrorDetails& error) { return MessageToJson(error.status); }

JsonCallResult CallJson(GenericCaller& caller, const gpb::MethodDescriptor& method,
                        absl::string_view request_json, const Metadata& metadata,
                        absl::Duration timeout,
                        const std::function<bool(const std::string&)>& on_message) {
  JsonCallResult result;
  auto request = MessageFromJson(*method.input_type(), request_json);
  if (!request.ok()) {
    result.status =
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(request.status().message()));
    result.error = DecodeError(result.status);
    return result;
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
  if (method.server_streaming()) {
    result.status =
        caller.ServerStream(&context, method, **request, [&](const gpb::Message& message) {
          std::string json = MessageToJson(message);
          if (on_message) return on_message(json);
          result.responses.push_back(std::move(json));
          return true;
        });
  } else {
    std::unique_ptr<gpb::Message> response = NewMessage(*method.output_type());
    result.status = caller.Unary(&context, method, **request, response.get());
    if (result.status.ok()) result.responses.push_back(MessageToJson(*response));
  }
  if (!result.status.ok()) result.error = DecodeError(result.status);
  return result;
}

}  // namespace polylateral::rpc_json
