#include "services/composition/api/delegation_mapping.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "common/base/resource_name.h"
#include "common/server/proto_checks.h"
#include "google/protobuf/util/time_util.h"
#include "services/composition/api/resource_names.h"

namespace polylateral::composition {
namespace {

using google::protobuf::util::TimeUtil;

template <typename Enum, typename Parse>
Enum ParseName(const std::string& name, Parse parse, Enum fallback) {
  Enum e = fallback;
  return parse(name, &e) ? e : fallback;
}

}  // namespace

absl::StatusOr<DelegationKey> ParseSessionName(const std::string& name, const std::string& field) {
  auto ids = NameSegments(name, {"processes", "sessions"}, field);
  if (!ids.ok()) return ids.status();
  return DelegationKey{(*ids)[0], (*ids)[1], ""};
}

absl::StatusOr<DelegationKey> ParseDelegationName(const std::string& name,
                                                  const std::string& field) {
  auto ids = NameSegments(name, {"processes", "sessions", "delegations"}, field);
  if (!ids.ok()) return ids.status();
  return DelegationKey{(*ids)[0], (*ids)[1], (*ids)[2]};
}

absl::StatusOr<std::string> ParseReportName(const std::string& name, const std::string& field) {
  constexpr absl::string_view kSuffix = "/opennessReport";
  if (!absl::EndsWith(name, kSuffix)) {
    return InvalidArgument("INVALID_NAME", field, "must look like processes/{p}/opennessReport");
  }
  auto ids = NameSegments(name.substr(0, name.size() - kSuffix.size()), {"processes"}, field);
  if (!ids.ok()) return ids.status();
  return (*ids)[0];
}

absl::StatusOr<Delegation> DelegationFromProto(const v1::Delegation& proto, DelegationKey key) {
  Delegation d;
  d.process_id = std::move(key.process_id);
  d.session_id = std::move(key.session_id);
  d.state = std::move(key.state);
  Violations v;
  for (int i = 0; i < proto.members_size(); ++i) {
    const v1::DelegationMember& m = proto.members(i);
    DelegationMember member;
    if (absl::Status s =
            server::CheckEnum(m.role(), absl::StrCat("delegation.members[", i, "].role"));
        !s.ok()) {
      return s;
    }
    member.role = static_cast<MemberRole>(m.role());
    member.display_name = m.display_name();
    member.function = m.function();
    if (!m.stakeholder().empty()) {
      const std::string field = absl::StrCat("delegation.members[", i, "].stakeholder");
      auto ids = ParseResourceName(m.stakeholder(), {"stakeholders"}, field);
      if (ids.ok()) {
        member.stakeholder_id = (*ids)[0];
      } else {
        v.Add(field, "must look like stakeholders/{id}");
      }
    }
    d.members.push_back(std::move(member));
  }
  if (!v.empty()) return v.ToStatus("INVALID_DELEGATION");
  return d;
}

void DelegationToProto(const Delegation& d, v1::Delegation* out) {
  out->set_name(absl::StrCat("processes/", d.process_id, "/sessions/", d.session_id,
                             "/delegations/", d.state));
  out->set_state(d.state);
  out->set_region(ParseName(d.region, type::v1::Region_Parse, type::v1::REGION_UNSPECIFIED));
  for (const DelegationMember& m : d.members) {
    v1::DelegationMember* pm = out->add_members();
    pm->set_role(static_cast<v1::DelegationMember::Role>(m.role));
    pm->set_display_name(m.display_name);
    pm->set_function(m.function);
    if (!m.stakeholder_id.empty()) pm->set_stakeholder("stakeholders/" + m.stakeholder_id);
    if (!m.affiliation_id.empty()) pm->set_affiliation("stakeholders/" + m.affiliation_id);
    pm->set_affiliation_display_name(m.affiliation_name);
    pm->set_stakeholder_group(ParseName(m.stakeholder_group, type::v1::StakeholderGroup_Parse,
                                        type::v1::STAKEHOLDER_GROUP_UNSPECIFIED));
    pm->set_stakeholder_deleted(m.stakeholder_deleted);
  }
  *out->mutable_create_time() =
      TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(d.create_time));
  *out->mutable_update_time() =
      TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(d.update_time));
  out->set_etag(DelegationEtag(d));
}

}  // namespace polylateral::composition
