#ifndef POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_MEMBER_SNAPSHOT_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_MEMBER_SNAPSHOT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/composition/delegation/delegation.h"
#include "services/composition/delegation/registry_lookup.h"

namespace polylateral::composition {

// Fills the registry snapshot (name when empty, stakeholder group, affiliation) of every
// non-governmental member of `d`, checking that each one speaks outside government:
//   - FAILED_PRECONDITION GOVERNMENTAL_STAKEHOLDER: the stakeholder's group is GOVERNMENT or
//     INTERGOVERNMENTAL_ORGANISATION (or unspecified);
//   - FAILED_PRECONDITION GOVERNMENTAL_AFFILIATION: an expert's affiliation (the first one,
//     the one the delegation shows) is in such a group;
//   - FAILED_PRECONDITION AFFILIATION_REQUIRED: an expert without any affiliation;
//   - INVALID_ARGUMENT UNKNOWN_STAKEHOLDER: a member the registry does not know,
// each on `<prefix>members[i].stakeholder`. `before` (null on create) is the stored
// delegation: a member it already holds whose record was deleted since keeps its snapshot,
// marked stakeholder_deleted, and one whose expert lost every affiliation keeps the
// affiliation of its snapshot, so that registry deletions never block the state's next
// write.
absl::Status SnapshotMembers(RegistryLookup& registry, const Delegation* before, Delegation& d,
                             const std::string& prefix);

// For reads: sets stakeholder_deleted on every non-governmental member of `delegations`
// whose registry record is gone now, asking the registry once per stakeholder. Nothing is
// written: the mark is stored by the state's next write, which also moves the openness
// counters. A registry that does not answer leaves the rest as stored (reads do not depend
// on it) after its first failure, so a down registry costs a read one lookup, not one per
// member.
void MarkDeletedMembers(RegistryLookup& registry, const std::vector<Delegation*>& delegations);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_MEMBER_SNAPSHOT_H_
