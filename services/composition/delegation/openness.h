#ifndef POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_OPENNESS_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_OPENNESS_H_

// The openness report's counters. A delegation contributes fixed increments to its
// session's counters and to its state's per-process counters; a write applies the
// difference between the new and the old contribution in the same atomic store operation,
// so the report stays current without scanning delegations.

#include <map>
#include <string>
#include <vector>

#include "services/composition/delegation/delegation.h"

namespace polylateral::composition {

// Counter increments: field -> delta, for the session's hash and the process's state hash.
//   session:  delegations, open, ng, group:<GROUP>, region:<REGION> (members),
//             open_region:<REGION> (open delegations)
//   process:  open:<STATE> (sessions in which it was open), deleg:<STATE> (sessions with
//             a delegation); and, set rather than counted, region:<STATE>
struct OpennessDelta {
  std::map<std::string, long long> session;
  std::map<std::string, long long> process;
  std::map<std::string, std::string> process_set;
};

// after - before; either may be null (create, delete). Zero entries are dropped.
OpennessDelta ContributionDelta(const Delegation* before, const Delegation* after);

struct SessionOpenness {
  std::string session_id;
  long long delegations = 0;
  long long open_delegations = 0;
  double open_share = 0;
  long long non_governmental_members = 0;
  std::map<std::string, long long> members_by_group;
  std::map<std::string, long long> members_by_region;
  std::map<std::string, long long> open_by_region;
};

struct StateOpenness {
  std::string state;
  std::string region;
  long long open_sessions = 0;
  long long delegation_sessions = 0;
  bool systematic = false;  // open in two or more sessions
};

struct OpennessReport {
  std::vector<SessionOpenness> sessions;  // with at least one delegation, by session id
  std::vector<StateOpenness> states;      // open at least once, by state
};

// Builds the report from the raw counters: per session id its hash, and the process hash.
OpennessReport BuildOpennessReport(
    const std::map<std::string, std::map<std::string, long long>>& session_counters,
    const std::map<std::string, std::string>& process_counters);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_OPENNESS_H_
