#ifndef POLYLATERAL_SERVICES_COMPOSITION_STORE_DELEGATION_JSON_H_
#define POLYLATERAL_SERVICES_COMPOSITION_STORE_DELEGATION_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/composition/delegation/delegation.h"

namespace polylateral::composition {

// The stored form of a delegation (the version lives beside it in the hash). Times are Unix
// microseconds; roles their numbers. DATA_LOSS on a record that does not parse.
std::string DelegationToJson(const Delegation& d);
absl::StatusOr<Delegation> DelegationFromJson(const std::string& json, int64_t version);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_STORE_DELEGATION_JSON_H_
