#ifndef POLYLATERAL_SERVICES_REGISTRY_API_STAKEHOLDER_MAPPING_H_
#define POLYLATERAL_SERVICES_REGISTRY_API_STAKEHOLDER_MAPPING_H_

#include "absl/status/statusor.h"
#include "polylateral/registry/v1/registry_service.pb.h"
#include "polylateral/registry/v1/stakeholder.pb.h"
#include "services/registry/domain/stakeholder.h"
#include "services/registry/domain/stakeholder_query.h"

namespace polylateral::registry {

// proto -> domain. Resource names become ids; malformed names are INVALID_ARGUMENT on their
// field path under `prefix` ("stakeholder"). Output-only fields are ignored.
absl::StatusOr<Stakeholder> StakeholderFromProto(const v1::Stakeholder& in,
                                                 const std::string& prefix = "stakeholder");
// domain -> proto, with name, region, times and etag.
void StakeholderToProto(const Stakeholder& in, v1::Stakeholder* out);

absl::StatusOr<StakeholderQuery> QueryFromProto(const v1::ListStakeholdersRequest& in);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_API_STAKEHOLDER_MAPPING_H_
