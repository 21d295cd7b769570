#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/vocabulary/ecosoc_status.h"
#include "common/vocabulary/groups.h"

namespace polylateral::registry {

enum class StakeholderKind {
  kUnspecified = 0,
  kOrganisation = 1,
  kIndividualExpert = 2,
  kNetwork = 3
};
inline constexpr int kMaxStakeholderKind = 3;

// A reference a stakeholder lost without writing itself: the stakeholder it named was
// deleted, or removed itself. Kept on the referrer so that it can see who took what, when.
struct ReferenceRemoval {
  enum class Cause { kUnspecified = 0, kStakeholderDeleted = 1, kDisowned = 2 };
  std::string stakeholder_id;  // the stakeholder that was named
  Cause cause = Cause::kUnspecified;
  std::string removed_by;  // the principal's text form
  absl::Time remove_time = absl::UnixEpoch();
};
inline constexpr size_t kMaxReferenceRemovals = 20;

// A registered organisation, expert or network. Ids are bare ("acme"), not resource names;
// the API adds and strips "stakeholders/".
struct Stakeholder {
  std::string id;
  StakeholderKind kind = StakeholderKind::kUnspecified;
  std::string display_name;
  vocabulary::StakeholderGroup group = vocabulary::StakeholderGroup::kUnspecified;
  std::string constituency;
  std::string country;                                           // ISO alpha-2
  vocabulary::Region region = vocabulary::Region::kUnspecified;  // derived from country
  std::vector<std::string> themes;                               // theme ids
  vocabulary::EcosocStatus ecosoc_status = vocabulary::EcosocStatus::kNone;
  // Who last set ecosoc_status (a principal's text form) and when: the status is authority
  // data, so its provenance is kept. Empty and the epoch while it was never set.
  std::string ecosoc_status_set_by;
  absl::Time ecosoc_status_update_time = absl::UnixEpoch();
  std::vector<std::string> affiliations;     // organisation ids (experts only)
  std::vector<std::string> network_members;  // stakeholder ids (networks only)
  std::vector<std::string> languages;
  bool developing_country = false;
  std::string contact_email;
  std::string website;
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();
  // Oldest first, the last kMaxReferenceRemovals.
  std::vector<ReferenceRemoval> removed_references;
  // Incremented by every write; the etag is derived from it.
  int64_t version = 0;

  // The stakeholders this one refers to (affiliations and members), which must exist.
  std::vector<std::string> References() const;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_H_
