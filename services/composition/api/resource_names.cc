#include "services/composition/api/resource_names.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "common/base/resource_name.h"

namespace polylateral::composition {

absl::StatusOr<std::vector<std::string>> NameSegments(const std::string& name,
                                                      const std::vector<std::string>& literals,
                                                      const std::string& field) {
  return ParseResourceName(name, {literals.begin(), literals.end()}, field);
}

absl::StatusOr<BodyKey> ParseBodyName(const std::string& name, const std::string& field) {
  auto ids = NameSegments(name, {"processes", "bodies"}, field);
  if (!ids.ok()) return ids.status();
  return BodyKey{(*ids)[0], (*ids)[1]};
}

std::string BodyName(const BodyKey& key) {
  return absl::StrCat("processes/", key.process_id, "/bodies/", key.body_id);
}

absl::StatusOr<std::pair<BodyKey, std::string>> ParseNominationName(const std::string& name,
                                                                    const std::string& field) {
  auto ids = NameSegments(name, {"processes", "bodies", "nominations"}, field);
  if (!ids.ok()) return ids.status();
  return std::make_pair(BodyKey{(*ids)[0], (*ids)[1]}, (*ids)[2]);
}

std::string NominationName(const BodyKey& key, const std::string& nomination_id) {
  return absl::StrCat(BodyName(key), "/nominations/", nomination_id);
}

}  // namespace polylateral::composition
