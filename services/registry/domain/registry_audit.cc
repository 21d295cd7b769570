#include "services/registry/domain/registry_audit.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/vocabulary/ecosoc_status.h"

namespace polylateral::registry {
namespace {

std::string StakeholderName(const std::string& id) { return absl::StrCat("stakeholders/", id); }
std::string ProcessName(const std::string& id) { return absl::StrCat("processes/", id); }

// kUnspecified is stored as kNone: setting one over the other changes nothing.
vocabulary::EcosocStatus Normalised(vocabulary::EcosocStatus s) {
  return s == vocabulary::EcosocStatus::kUnspecified ? vocabulary::EcosocStatus::kNone : s;
}

// Route id -> committee states, for the routes that have a committee.
std::map<std::string, std::vector<std::string>> Committees(const Process& p) {
  std::map<std::string, std::vector<std::string>> out;
  for (const AccreditationRoute& r : p.modalities.routes) {
    if (!r.committee_states.empty()) out[r.route_id] = r.committee_states;
  }
  return out;
}

}  // namespace

AuditNote StakeholderDeleted(const Stakeholder& s, const std::vector<Stakeholder>& referrers) {
  std::vector<std::string> ids;
  ids.reserve(referrers.size());
  for (const Stakeholder& r : referrers) ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  return {"registry.stakeholder.deleted",
          StakeholderName(s.id),
          {{"display_name", s.display_name}, {"references_removed_from", absl::StrJoin(ids, ",")}}};
}

AuditNote ReferenceRemoved(const std::string& id, const Stakeholder& referrer) {
  return {"registry.reference.removed",
          StakeholderName(referrer.id),
          {{"referenced", StakeholderName(id)}, {"cause", "DISOWNED"}}};
}

std::optional<AuditNote> EcosocStatusSet(const Stakeholder* before, const Stakeholder& after) {
  const vocabulary::EcosocStatus was =
      before == nullptr ? vocabulary::EcosocStatus::kNone : Normalised(before->ecosoc_status);
  const vocabulary::EcosocStatus now = Normalised(after.ecosoc_status);
  if (now == was) return std::nullopt;
  return AuditNote{"registry.stakeholder.ecosoc_status_set",
                   StakeholderName(after.id),
                   {{"ecosoc_status", std::string(vocabulary::EcosocStatusName(now))},
                    {"previous", std::string(vocabulary::EcosocStatusName(was))}}};
}

AuditNote ProcessCreated(const Process& p) {
  std::vector<std::string> routes;
  for (const AccreditationRoute& r : p.modalities.routes) routes.push_back(r.route_id);
  AuditNote note{"registry.process.created",
                 ProcessName(p.id),
                 {{"display_name", p.display_name},
                  {"host_institution", p.host_institution},
                  {"routes", absl::StrJoin(routes, ",")}}};
  for (const auto& [route, states] : Committees(p)) {
    note.fields.emplace_back(absl::StrCat("committee:", route), absl::StrJoin(states, ","));
  }
  return note;
}

AuditNote ProcessUpdated(const Process& before, const Process& after,
                         const std::vector<std::string>& paths) {
  AuditNote note{
      "registry.process.updated",
      ProcessName(after.id),
      {{"version", absl::StrCat(before.version + 1)}, {"replaced", absl::StrJoin(paths, ",")}}};
  // A committee rotation: each route whose committee changed, with the committee it had.
  const auto old_committees = Committees(before);
  const auto new_committees = Committees(after);
  std::set<std::string> routes;
  for (const auto& [route, _] : old_committees) routes.insert(route);
  for (const auto& [route, _] : new_committees) routes.insert(route);
  for (const std::string& route : routes) {
    auto o = old_committees.find(route);
    auto n = new_committees.find(route);
    const std::string was = o == old_committees.end() ? "" : absl::StrJoin(o->second, ",");
    const std::string is = n == new_committees.end() ? "" : absl::StrJoin(n->second, ",");
    if (was == is) continue;
    note.fields.emplace_back(absl::StrCat("committee:", route), is);
    note.fields.emplace_back(absl::StrCat("previous_committee:", route), was);
  }
  return note;
}

AuditNote ProcessDeleted(const Process& p) {
  return {"registry.process.deleted",
          ProcessName(p.id),
          {{"display_name", p.display_name}, {"version", absl::StrCat(p.version)}}};
}

}  // namespace polylateral::registry
