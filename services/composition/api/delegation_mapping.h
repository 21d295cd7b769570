#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_DELEGATION_MAPPING_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_DELEGATION_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "polylateral/composition/v1/delegation.pb.h"
#include "services/composition/delegation/delegation_book.h"

namespace polylateral::composition {

// "processes/{p}/sessions/{s}" -> {p, s}; INVALID_ARGUMENT (INVALID_NAME) on `field`.
absl::StatusOr<DelegationKey> ParseSessionName(const std::string& name, const std::string& field);
// "processes/{p}/sessions/{s}/delegations/{state}".
absl::StatusOr<DelegationKey> ParseDelegationName(const std::string& name,
                                                  const std::string& field);
// "processes/{p}/opennessReport" -> p.
absl::StatusOr<std::string> ParseReportName(const std::string& name, const std::string& field);

// The members as the caller wrote them (output-only fields ignored); "stakeholders/{id}"
// references become ids, malformed ones INVALID_ARGUMENT on delegation.members[i].stakeholder.
absl::StatusOr<Delegation> DelegationFromProto(const v1::Delegation& proto, DelegationKey key);
void DelegationToProto(const Delegation& d, v1::Delegation* out);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_DELEGATION_MAPPING_H_
