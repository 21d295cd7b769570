#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_RULES_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_RULES_H_

// The rules a stakeholder record obeys: field validation, the update mask and the keys it is
// found by (who may change it: stakeholder_access.h). Pure functions, no I/O.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry {

// Limits, also documented in stakeholder.proto.
inline constexpr int kMaxNameLength = 200;
inline constexpr int kMaxConstituencyLength = 100;
inline constexpr int kMaxThemes = 20;
inline constexpr int kMaxAffiliations = 10;
inline constexpr int kMaxNetworkMembers = 5000;
inline constexpr int kMaxLanguages = 20;

// Checks every field of `s` (violations name `prefix`.field, e.g. "stakeholder.country") and
// fills what is derived: region from country, ECOSOC kUnspecified -> kNone. Existence of
// referenced stakeholders is checked by the store, atomically with the write.
absl::Status ValidateStakeholder(Stakeholder& s, const std::string& prefix = "stakeholder");

// The fields an update mask may name.
const std::vector<std::string>& UpdatableStakeholderFields();

// `current` with the fields named by `mask` taken from `patch` (an empty mask or "*" takes all
// updatable fields). INVALID_ARGUMENT on field `update_mask` for unknown or immutable paths.
absl::StatusOr<Stakeholder> ApplyStakeholderMask(const Stakeholder& current,
                                                 const Stakeholder& patch,
                                                 const std::vector<std::string>& mask);

// "v<version>": opaque to callers, compared on update and delete.
std::string StakeholderEtag(const Stakeholder& s);

// Order of List results and the member of every index: lower-cased display name, a NUL, the
// id. Lexicographic order of these bytes is the listing order.
std::string StakeholderSortKey(const Stakeholder& s);

// The index labels a stakeholder is listed under: "all", "kind:2", "group:4", "region:1",
// "country:BR", "theme:<id>" for each theme and its ancestors, "ecosoc:3". Network membership
// ("net:<id>") comes from the network's member list and is kept by the store.
std::vector<std::string> StakeholderIndexLabels(const Stakeholder& s);

// Organisations and networks are unique by (country, lower-cased name): "BR|cgi.br". Empty for
// experts, who may share a name.
std::string StakeholderUniqueKey(const Stakeholder& s);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_RULES_H_
