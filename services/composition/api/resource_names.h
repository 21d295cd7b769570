#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_RESOURCE_NAMES_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_RESOURCE_NAMES_H_

// Composition's resource names: delegations (delegation_mapping.h) and bodies.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/composition/bodies/body_store.h"

namespace polylateral::composition {

// Splits `name` into segments and checks the literal ones ("processes", "sessions", ...) at
// even positions; the ids at odd positions must be non-empty. INVALID_ARGUMENT
// (INVALID_NAME) on `field` otherwise.
absl::StatusOr<std::vector<std::string>> NameSegments(const std::string& name,
                                                      const std::vector<std::string>& literals,
                                                      const std::string& field);

// `processes/{p}/bodies/{b}`.
absl::StatusOr<BodyKey> ParseBodyName(const std::string& name, const std::string& field);
std::string BodyName(const BodyKey& key);

// `processes/{p}/bodies/{b}/nominations/{n}`: the body and the nomination id.
absl::StatusOr<std::pair<BodyKey, std::string>> ParseNominationName(const std::string& name,
                                                                    const std::string& field);
std::string NominationName(const BodyKey& key, const std::string& nomination_id);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_RESOURCE_NAMES_H_
