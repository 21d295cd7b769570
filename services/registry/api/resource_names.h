#ifndef POLYLATERAL_SERVICES_REGISTRY_API_RESOURCE_NAMES_H_
#define POLYLATERAL_SERVICES_REGISTRY_API_RESOURCE_NAMES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/base/errors.h"
#include "google/protobuf/repeated_field.h"

namespace polylateral::registry {

// "stakeholders/acme" with collection "stakeholders/" -> "acme". INVALID_ARGUMENT on `field`
// when the collection prefix is missing or the id is empty or has a '/'.
absl::StatusOr<std::string> ParseResourceName(const std::string& name,
                                              const std::string& collection,
                                              const std::string& field);

// Strips `collection` from every element; a violation per bad element, on `field`[i].
std::vector<std::string> ParseResourceNames(
    const google::protobuf::RepeatedPtrField<std::string>& names, const std::string& collection,
    const std::string& field, Violations& violations);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_API_RESOURCE_NAMES_H_
