#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_REFERENCES_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_REFERENCES_H_

// References never bind the referenced. Naming a stakeholder (an expert's affiliation, a
// network's member) is the referrer's claim, not the named one's consent: the named
// stakeholder sees who names it, can take itself out, and its deletion takes it out of every
// referrer. The referrer keeps a record of each reference it lost that way. Pure functions.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/base/principal.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry {

// Whether `s` names `id` as an affiliation or a network member.
bool RefersTo(const Stakeholder& s, const std::string& id);

// `referrer` without any reference to `id`, recording the removal (oldest records dropped
// beyond kMaxReferenceRemovals) and stamping update_time. The version is the store's.
Stakeholder WithoutReference(const Stakeholder& referrer, const std::string& id,
                             ReferenceRemoval::Cause cause, const Principal& by, absl::Time now);

// Who may see the stakeholders naming `id`: the stakeholder itself, secretariats (they
// check participants' affiliations) and operators. PERMISSION_DENIED REFERRERS_NOT_VISIBLE
// otherwise.
absl::Status CheckCanSeeReferrers(const Principal& caller, const std::string& id);

// `referrers` in id order from `after_id` (exclusive; empty: from the start), at most
// `limit`; `more` tells whether any remain.
std::vector<Stakeholder> ReferrerPage(std::vector<Stakeholder> referrers,
                                      const std::string& after_id, int limit, bool* more);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_REFERENCES_H_
