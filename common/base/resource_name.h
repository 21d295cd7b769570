#ifndef POLYLATERAL_COMMON_BASE_RESOURCE_NAME_H_
#define POLYLATERAL_COMMON_BASE_RESOURCE_NAME_H_

// Resource names and ids, one rule for every service.
//
// A new id (IsValidResourceId in ids.h) follows AIP-122: 1 to 63 characters of [a-z0-9-], starting
// with a letter or a digit ("oewg-ict-2021", "fr-digital-rights"). Names
// ("processes/igf/bodies/mag") are read leniently, so that stored ids outside that rule ("Foo_Bar")
// stay readable everywhere: an id in a name may also hold upper-case letters, '_', '.' and '@', up
// to 128 characters.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral {

// OK when `id` may name a new resource, or INVALID_ARGUMENT `reason` on `field` saying the
// rule.
absl::Status CheckResourceId(absl::string_view id, absl::string_view field,
                             absl::string_view reason = "INVALID_ID");

// The ids of `name`, whose segments alternate the given collections and ids:
// ParseResourceName("processes/igf/bodies/mag", {"processes", "bodies"}, "name") -> {"igf", "mag"}.
// INVALID_ARGUMENT (INVALID_NAME) on `field` for anything else.
absl::StatusOr<std::vector<std::string>> ParseResourceName(
    absl::string_view name, const std::vector<absl::string_view>& collections,
    absl::string_view field);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_RESOURCE_NAME_H_
