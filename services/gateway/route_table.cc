#include "services/gateway/route_table.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"

namespace polylateral::gateway {

namespace gpb = google::protobuf;

namespace {

// The field path exists in the request type (proto names).
bool FieldPathExists(const gpb::Descriptor& type, absl::string_view dotted) {
  const gpb::Descriptor* current = &type;
  for (absl::string_view name : absl::StrSplit(dotted, '.')) {
    if (current == nullptr) return false;
    const gpb::FieldDescriptor* field = current->FindFieldByName(std::string(name));
    if (field == nullptr) return false;
    current = field->message_type();
  }
  return true;
}

absl::Status AddRule(const gpb::MethodDescriptor& method, const google::api::HttpRule& rule,
                     std::vector<Route>* routes) {
  Route route;
  route.method = &method;
  route.body = rule.body();
  std::string path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      route.http_method = "GET";
      path = rule.get();
      break;
    case google::api::HttpRule::kPost:
      route.http_method = "POST";
      path = rule.post();
      break;
    case google::api::HttpRule::kPatch:
      route.http_method = "PATCH";
      path = rule.patch();
      break;
    case google::api::HttpRule::kPut:
      route.http_method = "PUT";
      path = rule.put();
      break;
    case google::api::HttpRule::kDelete:
      route.http_method = "DELETE";
      path = rule.delete_();
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(method.full_name(), ": unsupported HTTP pattern"));
  }
  auto parsed = PathTemplate::Parse(path);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(method.full_name(), ": ", parsed.status().message()));
  }
  route.path = *std::move(parsed);
  for (const auto& [field, pattern] : route.path.Variables()) {
    if (!FieldPathExists(*method.input_type(), field)) {
      return absl::InvalidArgumentError(
          absl::StrCat(method.full_name(), ": path names unknown field ", field));
    }
  }
  if (!route.body.empty() && route.body != "*" &&
      method.input_type()->FindFieldByName(route.body) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(method.full_name(), ": body names unknown field ", route.body));
  }
  routes->push_back(std::move(route));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RouteTable> RouteTable::FromServices(
    const std::vector<const gpb::ServiceDescriptor*>& services) {
  RouteTable table;
  for (const gpb::ServiceDescriptor* service : services) {
    for (int m = 0; m < service->method_count(); ++m) {
      const gpb::MethodDescriptor& method = *service->method(m);
      if (!method.options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule = method.options().GetExtension(google::api::http);
      absl::Status added = AddRule(method, rule, &table.routes_);
      if (!added.ok()) return added;
      for (const google::api::HttpRule& extra : rule.additional_bindings()) {
        added = AddRule(method, extra, &table.routes_);
        if (!added.ok()) return added;
      }
    }
  }
  for (size_t i = 0; i < table.routes_.size(); ++i) {
    table.by_method_[table.routes_[i].http_method].push_back(i);
  }
  for (auto& [verb, indexes] : table.by_method_) {
    std::stable_sort(indexes.begin(), indexes.end(), [&](size_t a, size_t b) {
      return table.routes_[a].path.MoreSpecificThan(table.routes_[b].path);
    });
  }
  return table;
}

std::optional<RouteTable::Match> RouteTable::Find(absl::string_view http_method,
                                                  absl::string_view path) const {
  auto it = by_method_.find(http_method);
  if (it == by_method_.end()) return std::nullopt;
  for (size_t index : it->second) {
    if (auto bindings = routes_[index].path.Match(path)) {
      return Match{&routes_[index], *std::move(bindings)};
    }
  }
  return std::nullopt;
}

bool RouteTable::PathMatchesOtherMethod(absl::string_view http_method,
                                        absl::string_view path) const {
  for (const Route& route : routes_) {
    if (route.http_method != http_method && route.path.Match(path)) return true;
  }
  return false;
}

}  // namespace polylateral::gateway
