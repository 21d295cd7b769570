#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_REGISTRY_VIEW_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_REGISTRY_VIEW_H_

// Routing's own view of what it reads from the registry: only the fields the routing policy
// and the uptake figures use, decoded from the registry's contract by client/registry_client.
// The registry's input rules are not routing's: a stored process or stakeholder is taken as
// it is, whatever those rules say today.

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/vocabulary/groups.h"

namespace polylateral::routing {

// An optional calendar day: `set` is false when the registry left the date out.
struct OptionalDay {
  bool set = false;
  absl::CivilDay day;
};

// One item of a thematic group's rotating agenda.
struct AgendaItem {
  std::string title;
  std::vector<std::string> themes;  // bare theme ids
  OptionalDay start_date;
  OptionalDay end_date;
};

// A standing group of a process that takes input on its themes (and its current agenda).
struct ThematicGroup {
  std::string group_id;
  std::string display_name;
  std::vector<std::string> themes;
  std::vector<AgendaItem> agenda;
};

// A session of a process: its sitting days and its written-input window.
struct Session {
  std::string session_id;
  std::string display_name;
  OptionalDay start_date;
  OptionalDay end_date;
  OptionalDay written_input_opens;
  OptionalDay written_input_closes;
};

// A process (forum) as routing sees it: where input can go and on which themes.
struct ProcessInfo {
  std::string id;  // bare ("global-mechanism")
  std::string display_name;
  std::vector<std::string> themes;
  std::vector<Session> sessions;
  std::vector<ThematicGroup> thematic_groups;
};

// An input's author as routing sees it: who it is and the uptake-report dimensions.
struct StakeholderInfo {
  std::string id;
  std::string display_name;
  vocabulary::StakeholderGroup group = vocabulary::StakeholderGroup::kUnspecified;
  std::string country;  // ISO alpha-2; empty when the registry has none
  vocabulary::Region region = vocabulary::Region::kUnspecified;
  bool is_network = false;  // a network (its inbox is networks/{id})
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_REGISTRY_VIEW_H_
