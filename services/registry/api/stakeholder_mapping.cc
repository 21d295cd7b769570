#include "services/registry/api/stakeholder_mapping.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/server/proto_checks.h"
#include "services/registry/api/proto_time.h"
#include "services/registry/api/resource_names.h"
#include "services/registry/domain/stakeholder_rules.h"

namespace polylateral::registry {

absl::StatusOr<Stakeholder> StakeholderFromProto(const v1::Stakeholder& in,
                                                 const std::string& prefix) {
  if (auto st = server::CheckEnum(in.kind(), prefix + ".kind"); !st.ok()) return st;
  if (auto st = server::CheckEnum(in.stakeholder_group(), prefix + ".stakeholder_group"); !st.ok())
    return st;
  if (auto st = server::CheckEnum(in.ecosoc_status(), prefix + ".ecosoc_status"); !st.ok())
    return st;
  Violations v;
  Stakeholder s;
  if (!in.name().empty()) {
    auto id = ParseResourceName(in.name(), "stakeholders/", prefix + ".name");
    if (!id.ok()) return id.status();
    s.id = *id;
  }
  s.kind = static_cast<StakeholderKind>(in.kind());
  s.display_name = in.display_name();
  s.group = static_cast<vocabulary::StakeholderGroup>(in.stakeholder_group());
  s.constituency = in.constituency();
  s.country = in.country();
  s.themes = ParseResourceNames(in.themes(), "themes/", prefix + ".themes", v);
  s.ecosoc_status = static_cast<vocabulary::EcosocStatus>(in.ecosoc_status());
  s.affiliations =
      ParseResourceNames(in.affiliations(), "stakeholders/", prefix + ".affiliations", v);
  s.network_members =
      ParseResourceNames(in.network_members(), "stakeholders/", prefix + ".network_members", v);
  s.languages.assign(in.languages().begin(), in.languages().end());
  s.developing_country = in.developing_country();
  s.contact_email = in.contact_email();
  s.website = in.website();
  if (!v.empty()) return v.ToStatus("INVALID_STAKEHOLDER");
  return s;
}

void StakeholderToProto(const Stakeholder& in, v1::Stakeholder* out) {
  out->set_name(absl::StrCat("stakeholders/", in.id));
  out->set_kind(static_cast<v1::Stakeholder::Kind>(in.kind));
  out->set_display_name(in.display_name);
  out->set_stakeholder_group(static_cast<type::v1::StakeholderGroup>(in.group));
  out->set_constituency(in.constituency);
  out->set_country(in.country);
  out->set_region(static_cast<type::v1::Region>(in.region));
  for (const auto& t : in.themes) out->add_themes(absl::StrCat("themes/", t));
  out->set_ecosoc_status(static_cast<v1::Stakeholder::EcosocStatus>(in.ecosoc_status));
  out->set_ecosoc_status_set_by(in.ecosoc_status_set_by);
  if (!in.ecosoc_status_set_by.empty()) {
    ToProto(in.ecosoc_status_update_time, out->mutable_ecosoc_status_update_time());
  }
  for (const auto& a : in.affiliations) out->add_affiliations(absl::StrCat("stakeholders/", a));
  for (const auto& m : in.network_members) {
    out->add_network_members(absl::StrCat("stakeholders/", m));
  }
  for (const auto& l : in.languages) out->add_languages(l);
  out->set_developing_country(in.developing_country);
  out->set_contact_email(in.contact_email);
  out->set_website(in.website);
  ToProto(in.create_time, out->mutable_create_time());
  ToProto(in.update_time, out->mutable_update_time());
  out->set_etag(StakeholderEtag(in));
  for (const auto& r : in.removed_references) {
    auto* removal = out->add_removed_references();
    removal->set_stakeholder(absl::StrCat("stakeholders/", r.stakeholder_id));
    removal->set_cause(static_cast<v1::ReferenceRemoval::Cause>(r.cause));
    removal->set_removed_by(r.removed_by);
    ToProto(r.remove_time, removal->mutable_remove_time());
  }
}

absl::StatusOr<StakeholderQuery> QueryFromProto(const v1::ListStakeholdersRequest& in) {
  if (auto st = server::CheckEnum(in.kind(), "kind"); !st.ok()) return st;
  if (auto st = server::CheckEnum(in.stakeholder_group(), "stakeholder_group"); !st.ok()) return st;
  if (auto st = server::CheckEnum(in.region(), "region"); !st.ok()) return st;
  if (auto st = server::CheckEnum(in.ecosoc_status(), "ecosoc_status"); !st.ok()) return st;
  StakeholderQuery q;
  q.page_size = in.page_size();
  q.page_token = in.page_token();
  q.kind = static_cast<StakeholderKind>(in.kind());
  q.group = static_cast<vocabulary::StakeholderGroup>(in.stakeholder_group());
  q.region = static_cast<vocabulary::Region>(in.region());
  q.country = in.country();
  q.ecosoc_status = static_cast<vocabulary::EcosocStatus>(in.ecosoc_status());
  q.name_prefix = in.name_prefix();
  if (!in.theme().empty()) {
    auto theme = ParseResourceName(in.theme(), "themes/", "theme");
    if (!theme.ok()) return theme.status();
    q.theme = *theme;
  }
  if (!in.member_of_network().empty()) {
    auto net = ParseResourceName(in.member_of_network(), "stakeholders/", "member_of_network");
    if (!net.ok()) return net.status();
    q.member_of_network = *net;
  }
  if (!in.has_member().empty()) {
    auto member = ParseResourceName(in.has_member(), "stakeholders/", "has_member");
    if (!member.ok()) return member.status();
    q.has_member = *member;
  }
  return q;
}

}  // namespace polylateral::registry
