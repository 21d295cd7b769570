#include "services/composition/api/openness_mapping.h"

#include "absl/strings/str_cat.h"

namespace polylateral::composition {
namespace {

type::v1::Region RegionOf(const std::string& name) {
  type::v1::Region r = type::v1::REGION_UNSPECIFIED;
  return type::v1::Region_Parse(name, &r) ? r : type::v1::REGION_UNSPECIFIED;
}

type::v1::StakeholderGroup GroupOf(const std::string& name) {
  type::v1::StakeholderGroup g = type::v1::STAKEHOLDER_GROUP_UNSPECIFIED;
  return type::v1::StakeholderGroup_Parse(name, &g) ? g : type::v1::STAKEHOLDER_GROUP_UNSPECIFIED;
}

int Int(long long n) { return static_cast<int>(n); }

void AddGroups(const std::map<std::string, long long>& by_group,
               google::protobuf::RepeatedPtrField<v1::GroupCount>* out) {
  for (const auto& [group, n] : by_group) {
    v1::GroupCount* g = out->Add();
    g->set_group(GroupOf(group));
    g->set_count(Int(n));
  }
}

void AddRegionCounts(const std::map<std::string, long long>& by_region,
                     google::protobuf::RepeatedPtrField<v1::RegionCount>* out) {
  for (const auto& [region, n] : by_region) {
    v1::RegionCount* r = out->Add();
    r->set_region(RegionOf(region));
    r->set_count(Int(n));
  }
}

void AddRegions(const std::map<std::string, RegionOpenness>& regions,
                google::protobuf::RepeatedPtrField<v1::RegionOpenness>* out) {
  for (const auto& [region, o] : regions) {
    v1::RegionOpenness* r = out->Add();
    r->set_region(RegionOf(region));
    r->set_participating_states(Int(o.participating_states));
    r->set_open_states(Int(o.open_states));
    r->set_open_share(o.share);
  }
}

v1::StateOpenness::Pattern PatternOf(const StateOpenness& s) {
  if (s.systematic) return v1::StateOpenness::SYSTEMATIC;
  return s.open_sessions > 0 ? v1::StateOpenness::ONCE : v1::StateOpenness::NEVER;
}

}  // namespace

void ReportToProto(const std::string& process_id, const OpennessReport& in,
                   v1::OpennessReport* out) {
  out->set_name(absl::StrCat("processes/", process_id, "/opennessReport"));
  for (const SessionOpenness& s : in.sessions) {
    v1::SessionOpenness* ps = out->add_sessions();
    ps->set_session(absl::StrCat("processes/", process_id, "/sessions/", s.session_id));
    ps->set_delegations(Int(s.delegations));
    ps->set_open_delegations(Int(s.open_delegations));
    ps->set_open_share(s.open_share);
    ps->set_participating_open_share(s.participating_open_share);
    ps->set_non_governmental_members(Int(s.non_governmental_members));
    ps->set_deleted_members(Int(s.deleted_members));
    AddGroups(s.members_by_group, ps->mutable_members_by_group());
    AddRegionCounts(s.members_by_region, ps->mutable_members_by_region());
    AddRegionCounts(s.open_by_region, ps->mutable_open_delegations_by_region());
    AddRegions(s.regions, ps->mutable_regions());
  }
  for (const StateOpenness& s : in.states) {
    v1::StateOpenness* ps = out->add_states();
    ps->set_state(s.state);
    ps->set_region(RegionOf(s.region));
    ps->set_open_sessions(Int(s.open_sessions));
    ps->set_delegation_sessions(Int(s.delegation_sessions));
    ps->set_pattern(PatternOf(s));
  }
  const ProcessOpenness& t = in.totals;
  v1::ProcessOpenness* pt = out->mutable_totals();
  pt->set_participating_states(Int(t.participating_states));
  pt->set_open_states(Int(t.open_states));
  pt->set_systematic_states(Int(t.systematic_states));
  pt->set_open_share(t.open_share);
  pt->set_delegations(Int(t.delegations));
  pt->set_non_governmental_members(Int(t.non_governmental_members));
  pt->set_deleted_members(Int(t.deleted_members));
  AddGroups(t.members_by_group, pt->mutable_members_by_group());
  AddRegions(t.regions, pt->mutable_regions());
}

}  // namespace polylateral::composition
