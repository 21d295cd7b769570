#ifndef POLYLATERAL_COMMON_BASE_IDS_H_
#define POLYLATERAL_COMMON_BASE_IDS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace polylateral {

// A new random resource id: `prefix` followed by 16 characters of lower-case base32
// (80 random bits), so ids are valid in resource names and collide with negligible
// probability. Thread-safe.
std::string NewId(absl::string_view prefix = "");

// Whether `id` may name a new resource: AIP-122, 1 to 63 characters of [a-z0-9-] starting
// with a letter or a digit. The one rule for every service's new ids.
bool IsValidResourceId(absl::string_view id);

// Whether `id` may appear in a resource name that is read: a valid id, or a stored id outside
// that rule (letters of either case, digits, '-', '_', '.', '@'; at most 128), which stays
// readable everywhere.
bool IsReadableResourceId(absl::string_view id);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_IDS_H_
