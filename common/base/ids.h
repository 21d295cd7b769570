#ifndef POLYLATERAL_COMMON_BASE_IDS_H_
#define POLYLATERAL_COMMON_BASE_IDS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace polylateral {

// A new random resource id: `prefix` followed by 16 characters of lower-case base32
// (80 random bits), so ids are valid in resource names and collide with negligible
// probability. Thread-safe.
std::string NewId(absl::string_view prefix = "");

// Whether `id` matches [a-z][a-z0-9-]{min_len-1,max_len-1} and does not end with '-'.
bool IsValidResourceId(absl::string_view id, size_t min_len = 3, size_t max_len = 63);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_IDS_H_
