#ifndef POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_H_

// A national delegation to one session of a process, in plain C++. Stakeholder
// groups and regions are the names of polylateral.type.v1's enums ("CIVIL_SOCIETY",
// "AFRICAN"): they key the openness counters, and the api maps them to the enums.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace polylateral::composition {

enum class MemberRole { kUnspecified = 0, kHead = 1, kOfficial = 2, kNonGovernmental = 3 };

struct DelegationMember {
  MemberRole role = MemberRole::kUnspecified;
  std::string display_name;
  std::string function;
  std::string stakeholder_id;  // non-governmental members only
  // A snapshot of the registry record, taken on every write that names the member, for
  // non-governmental members: kept as it was when the record is later deleted.
  std::string affiliation_id;
  std::string affiliation_name;
  std::string stakeholder_group;
  // The registry record is gone: the fields above are the last snapshot. The registry never
  // waits for delegations, so a member outlives its record until the state removes it.
  bool stakeholder_deleted = false;
};

struct Delegation {
  std::string process_id;
  std::string session_id;
  std::string state;   // ISO 3166-1 alpha-2, upper case
  std::string region;  // the state's UN regional group
  std::vector<DelegationMember> members;
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();
  int64_t version = 0;
};

inline bool IsNonGovernmental(const DelegationMember& m) {
  return m.role == MemberRole::kNonGovernmental;
}

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_H_
