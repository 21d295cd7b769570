#include "services/registry/api/resource_names.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace polylateral::registry {
namespace {

bool Strip(const std::string& name, const std::string& collection, std::string* id) {
  if (!absl::StartsWith(name, collection)) return false;
  *id = name.substr(collection.size());
  return !id->empty() && id->find('/') == std::string::npos;
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
