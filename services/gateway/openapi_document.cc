#include "services/gateway/openapi_document.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace polylateral::gateway {

namespace gpb = google::protobuf;
using nlohmann::json;

namespace {

// "applications" -> "applicationId", "processes" -> "processId", "bodies" -> "bodyId".
std::string ParamNameAfter(absl::string_view collection) {
  std::string s(collection);
  if (absl::EndsWith(s, "ies")) {
    s = s.substr(0, s.size() - 3) + "y";
  } else if (absl::EndsWith(s, "sses")) {
    s = s.substr(0, s.size() - 2);
  } else if (absl::EndsWith(s, "s")) {
    s = s.substr(0, s.size() - 1);
  }
  return s + "Id";
}

class Builder {
 public:
  json Schema(const gpb::FieldDescriptor& field, bool with_repeat = true) {
    if (field.is_map()) {
      return {{"type", "object"},
              {"additionalProperties", Schema(*field.message_type()->field(1))}};
    }
    if (with_repeat && field.is_repeated()) {
      return {{"type", "array"}, {"items", Schema(field, false)}};
    }
    using T = gpb::FieldDescriptor;
    switch (field.type()) {
      case T::TYPE_STRING:
        return {{"type", "string"}};
      case T::TYPE_BYTES:
        return {{"type", "string"}, {"format", "byte"}};
      case T::TYPE_BOOL:
        return {{"type", "boolean"}};
      case T::TYPE_FLOAT:
        return {{"type", "number"}, {"format", "float"}};
      case T::TYPE_DOUBLE:
        return {{"type", "number"}, {"format", "double"}};
      case T::TYPE_INT32:
      case T::TYPE_SINT32:
      case T::TYPE_SFIXED32:
        return {{"type", "integer"}, {"format", "int32"}};
      case T::TYPE_UINT32:
      case T::TYPE_FIXED32:
        return {{"type", "integer"}, {"format", "int64"}, {"minimum", 0}};
      case T::TYPE_INT64:
      case T::TYPE_SINT64:
      case T::TYPE_SFIXED64:
        return {{"type", "string"}, {"format", "int64"}};
      case T::TYPE_UINT64:
      case T::TYPE_FIXED64:
        return {{"type", "string"}, {"format", "uint64"}};
      case T::TYPE_ENUM: {
        json values = json::array();
        for (int i = 0; i < field.enum_type()->value_count(); ++i) {
          values.push_back(field.enum_type()->value(i)->name());
        }
        return {{"type", "string"}, {"enum", values}};
      }
      case T::TYPE_MESSAGE:
      case T::TYPE_GROUP:
        return MessageRef(*field.message_type());
    }
    return json::object();
  }

  json MessageRef(const gpb::Descriptor& type) {
    const std::string& n = type.full_name();
    if (n == "google.protobuf.Timestamp") return {{"type", "string"}, {"format", "date-time"}};
    if (n == "google.protobuf.Duration" || n == "google.protobuf.FieldMask") {
      return {{"type", "string"}};
    }
    if (n == "google.protobuf.Empty" || n == "google.protobuf.Struct") {
      return {{"type", "object"}};
    }
    if (n == "google.protobuf.Value") return json::object();
    if (n == "google.protobuf.Any") {
      return {{"type", "object"},
              {"properties", {{"@type", {{"type", "string"}}}}},
              {"additionalProperties", true}};
    }
    if (absl::StartsWith(n, "google.protobuf.") && absl::EndsWith(n, "Value")) {
      return Schema(*type.FindFieldByName("value"));
    }
    Define(type);
    return {{"$ref", absl::StrCat("#/components/schemas/", n)}};
  }

  void Define(const gpb::Descriptor& type) {
    if (!defined_.insert(type.full_name()).second) return;
    json properties = json::object();
    for (int i = 0; i < type.field_count(); ++i) {
      const gpb::FieldDescriptor& field = *type.field(i);
      properties[field.json_name()] = Schema(field);
    }
    schemas_[type.full_name()] = {{"type", "object"}, {"properties", properties}};
  }

  json& schemas() { return schemas_; }

 private:
  std::set<std::string> defined_;
  json schemas_ = json::object();
};

// Top-level request fields a query parameter can set.
bool QuerySettable(const gpb::FieldDescriptor& field) {
  if (field.is_map()) return false;
  if (field.cpp_type() != gpb::FieldDescriptor::CPPTYPE_MESSAGE) return true;
  const std::string& n = field.message_type()->full_name();
  return n == "google.protobuf.Timestamp" || n == "google.protobuf.Duration" ||
         n == "google.protobuf.FieldMask";
}

}  // namespace

std::string OpenApiDocument(const RouteTable& routes) {
  Builder builder;
  json paths = json::object();
  std::set<std::string> operation_ids;
  for (const Route& route : routes.routes()) {
    const gpb::MethodDescriptor& method = *route.method;
    // The OpenAPI path: literal segments kept, one parameter per '*'.
    json parameters = json::array();
    std::set<std::string> bound_fields;
    std::string path = route.path.OpenApiPath();
    for (const auto& [field, pattern] : route.path.Variables()) {
      bound_fields.insert(field.substr(0, field.find('.')));
      std::vector<std::string> segments = absl::StrSplit(pattern, '/');
      std::string spelt;
      std::string previous;
      for (const std::string& segment : segments) {
        std::string name;
        if (segment == "*") {
          name = previous.empty() ? field : ParamNameAfter(previous);
        } else if (segment == "**") {
          name = field;
        }
        if (!name.empty()) {
          parameters.push_back(
              {{"name", name},
               {"in", "path"},
               {"required", true},
               {"description", absl::StrCat("part of `", field, "` (", pattern, ")")},
               {"schema", {{"type", "string"}}}});
          absl::StrAppend(&spelt, spelt.empty() ? "" : "/", "{", name, "}");
        } else {
          absl::StrAppend(&spelt, spelt.empty() ? "" : "/", segment);
        }
        previous = segment;
      }
      absl::StrReplaceAll({{absl::StrCat("{", field, "}"), spelt}}, &path);
    }
    json operation;
    std::string id = absl::StrCat(method.service()->name(), "_", method.name());
    for (int n = 2; !operation_ids.insert(id).second; ++n) {
      id = absl::StrCat(method.service()->name(), "_", method.name(), n);
    }
    operation["operationId"] = id;
    operation["tags"] = {method.service()->name()};
    operation["summary"] = method.full_name();
    if (route.body != "*") {
      const gpb::Descriptor& input = *method.input_type();
      for (int i = 0; i < input.field_count(); ++i) {
        const gpb::FieldDescriptor& field = *input.field(i);
        if (bound_fields.count(field.name()) > 0 || field.name() == route.body ||
            !QuerySettable(field)) {
          continue;
        }
        parameters.push_back({{"name", field.json_name()},
                              {"in", "query"},
                              {"required", false},
                              {"schema", builder.Schema(field)}});
      }
    }
    if (!parameters.empty()) operation["parameters"] = parameters;
    if (!route.body.empty()) {
      json schema = route.body == "*"
                        ? builder.MessageRef(*method.input_type())
                        : builder.Schema(*method.input_type()->FindFieldByName(route.body));
      operation["requestBody"] = {{"required", true},
                                  {"content", {{"application/json", {{"schema", schema}}}}}};
    }
    json output = builder.MessageRef(*method.output_type());
    json ok_content = method.server_streaming()
                          ? json{{"application/x-ndjson", {{"schema", output}}},
                                 {"text/event-stream", {{"schema", {{"type", "string"}}}}}}
                          : json{{"application/json", {{"schema", output}}}};
    operation["responses"] = {
        {"200",
         {{"description",
           method.server_streaming() ? "one message per line (NDJSON) or per event (SSE)" : "OK"},
          {"content", ok_content}}},
        {"default",
         {{"description", "AIP-193 error"},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
    paths[path][absl::AsciiStrToLower(route.http_method)] = operation;
  }
  json& schemas = builder.schemas();
  schemas["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties",
           {{"code", {{"type", "integer"}, {"description", "HTTP status"}}},
            {"message", {{"type", "string"}}},
            {"status", {{"type", "string"}, {"description", "google.rpc.Code name"}}},
            {"details",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties", {{"@type", {{"type", "string"}}}}},
                {"additionalProperties", true}}}}}}}}}}}};
  json document = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "polylateral"},
        {"version", "v1"},
        {"description",
         "The polylateral services over HTTP/JSON (docs/gateway.md). Generated from the "
         "google.api.http annotations of the service protos."}}},
      {"servers", {{{"url", "/"}}}},
      {"security", {{{"bearerAuth", json::array()}}, json::object()}},
      {"paths", paths},
      {"components",
       {{"schemas", schemas},
        {"securitySchemes",
         {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}}}};
  return document.dump(1);
}

}  // namespace polylateral::gateway
