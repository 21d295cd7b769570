#ifndef POLYLATERAL_SERVICES_GATEWAY_ROUTE_TABLE_H_
#define POLYLATERAL_SERVICES_GATEWAY_ROUTE_TABLE_H_

// Every HTTP binding of the given services, read from their methods' google.api.http options
// (additional_bindings included), and the lookup of a request's method and path among them.
// The OpenAPI generator reads the same table, so the document and the gateway cannot disagree.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "services/gateway/path_template.h"

namespace polylateral::gateway {

struct Route {
  // "GET", "POST", "PATCH", "PUT", "DELETE".
  std::string http_method;
  PathTemplate path;
  // "" (no body), "*" (the whole request) or the request field the body is.
  std::string body;
  const google::protobuf::MethodDescriptor* method = nullptr;
};

class RouteTable final {
 public:
  // INVALID_ARGUMENT when a binding's template does not parse or names an unknown field.
  static absl::StatusOr<RouteTable> FromServices(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services);

  struct Match {
    const Route* route = nullptr;
    PathBindings bindings;
  };
  // The most specific route for `http_method` and `path`; nullopt when none matches.
  std::optional<Match> Find(absl::string_view http_method, absl::string_view path) const;
  // Whether some route with another HTTP method matches `path` (405 rather than 404).
  bool PathMatchesOtherMethod(absl::string_view http_method, absl::string_view path) const;

  // In the order the services and methods were declared.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  // Per HTTP method, indexes into routes_, most specific first.
  std::map<std::string, std::vector<size_t>, std::less<>> by_method_;
};

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_ROUTE_TABLE_H_
