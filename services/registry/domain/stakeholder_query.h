#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_QUERY_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_QUERY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry {

// A filtered, paged listing of stakeholders. Unset filters match everything; set filters
// combine with AND.
struct StakeholderQuery {
  StakeholderKind kind = StakeholderKind::kUnspecified;
  vocabulary::StakeholderGroup group = vocabulary::StakeholderGroup::kUnspecified;
  vocabulary::Region region = vocabulary::Region::kUnspecified;
  std::string country;
  std::string theme;
  vocabulary::EcosocStatus ecosoc_status = vocabulary::EcosocStatus::kUnspecified;
  std::string member_of_network;  // network id
  std::string has_member;         // stakeholder id: the networks that list it
  std::string name_prefix;
  int page_size = 0;
  std::string page_token;
};

// Validates and normalises (default page size, upper-case country, lower-case prefix).
// INVALID_ARGUMENT names the request field: reason INVALID_PAGE_SIZE for page_size (the
// suite's paging rule, common/base/page_size.h), INVALID_QUERY for the filters.
absl::Status ValidateStakeholderQuery(StakeholderQuery& q);

// The index labels whose intersection is the result (see StakeholderIndexLabels); {"all"}
// without filters. Network membership gives "net:<id>", the networks of a member
// "netof:<id>".
std::vector<std::string> QueryIndexLabels(const StakeholderQuery& q);

// The filters as one canonical string: page tokens are bound to it, so a token cannot be
// replayed with other filters. Page size is not part of it (a caller may change it).
std::string CanonicalStakeholderQuery(const StakeholderQuery& q);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_QUERY_H_
