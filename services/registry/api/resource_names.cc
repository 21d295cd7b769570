#include "services/registry/api/resource_names.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/base/resource_name.h"

namespace polylateral::registry {
namespace {

// `collection` is "stakeholders/"; the name rule is every service's (common/base).
bool Strip(const std::string& name, const std::string& collection, std::string* id) {
  auto ids = ::polylateral::ParseResourceName(name, {absl::StripSuffix(collection, "/")}, "");
  if (!ids.ok()) return false;
  *id = std::move((*ids)[0]);
  return true;
}

}  // namespace

absl::StatusOr<std::string> ParseResourceName(const std::string& name,
                                              const std::string& collection,
                                              const std::string& field) {
  std::string id;
  if (!Strip(name, collection, &id)) {
    return InvalidArgument("INVALID_NAME", field,
                           absl::StrCat("must be ", collection, "{id}",
                                        name.empty() ? "" : ", got '" + name.substr(0, 100) + "'"));
  }
  return id;
}

std::vector<std::string> ParseResourceNames(
    const google::protobuf::RepeatedPtrField<std::string>& names, const std::string& collection,
    const std::string& field, Violations& violations) {
  std::vector<std::string> ids;
  ids.reserve(names.size());
  for (int i = 0; i < names.size(); ++i) {
    std::string id;
    if (!Strip(names[i], collection, &id)) {
      violations.Add(absl::StrCat(field, "[", i, "]"),
                     absl::StrCat("must be ", collection, "{id}"));
    }
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace polylateral::registry
