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
  // Resolved from the registry on every write, for non-governmental members.
  std::string affiliation_id;
  std::string affiliation_name;
  std::string stakeholder_group;
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
