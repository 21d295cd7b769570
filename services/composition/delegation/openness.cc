#include "services/composition/delegation/openness.h"

#include <set>

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
    if (m.stakeholder_deleted) delta.session["gone"] += sign;
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

double Share(long long part, long long whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0;
}

long long Count(const std::map<std::string, std::string>& h, const std::string& field) {
  long long v = 0;
  auto it = h.find(field);
  return it != h.end() && absl::SimpleAtoi(it->second, &v) ? v : 0;
}

SessionOpenness FromCounters(const std::string& id, const std::map<std::string, long long>& c) {
  SessionOpenness s;
  s.session_id = id;
  for (const auto& [field, value] : c) {
    if (value == 0) continue;
    if (field == "delegations")
      s.delegations = value;
    else if (field == "open")
      s.open_delegations = value;
    else if (field == "ng")
      s.non_governmental_members = value;
    else if (field == "gone")
      s.deleted_members = value;
    else if (absl::StartsWith(field, "group:"))
      s.members_by_group[field.substr(6)] = value;
    else if (absl::StartsWith(field, "region:"))
      s.members_by_region[field.substr(7)] = value;
    else if (absl::StartsWith(field, "open_region:"))
      s.open_by_region[field.substr(12)] = value;
  }
  s.open_share = Share(s.open_delegations, s.delegations);
  return s;
}

// Every state the process hash knows (a region is set by the state's first write), in
// state order.
std::map<std::string, StateOpenness> States(const std::map<std::string, std::string>& h) {
  std::map<std::string, StateOpenness> states;
  for (const auto& [field, value] : h) {
    if (!absl::StartsWith(field, "region:")) continue;
    StateOpenness st;
    st.state = field.substr(7);
    st.region = value;
    st.open_sessions = Count(h, absl::StrCat("open:", st.state));
    st.delegation_sessions = Count(h, absl::StrCat("deleg:", st.state));
    st.systematic = st.open_sessions >= 2;
    states.emplace(st.state, st);
  }
  return states;
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
    const std::vector<std::string>& registry_sessions,
    const std::map<std::string, std::map<std::string, long long>>& session_counters,
    const std::map<std::string, std::string>& process_counters) {
  OpennessReport report;
  ProcessOpenness& totals = report.totals;
  for (const auto& [state, st] : States(process_counters)) {
    if (st.delegation_sessions <= 0) continue;  // every delegation of the state was deleted
    RegionOpenness& region = totals.regions[st.region];
    ++region.participating_states;
    ++totals.participating_states;
    if (st.open_sessions > 0) {
      ++region.open_states;
      ++totals.open_states;
    }
    if (st.systematic) ++totals.systematic_states;
    report.states.push_back(st);
  }
  totals.open_share = Share(totals.open_states, totals.participating_states);
  for (auto& [name, region] : totals.regions) {
    region.share = Share(region.open_states, region.participating_states);
  }

  std::set<std::string> ids(registry_sessions.begin(), registry_sessions.end());
  for (const auto& [id, counters] : session_counters) {
    if (auto it = counters.find("delegations"); it != counters.end() && it->second > 0) {
      ids.insert(id);
    }
  }
  const std::map<std::string, long long> none;
  for (const std::string& id : ids) {
    auto it = session_counters.find(id);
    SessionOpenness s = FromCounters(id, it == session_counters.end() ? none : it->second);
    s.participating_open_share = Share(s.open_delegations, totals.participating_states);
    for (const auto& [name, region] : totals.regions) {
      RegionOpenness& r = s.regions[name];
      r.participating_states = region.participating_states;
      auto open = s.open_by_region.find(name);
      r.open_states = open == s.open_by_region.end() ? 0 : open->second;
      r.share = Share(r.open_states, r.participating_states);
    }
    totals.delegations += s.delegations;
    totals.non_governmental_members += s.non_governmental_members;
    totals.deleted_members += s.deleted_members;
    for (const auto& [group, n] : s.members_by_group) totals.members_by_group[group] += n;
    report.sessions.push_back(std::move(s));
  }
  return report;
}

}  // namespace polylateral::composition
