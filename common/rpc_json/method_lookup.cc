#include "common/rpc_json/method_lookup.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/dynamic_message.h"

namespace polylateral::rpc_json {

namespace gpb = google::protobuf;

const gpb::MethodDescriptor* FindMethod(absl::string_view name) {
  absl::ConsumePrefix(&name, "/");
  std::string dotted(name);
  const size_t slash = dotted.rfind('/');
  if (slash != std::string::npos) dotted[slash] = '.';
  return gpb::DescriptorPool::generated_pool()->FindMethodByName(dotted);
}

std::string GrpcPath(const gpb::MethodDescriptor& method) {
  return absl::StrCat("/", method.service()->full_name(), "/", method.name());
}

std::unique_ptr<gpb::Message> NewMessage(const gpb::Descriptor& type) {
  if (type.file()->pool() == gpb::DescriptorPool::generated_pool()) {
    const gpb::Message* prototype = gpb::MessageFactory::generated_factory()->GetPrototype(&type);
    if (prototype != nullptr) return std::unique_ptr<gpb::Message>(prototype->New());
  }
  // Never destroyed: messages it made may outlive any scope we could tie it to.
  static auto* const dynamic_factory = new gpb::DynamicMessageFactory();
  return std::unique_ptr<gpb::Message>(dynamic_factory->GetPrototype(&type)->New());
}

}  // namespace polylateral::rpc_json
