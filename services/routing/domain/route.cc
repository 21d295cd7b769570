#include "services/routing/domain/route.h"

#include "absl/strings/str_cat.h"

namespace polylateral::routing {

absl::string_view RouteKindName(RouteKind k) {
  switch (k) {
    case RouteKind::kHorizontal:
      return "HORIZONTAL";
    case RouteKind::kVertical:
      return "VERTICAL";
    case RouteKind::kNetwork:
      return "NETWORK";
    case RouteKind::kClearingHouse:
      return "CLEARING_HOUSE";
    default:
      return "UNSPECIFIED";
  }
}

std::string PlenaryDestination(absl::string_view p) {
  return absl::StrCat("processes/", p, "/plenary");
}
std::string SessionDestination(absl::string_view p, absl::string_view s) {
  return absl::StrCat("processes/", p, "/sessions/", s);
}
std::string GroupDestination(absl::string_view p, absl::string_view g) {
  return absl::StrCat("processes/", p, "/groups/", g);
}
std::string StateInboxDestination(absl::string_view iso2) {
  return absl::StrCat("states/", iso2, "/inbox");
}
std::string NetworkDestination(absl::string_view id) { return absl::StrCat("networks/", id); }

}  // namespace polylateral::routing
