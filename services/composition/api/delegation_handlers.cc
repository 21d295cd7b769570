// CompositionService's delegation methods: parse, call the delegation rules, map.
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/page_size.h"
#include "common/server/request_fingerprint.h"
#include "services/composition/api/composition_service.h"
#include "services/composition/api/delegation_mapping.h"
#include "services/composition/api/openness_mapping.h"
#include "services/composition/client/registry_client.h"
#include "services/composition/delegation/delegation_book.h"

namespace polylateral::composition {
namespace {

absl::Status CheckMask(const google::protobuf::FieldMask& mask) {
  for (const std::string& path : mask.paths()) {
    if (path != "members" && path != "*") {
      return InvalidArgument("INVALID_UPDATE_MASK", "update_mask",
                             absl::StrCat("'", path, "' is not mutable; only members is"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CompositionService::DoGetDelegation(const Call&, const v1::GetDelegationRequest& req,
                                                 v1::Delegation* resp) {
  auto key = ParseDelegationName(req.name(), "name");
  if (!key.ok()) return key.status();
  CallRegistryLookup registry(registry_);
  auto d = delegations_->Get(registry, *key);
  if (!d.ok()) return d.status();
  DelegationToProto(*d, resp);
  return absl::OkStatus();
}

absl::Status CompositionService::DoListDelegations(const Call&,
                                                   const v1::ListDelegationsRequest& req,
                                                   v1::ListDelegationsResponse* resp) {
  auto key = ParseSessionName(req.parent(), "parent");
  if (!key.ok()) return key.status();
  auto page_size = ResolvePageSize(req.page_size());
  if (!page_size.ok()) return page_size.status();
  // The token is the last state returned: harmless to forge, it only moves the start.
  const std::string& token = req.page_token();
  if (!token.empty() && token.size() != 2) {
    return InvalidArgument("INVALID_PAGE_TOKEN", "page_token", "is not one this service gave");
  }
  CallRegistryLookup registry(registry_);
  auto page = delegations_->List(registry, key->process_id, key->session_id, token, *page_size);
  if (!page.ok()) return page.status();
  for (const Delegation& d : page->items) DelegationToProto(d, resp->add_delegations());
  resp->set_next_page_token(page->next_cursor);
  return absl::OkStatus();
}

absl::Status CompositionService::DoCreateDelegation(const Call& call,
                                                    const v1::CreateDelegationRequest& req,
                                                    v1::Delegation* resp) {
  auto key = ParseSessionName(req.parent(), "parent");
  if (!key.ok()) return key.status();
  if (!req.has_delegation()) {
    return InvalidArgument("INVALID_DELEGATION", "delegation", "is required");
  }
  key->state = req.delegation().state();
  auto d = DelegationFromProto(req.delegation(), *key);
  if (!d.ok()) return d.status();
  CallRegistryLookup registry(registry_);
  auto created = delegations_->Create(call.principal, registry, *std::move(d), req.request_id(),
                                      server::RequestFingerprint(req));
  if (!created.ok()) return created.status();
  DelegationToProto(*created, resp);
  return absl::OkStatus();
}

absl::Status CompositionService::DoUpdateDelegation(const Call& call,
                                                    const v1::UpdateDelegationRequest& req,
                                                    v1::Delegation* resp) {
  if (!req.has_delegation()) {
    return InvalidArgument("INVALID_DELEGATION", "delegation", "is required");
  }
  if (absl::Status s = CheckMask(req.update_mask()); !s.ok()) return s;
  auto key = ParseDelegationName(req.delegation().name(), "delegation.name");
  if (!key.ok()) return key.status();
  auto d = DelegationFromProto(req.delegation(), *key);
  if (!d.ok()) return d.status();
  CallRegistryLookup registry(registry_);
  auto updated =
      delegations_->Update(call.principal, registry, *std::move(d), req.delegation().etag());
  if (!updated.ok()) return updated.status();
  DelegationToProto(*updated, resp);
  return absl::OkStatus();
}

absl::Status CompositionService::DoDeleteDelegation(const Call& call,
                                                    const v1::DeleteDelegationRequest& req,
                                                    google::protobuf::Empty*) {
  auto key = ParseDelegationName(req.name(), "name");
  if (!key.ok()) return key.status();
  CallRegistryLookup registry(registry_);
  return delegations_->Delete(call.principal, registry, *key, req.etag());
}

absl::Status CompositionService::DoGetOpennessReport(const Call&,
                                                     const v1::GetOpennessReportRequest& req,
                                                     v1::OpennessReport* resp) {
  auto process = ParseReportName(req.name(), "name");
  if (!process.ok()) return process.status();
  CallRegistryLookup registry(registry_);
  auto report = delegations_->Report(registry, *process);
  if (!report.ok()) return report.status();
  ReportToProto(*process, *report, resp);
  return absl::OkStatus();
}

}  // namespace polylateral::composition
