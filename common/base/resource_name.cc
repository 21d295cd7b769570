#include "common/base/resource_name.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "common/base/ids.h"

namespace polylateral {

absl::Status CheckResourceId(absl::string_view id, absl::string_view field,
                             absl::string_view reason) {
  if (IsValidResourceId(id)) return absl::OkStatus();
  return InvalidArgument(reason, field,
                         "must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or "
                         "digit");
}

absl::StatusOr<std::vector<std::string>> ParseResourceName(
    absl::string_view name, const std::vector<absl::string_view>& collections,
    absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  bool ok = parts.size() == 2 * collections.size();
  std::vector<std::string> ids;
  for (size_t i = 0; ok && i < collections.size(); ++i) {
    ok = parts[2 * i] == collections[i] && IsReadableResourceId(parts[2 * i + 1]);
    ids.emplace_back(parts[2 * i + 1]);
  }
  if (ok) return ids;
  std::vector<std::string> shape;
  for (absl::string_view c : collections) shape.push_back(absl::StrCat(c, "/{id}"));
  return InvalidArgument("INVALID_NAME", field,
                         absl::StrCat("must be ", absl::StrJoin(shape, "/"),
                                      " with ids of letters, digits, '-', '_', '.' or '@'"));
}

}  // namespace polylateral
