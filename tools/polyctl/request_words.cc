// `field=value` words on the command line as a JSON request, typed by the method's request
// message in the compiled descriptor pool.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "tools/polyctl/cli.h"
#include "tools/polyctl/generic_call.h"

namespace polylateral::polyctl {
namespace {

using google::protobuf::FieldDescriptor;

absl::StatusOr<nlohmann::json> Value(const FieldDescriptor& field, const std::string& text) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: {
      int64_t n = 0;
      if (!absl::SimpleAtoi(text, &n)) break;
      return nlohmann::json(n);
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double d = 0;
      if (!absl::SimpleAtod(text, &d)) break;
      return nlohmann::json(d);
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool b = false;
      if (!absl::SimpleAtob(text, &b)) break;
      return nlohmann::json(b);
    }
    case FieldDescriptor::CPPTYPE_ENUM:
      return nlohmann::json(absl::AsciiStrToUpper(text));
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      // Well-known types take their JSON string form ("2026-12-01T00:00:00Z", "a,b").
      if (absl::StartsWith(field.message_type()->full_name(), "google.protobuf.")) {
        const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        return j.is_discarded() ? nlohmann::json(text) : j;
      }
      const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
      if (j.is_discarded() || !j.is_object()) break;
      return j;
    }
    default:
      return nlohmann::json(text);
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field.name(), "=", text, ": not a value of type ", field.type_name()));
}

}  // namespace

absl::StatusOr<nlohmann::json> RequestFromWords(const std::string& method,
                                                const std::vector<std::string>& words,
                                                nlohmann::json request) {
  LinkServiceDescriptors();
  const auto* descriptor = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
      absl::StrReplaceAll(absl::StripPrefix(method, "/"), {{"/", "."}}));
  if (descriptor == nullptr) return absl::InvalidArgumentError(absl::StrCat("no method ", method));
  const google::protobuf::Descriptor* input = descriptor->input_type();
  if (!request.is_object()) request = nlohmann::json::object();
  for (const std::string& word : words) {
    const size_t eq = word.find('=');
    if (eq == std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat("'", word, "': expected FIELD=VALUE"));
    }
    const std::string key = word.substr(0, eq);
    const FieldDescriptor* field = input->FindFieldByName(key);
    if (field == nullptr) field = input->FindFieldByCamelcaseName(key);
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", key, "' is not a field of ", input->full_name()));
    }
    absl::StatusOr<nlohmann::json> value = Value(*field, word.substr(eq + 1));
    if (!value.ok()) return value.status();
    nlohmann::json& slot = request[field->json_name()];
    if (field->is_repeated()) {
      if (!slot.is_array()) slot = nlohmann::json::array();
      slot.push_back(*value);
    } else {
      slot = *value;
    }
  }
  return request;
}

}  // namespace polylateral::polyctl
