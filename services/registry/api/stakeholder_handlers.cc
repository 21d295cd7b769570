// RegistryService's stakeholder methods: parse, call the domain, map.
#include "absl/strings/str_cat.h"
#include "common/server/request_fingerprint.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/api/resource_names.h"
#include "services/registry/api/stakeholder_mapping.h"

namespace polylateral::registry {

absl::Status RegistryService::DoGetStakeholder(const Call&, const v1::GetStakeholderRequest& req,
                                               v1::Stakeholder* resp) {
  auto id = ParseResourceName(req.name(), "stakeholders/", "name");
  if (!id.ok()) return id.status();
  auto s = stakeholders_->Get(*id);
  if (!s.ok()) return s.status();
  StakeholderToProto(*s, resp);
  return absl::OkStatus();
}

absl::Status RegistryService::DoListStakeholders(const Call&,
                                                 const v1::ListStakeholdersRequest& req,
                                                 v1::ListStakeholdersResponse* resp) {
  auto query = QueryFromProto(req);
  if (!query.ok()) return query.status();
  auto listing = stakeholders_->List(*std::move(query));
  if (!listing.ok()) return listing.status();
  for (const auto& s : listing->stakeholders) StakeholderToProto(s, resp->add_stakeholders());
  resp->set_next_page_token(listing->next_page_token);
  return absl::OkStatus();
}

absl::Status RegistryService::DoCreateStakeholder(const Call& call,
                                                  const v1::CreateStakeholderRequest& req,
                                                  v1::Stakeholder* resp) {
  if (!req.has_stakeholder()) {
    return InvalidArgument("INVALID_STAKEHOLDER", "stakeholder", "is required");
  }
  auto s = StakeholderFromProto(req.stakeholder());
  if (!s.ok()) return s.status();
  auto created = stakeholders_->Create(call.principal, *std::move(s), req.stakeholder_id(),
                                       req.request_id(), server::RequestFingerprint(req));
  if (!created.ok()) return created.status();
  StakeholderToProto(*created, resp);
  return absl::OkStatus();
}

absl::Status RegistryService::DoUpdateStakeholder(const Call& call,
                                                  const v1::UpdateStakeholderRequest& req,
                                                  v1::Stakeholder* resp) {
  if (!req.has_stakeholder()) {
    return InvalidArgument("INVALID_STAKEHOLDER", "stakeholder", "is required");
  }
  if (req.stakeholder().name().empty()) {
    return InvalidArgument("INVALID_NAME", "stakeholder.name", "is required");
  }
  auto patch = StakeholderFromProto(req.stakeholder());
  if (!patch.ok()) return patch.status();
  std::vector<std::string> mask(req.update_mask().paths().begin(), req.update_mask().paths().end());
  auto updated = stakeholders_->Update(call.principal, *patch, mask, req.stakeholder().etag());
  if (!updated.ok()) return updated.status();
  StakeholderToProto(*updated, resp);
  return absl::OkStatus();
}

absl::Status RegistryService::DoDeleteStakeholder(const Call& call,
                                                  const v1::DeleteStakeholderRequest& req,
                                                  google::protobuf::Empty*) {
  auto id = ParseResourceName(req.name(), "stakeholders/", "name");
  if (!id.ok()) return id.status();
  return stakeholders_->Delete(call.principal, *id, req.etag());
}

absl::Status RegistryService::DoListReferrers(const Call& call, const v1::ListReferrersRequest& req,
                                              v1::ListReferrersResponse* resp) {
  auto id = ParseResourceName(req.name(), "stakeholders/", "name");
  if (!id.ok()) return id.status();
  auto listing =
      stakeholders_->ListReferrers(call.principal, *id, req.page_size(), req.page_token());
  if (!listing.ok()) return listing.status();
  for (const auto& s : listing->stakeholders) StakeholderToProto(s, resp->add_referrers());
  resp->set_next_page_token(listing->next_page_token);
  return absl::OkStatus();
}

absl::Status RegistryService::DoRemoveReference(const Call& call,
                                                const v1::RemoveReferenceRequest& req,
                                                v1::Stakeholder* resp) {
  auto id = ParseResourceName(req.name(), "stakeholders/", "name");
  if (!id.ok()) return id.status();
  auto referrer = ParseResourceName(req.referrer(), "stakeholders/", "referrer");
  if (!referrer.ok()) return referrer.status();
  auto updated = stakeholders_->RemoveReference(call.principal, *id, *referrer);
  if (!updated.ok()) return updated.status();
  StakeholderToProto(*updated, resp);
  return absl::OkStatus();
}

}  // namespace polylateral::registry
