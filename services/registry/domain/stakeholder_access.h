#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_ACCESS_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_ACCESS_H_

// Who may register, change and delete stakeholders, and who may set the fields other
// services treat as authority (ECOSOC status, the government groups). All of it here, in one
// place: the access policy only keeps obviously wrong callers away early. Pure functions.
//
//   caller               creates                               changes / deletes
//   operator:*           any id, any group, any ECOSOC status   any stakeholder, any field
//   stakeholder:X        only id X; not GOVERNMENT or           only X; not stakeholder_group
//                        INTERGOVERNMENTAL_ORGANISATION;        nor ecosoc_status
//                        ECOSOC status unset or NO_STATUS
//   secretariat:P        any id (it registers its participants), nothing
//                        groups and ECOSOC status as a
//                        stakeholder
//   state:*, service:*   nothing                               nothing

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/base/principal.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry {

// The id a new stakeholder is created under: `requested`, or for a stakeholder principal
// with `requested` empty its own id. Empty means "generate one".
std::string NewStakeholderId(const Principal& caller, const std::string& requested);

// Whether `caller` may create `s` under `id` (from NewStakeholderId, possibly empty).
// PERMISSION_DENIED with reason ANONYMOUS_CALLER, NOT_STAKEHOLDER_REGISTRAR (states,
// services), NOT_OWN_STAKEHOLDER (a stakeholder creating another id),
// STAKEHOLDER_GROUP_NEEDS_OPERATOR or ECOSOC_STATUS_NEEDS_OPERATOR; the message and the
// violations name the field.
absl::Status CheckCanCreateStakeholder(const Principal& caller, const Stakeholder& s,
                                       const std::string& id);

// Who may change or delete stakeholder `id` at all: the stakeholder itself and operators.
// PERMISSION_DENIED NOT_STAKEHOLDER_OWNER otherwise.
absl::Status CheckCanEditStakeholder(const Principal& caller, const std::string& id);

// Whether `caller` may turn `current` into `updated`: CheckCanEditStakeholder, and only an
// operator changes stakeholder_group (STAKEHOLDER_GROUP_NEEDS_OPERATOR) or ecosoc_status
// (ECOSOC_STATUS_NEEDS_OPERATOR). ECOSOC unset and NO_STATUS count as the same value.
absl::Status CheckCanUpdateStakeholder(const Principal& caller, const Stakeholder& current,
                                       const Stakeholder& updated);

// Records who set `after.ecosoc_status` and when, if it differs from `before` (nullptr on
// create, where anything but NO_STATUS is a change). Otherwise keeps before's record.
void StampEcosocStatus(const Stakeholder* before, const Principal& caller, absl::Time now,
                       Stakeholder& after);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_ACCESS_H_
