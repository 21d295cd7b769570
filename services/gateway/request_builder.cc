#include "services/gateway/request_builder.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/rpc_json/json_call.h"
#include "nlohmann/json.hpp"

namespace polylateral::gateway {

namespace gpb = google::protobuf;
using nlohmann::json;

namespace {

const gpb::FieldDescriptor* FindField(const gpb::Descriptor& type, absl::string_view name) {
  const std::string n(name);
  const gpb::FieldDescriptor* field = type.FindFieldByName(n);
  return field != nullptr ? field : type.FindFieldByCamelcaseName(n);
}

// Message types whose JSON form is a string, settable from one query value.
bool IsStringLikeMessage(const gpb::Descriptor& type) {
  const std::string& n = type.full_name();
  if (n == "google.protobuf.Timestamp" || n == "google.protobuf.Duration" ||
      n == "google.protobuf.FieldMask") {
    return true;
  }
  // The wrappers (Int32Value, StringValue, ...), not the dynamic Value.
  return absl::StartsWith(n, "google.protobuf.") && absl::EndsWith(n, "Value") &&
         n != "google.protobuf.Value";
}

// One text value as the JSON the field's type takes; an empty string on success, else why not.
std::string ScalarJson(const gpb::FieldDescriptor& field, const std::string& text, json* out) {
  using T = gpb::FieldDescriptor;
  switch (field.cpp_type()) {
    case T::CPPTYPE_STRING:
      *out = text;
      return "";
    case T::CPPTYPE_BOOL:
      if (text == "true" || text == "1") {
        *out = true;
      } else if (text == "false" || text == "0") {
        *out = false;
      } else {
        return "must be true or false";
      }
      return "";
    case T::CPPTYPE_INT32:
    case T::CPPTYPE_INT64: {
      int64_t v = 0;
      if (!absl::SimpleAtoi(text, &v)) return "must be an integer";
      *out = text;  // the JSON mapping takes every integer as a string too
      return "";
    }
    case T::CPPTYPE_UINT32:
    case T::CPPTYPE_UINT64: {
      uint64_t v = 0;
      if (!absl::SimpleAtoi(text, &v)) return "must be a non-negative integer";
      *out = text;
      return "";
    }
    case T::CPPTYPE_FLOAT:
    case T::CPPTYPE_DOUBLE: {
      double v = 0;
      if (!absl::SimpleAtod(text, &v)) return "must be a number";
      *out = v;
      return "";
    }
    case T::CPPTYPE_ENUM: {
      int v = 0;
      if (absl::SimpleAtoi(text, &v)) {
        *out = v;
      } else if (field.enum_type()->FindValueByName(text) != nullptr) {
        *out = text;
      } else {
        return absl::StrCat("must be one of the ", field.enum_type()->name(), " values");
      }
      return "";
    }
    case T::CPPTYPE_MESSAGE:
      if (IsStringLikeMessage(*field.message_type())) {
        *out = text;
        return "";
      }
      return "cannot be set from the path or the query string";
  }
  return "unsupported field type";
}

// Sets `dotted` (proto or JSON names) in `root` to `text`; an empty string on success, else
// why not.
std::string SetField(const gpb::Descriptor& type, absl::string_view dotted, const std::string& text,
                     json* root) {
  const std::vector<absl::string_view> names = absl::StrSplit(dotted, '.');
  const gpb::Descriptor* current = &type;
  json* node = root;
  for (size_t i = 0; i < names.size(); ++i) {
    const gpb::FieldDescriptor* field = FindField(*current, names[i]);
    if (field == nullptr) return "is not a field of the request";
    json& slot = (*node)[field->json_name()];
    const bool last = i + 1 == names.size();
    if (!last) {
      if (field->cpp_type() != gpb::FieldDescriptor::CPPTYPE_MESSAGE || field->is_repeated() ||
          IsStringLikeMessage(*field->message_type())) {
        return "is not a field of the request";
      }
      if (!slot.is_object()) slot = json::object();
      node = &slot;
      current = field->message_type();
      continue;
    }
    if (field->is_map()) return "cannot be set from the path or the query string";
    json value;
    std::string why = ScalarJson(*field, text, &value);
    if (!why.empty()) return why;
    if (field->is_repeated()) {
      if (!slot.is_array()) slot = json::array();
      slot.push_back(std::move(value));
    } else {
      slot = std::move(value);
    }
  }
  return "";
}

BuiltRequest Violation(std::string field, std::string description) {
  BuiltRequest out;
  out.violation = {std::move(field), std::move(description)};
  return out;
}

}  // namespace

BuiltRequest BuildRequest(const gpb::Descriptor& input, const PathBindings& path,
                          const QueryParams& query, absl::string_view body_field,
                          absl::string_view body) {
  json root = json::object();
  const bool has_body = !absl::StripAsciiWhitespace(body).empty();
  if (!body_field.empty() && has_body) {
    json parsed = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return Violation("body", "is not valid JSON");
    if (body_field == "*") {
      if (!parsed.is_object()) return Violation("body", "must be a JSON object");
      root = std::move(parsed);
    } else {
      const gpb::FieldDescriptor* field = FindField(input, body_field);
      if (field == nullptr) return Violation("body", "the method's body field is unknown");
      root[field->json_name()] = std::move(parsed);
    }
  } else if (body_field.empty() && has_body) {
    return Violation("body", "this method takes no body; use the query string");
  }
  for (const auto& [field_path, value] : path) {
    std::string why = SetField(input, field_path, value, &root);
    if (!why.empty()) return Violation(field_path, why);
  }
  if (body_field != "*") {
    for (const auto& [name, value] : query) {
      std::string why = SetField(input, name, value, &root);
      if (!why.empty()) return Violation(name, why);
    }
  }
  auto message = rpc_json::MessageFromJson(input, root.dump());
  if (!message.ok()) return Violation("body", std::string(message.status().message()));
  BuiltRequest out;
  out.message = *std::move(message);
  return out;
}

}  // namespace polylateral::gateway
