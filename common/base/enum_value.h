#ifndef POLYLATERAL_COMMON_BASE_ENUM_VALUE_H_
#define POLYLATERAL_COMMON_BASE_ENUM_VALUE_H_

// One rule for enum numbers a caller sends. Proto3 keeps a number it does not know in the
// field, so `right: 99` reaches a handler as 99: it is refused as INVALID_ARGUMENT naming the
// field with reason UNKNOWN_ENUM_VALUE, everywhere alike, before any rule reads it.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace polylateral {

inline constexpr absl::string_view kUnknownEnumValue = "UNKNOWN_ENUM_VALUE";

// INVALID_ARGUMENT UNKNOWN_ENUM_VALUE on `field`, saying the number.
absl::Status UnknownEnumValue(int value, absl::string_view field);

// OK when 0 <= value <= max_value (the vocabulary's kMax* constants); UnknownEnumValue else.
absl::Status CheckEnumValue(int value, int max_value, absl::string_view field);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_ENUM_VALUE_H_
