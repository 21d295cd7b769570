#include "common/base/enum_value.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral {

absl::Status UnknownEnumValue(int value, absl::string_view field) {
  return InvalidArgument(kUnknownEnumValue, field,
                         absl::StrCat(value, " is not a value of this enum"));
}

absl::Status CheckEnumValue(int value, int max_value, absl::string_view field) {
  if (value < 0 || value > max_value) return UnknownEnumValue(value, field);
  return absl::OkStatus();
}

}  // namespace polylateral
