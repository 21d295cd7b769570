#include "services/composition/delegation/member_snapshot.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/vocabulary/groups.h"

namespace polylateral::composition {
namespace {

bool IsNonGovernmentalGroupName(const std::string& name) {
  auto g = vocabulary::ParseStakeholderGroup(name);
  return g.has_value() && vocabulary::IsNonGovernmentalGroup(*g);
}

const DelegationMember* Held(const Delegation* before, const std::string& stakeholder_id) {
  if (before == nullptr) return nullptr;
  for (const DelegationMember& m : before->members) {
    if (IsNonGovernmental(m) && m.stakeholder_id == stakeholder_id) return &m;
  }
  return nullptr;
}

// The member as its snapshot kept it; the caller's own name and function win.
void KeepSnapshot(const DelegationMember& held, DelegationMember& m) {
  if (m.display_name.empty()) m.display_name = held.display_name;
  m.stakeholder_group = held.stakeholder_group;
  m.affiliation_id = held.affiliation_id;
  m.affiliation_name = held.affiliation_name;
  m.stakeholder_deleted = true;
}

absl::Status ResolveAffiliation(RegistryLookup& registry, const StakeholderFacts& sh,
                                const DelegationMember* held, DelegationMember& m,
                                const std::string& path) {
  if (sh.is_organisation) {
    m.affiliation_id = sh.id;
    m.affiliation_name = sh.display_name;
    return absl::OkStatus();
  }
  if (sh.affiliations.empty()) {
    // The registry takes a deleted organisation out of its experts' affiliations.
    if (held != nullptr && !held->affiliation_id.empty()) {
      m.affiliation_id = held->affiliation_id;
      m.affiliation_name = held->affiliation_name;
      return absl::OkStatus();
    }
    return FailedPrecondition("AFFILIATION_REQUIRED", path,
                              "a non-governmental member needs an affiliation in the registry");
  }
  // Non-officials sit "in their capacity at" an organisation: the record shows which.
  auto org = registry.GetStakeholder(sh.affiliations.front());
  if (!org.ok() && !absl::IsNotFound(org.status())) return org.status();
  if (org.ok() && !IsNonGovernmentalGroupName(org->stakeholder_group)) {
    return FailedPrecondition(
        "GOVERNMENTAL_AFFILIATION", path,
        absl::StrCat("the expert's affiliation stakeholders/", org->id, " is in the ",
                     org->stakeholder_group, " group; a non-governmental member sits for a ",
                     "non-governmental organisation"));
  }
  m.affiliation_id = sh.affiliations.front();
  m.affiliation_name = org.ok() ? org->display_name : "";
  return absl::OkStatus();
}

}  // namespace

absl::Status SnapshotMembers(RegistryLookup& registry, const Delegation* before, Delegation& d,
                             const std::string& prefix) {
  for (size_t i = 0; i < d.members.size(); ++i) {
    DelegationMember& m = d.members[i];
    if (!IsNonGovernmental(m)) continue;
    const std::string path = absl::StrCat(prefix, "members[", i, "].stakeholder");
    const DelegationMember* held = Held(before, m.stakeholder_id);
    auto sh = registry.GetStakeholder(m.stakeholder_id);
    if (absl::IsNotFound(sh.status())) {
      if (held != nullptr) {
        KeepSnapshot(*held, m);
        continue;
      }
      return InvalidArgument("UNKNOWN_STAKEHOLDER", path,
                             absl::StrCat("stakeholders/", m.stakeholder_id, " does not exist"));
    }
    if (!sh.ok()) return sh.status();
    if (!IsNonGovernmentalGroupName(sh->stakeholder_group)) {
      return FailedPrecondition(
          "GOVERNMENTAL_STAKEHOLDER", path,
          absl::StrCat("stakeholders/", m.stakeholder_id, " is in the ", sh->stakeholder_group,
                       " group; a NON_GOVERNMENTAL member must be in a non-governmental one"));
    }
    m.stakeholder_group = sh->stakeholder_group;
    m.stakeholder_deleted = false;
    if (m.display_name.empty()) m.display_name = sh->display_name;
    if (absl::Status s = ResolveAffiliation(registry, *sh, held, m, path); !s.ok()) return s;
  }
  return absl::OkStatus();
}

void MarkDeletedMembers(RegistryLookup& registry, const std::vector<Delegation*>& delegations) {
  std::map<std::string, bool> deleted;  // stakeholder id -> record gone
  for (Delegation* d : delegations) {
    for (DelegationMember& m : d->members) {
      if (!IsNonGovernmental(m) || m.stakeholder_deleted) continue;
      auto known = deleted.find(m.stakeholder_id);
      if (known == deleted.end()) {
        auto sh = registry.GetStakeholder(m.stakeholder_id);
        if (!sh.ok() && !absl::IsNotFound(sh.status())) return;
        known = deleted.emplace(m.stakeholder_id, !sh.ok()).first;
      }
      m.stakeholder_deleted = known->second;
    }
  }
}

}  // namespace polylateral::composition
