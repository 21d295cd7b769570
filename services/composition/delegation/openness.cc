#include "services/composition/delegation/openness.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace polylateral::composition {
namespace {

void Add(const Delegation& d, long long sign, OpennessDelta& delta) {
  long long ng = 0;
  for (const DelegationMember& m : d.members) {
    if (!IsNonGovernmental(m)) continue;
    ++ng;
    delta.session[absl::StrCat("group:", m.stakeholder_group)] += sign;
    delta.session[absl::StrCat("region:", d.region)] += sign;
  }
  const long long open = ng > 0 ? 1 : 0;
  delta.session["delegations"] += sign;
  delta.session["open"] += sign * open;
  delta.session["ng"] += sign * ng;
  delta.session[absl::StrCat("open_region:", d.region)] += sign * open;
  delta.process[absl::StrCat("open:", d.state)] += sign * open;
  delta.process[absl::StrCat("deleg:", d.state)] += sign;
}

template <typename Map>
void DropZeros(Map& m) {
  for (auto it = m.begin(); it != m.end();) it = it->second == 0 ? m.erase(it) : std::next(it);
}

}  // namespace

OpennessDelta ContributionDelta(const Delegation* before, const Delegation* after) {
  OpennessDelta delta;
  if (before != nullptr) Add(*before, -1, delta);
  if (after != nullptr) {
    Add(*after, +1, delta);
    delta.process_set[absl::StrCat("region:", after->state)] = after->region;
  }
  DropZeros(delta.session);
  DropZeros(delta.process);
  return delta;
}

OpennessReport BuildOpennessReport(
    const std::map<std::string, std::map<std::string, long long>>& session_counters,
    const std::map<std::string, std::string>& process_counters) {
  OpennessReport report;
  for (const auto& [session_id, counters] : session_counters) {
    SessionOpenness s;
    s.session_id = session_id;
    for (const auto& [field, value] : counters) {
      if (value == 0) continue;
      if (field == "delegations")
        s.delegations = value;
      else if (field == "open")
        s.open_delegations = value;
      else if (field == "ng")
        s.non_governmental_members = value;
      else if (absl::StartsWith(field, "group:"))
        s.members_by_group[field.substr(6)] = value;
      else if (absl::StartsWith(field, "region:"))
        s.members_by_region[field.substr(7)] = value;
      else if (absl::StartsWith(field, "open_region:"))
        s.open_by_region[field.substr(12)] = value;
    }
    if (s.delegations <= 0) continue;  // every delegation of the session was deleted
    s.open_share = static_cast<double>(s.open_delegations) / static_cast<double>(s.delegations);
    report.sessions.push_back(std::move(s));
  }
  std::map<std::string, StateOpenness> states;
  for (const auto& [field, text] : process_counters) {
    long long value = 0;
    if (absl::StartsWith(field, "open:") && absl::SimpleAtoi(text, &value) && value > 0) {
      StateOpenness& st = states[field.substr(5)];
      st.open_sessions = value;
    }
  }
  for (auto& [state, st] : states) {
    st.state = state;
    if (auto it = process_counters.find(absl::StrCat("region:", state));
        it != process_counters.end()) {
      st.region = it->second;
    }
    if (auto it = process_counters.find(absl::StrCat("deleg:", state));
        it != process_counters.end()) {
      absl::SimpleAtoi(it->second, &st.delegation_sessions);
    }
    st.systematic = st.open_sessions >= 2;
    report.states.push_back(st);
  }
  return report;
}

}  // namespace polylateral::composition
