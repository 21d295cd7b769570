#ifndef POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_REGISTRY_LOOKUP_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_REGISTRY_LOOKUP_H_

// What the delegation rules ask the registry. The gRPC implementation (client/registry_client.h)
// carries the incoming call's deadline and cancellation; unit tests use a map.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace polylateral::composition {

struct SessionFacts {
  std::optional<absl::CivilDay> start_date;  // absent: not scheduled yet
  int delegation_size_cap = 0;               // 0: the process sets no cap
};

struct StakeholderFacts {
  std::string id;
  std::string display_name;
  bool is_organisation = false;
  std::vector<std::string> affiliations;  // organisation ids, for individual experts
  std::string stakeholder_group;          // "CIVIL_SOCIETY", ...
};

struct StateFacts {
  std::string region;  // "AFRICAN", ...
};

class RegistryLookup {
 public:
  virtual ~RegistryLookup() = default;
  // NOT_FOUND (PROCESS_NOT_FOUND / SESSION_NOT_FOUND); UNAVAILABLE when the registry is not
  // reachable in time.
  virtual absl::StatusOr<SessionFacts> GetSession(const std::string& process_id,
                                                  const std::string& session_id) = 0;
  // The ids of the process's sessions, in the registry's order; NOT_FOUND (PROCESS_NOT_FOUND).
  virtual absl::StatusOr<std::vector<std::string>> ListSessions(const std::string& process_id) = 0;
  // NOT_FOUND when there is no such stakeholder.
  virtual absl::StatusOr<StakeholderFacts> GetStakeholder(const std::string& id) = 0;
  // NOT_FOUND when the code is no UN member or observer state.
  virtual absl::StatusOr<StateFacts> GetState(const std::string& iso2) = 0;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_REGISTRY_LOOKUP_H_
