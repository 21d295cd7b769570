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
//             open_region:<REGION> (open delegations), gone (members whose registry record
//             was deleted, as of their delegation's last write)
//   process:  open:<STATE> (sessions in which it was open), deleg:<STATE> (sessions with
//             a delegation); and, set rather than counted, region:<STATE>
struct OpennessDelta {
  std::map<std::string, long long> session;
  std::map<std::string, long long> process;
  std::map<std::string, std::string> process_set;
};

// after - before; either may be null (create, delete). Zero entries are dropped.
OpennessDelta ContributionDelta(const Delegation* before, const Delegation* after);

// One regional group's participating states (a delegation in any session of the process)
// and how many of them were open: in one session, or in at least one session (totals).
struct RegionOpenness {
  long long participating_states = 0;
  long long open_states = 0;
  double share = 0;  // open_states / participating_states, 0 when none participate
};

struct SessionOpenness {
  std::string session_id;
  long long delegations = 0;
  long long open_delegations = 0;
  double open_share = 0;  // of the session's delegations
  // open_delegations / the process's participating states.
  double participating_open_share = 0;
  long long non_governmental_members = 0;
  long long deleted_members = 0;  // non-governmental members whose registry record is gone
  std::map<std::string, long long> members_by_group;
  std::map<std::string, long long> members_by_region;
  std::map<std::string, long long> open_by_region;
  std::map<std::string, RegionOpenness> regions;  // every region with participating states
};

struct StateOpenness {
  std::string state;
  std::string region;
  long long open_sessions = 0;
  long long delegation_sessions = 0;
  bool systematic = false;  // open in two or more sessions
};

// The process as a whole: a state counts once however many sessions it attends.
struct ProcessOpenness {
  long long participating_states = 0;
  long long open_states = 0;        // open in at least one session
  long long systematic_states = 0;  // open in two or more
  double open_share = 0;            // open_states / participating_states
  long long delegations = 0;        // over every session
  long long non_governmental_members = 0;
  long long deleted_members = 0;
  std::map<std::string, long long> members_by_group;
  std::map<std::string, RegionOpenness> regions;
};

struct OpennessReport {
  std::vector<SessionOpenness> sessions;  // every session of the process, by session id
  std::vector<StateOpenness> states;      // every participating state, by state
  ProcessOpenness totals;
};

// Builds the report from the raw counters: `registry_sessions` (the process's sessions, each
// listed even without a delegation), per session id its hash, and the process hash. A
// session that left the registry stays while delegations remain in it. Bounded by the
// sessions and the states (the process hash has three fields per state), never by the
// delegations.
OpennessReport BuildOpennessReport(
    const std::vector<std::string>& registry_sessions,
    const std::map<std::string, std::map<std::string, long long>>& session_counters,
    const std::map<std::string, std::string>& process_counters);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_OPENNESS_H_
