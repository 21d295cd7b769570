// RegistryService's process methods: parse, call the domain, map.
#include "common/server/request_fingerprint.h"
#include "services/registry/api/process_mapping.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/api/resource_names.h"

namespace polylateral::registry {

absl::Status RegistryService::DoGetProcess(const Call&, const v1::GetProcessRequest& req,
                                           v1::Process* resp) {
  auto id = ParseResourceName(req.name(), "processes/", "name");
  if (!id.ok()) return id.status();
  auto p = processes_->Get(*id);
  if (!p.ok()) return p.status();
  ProcessToProto(*p, resp);
  return absl::OkStatus();
}

absl::Status RegistryService::DoListProcesses(const Call&, const v1::ListProcessesRequest& req,
                                              v1::ListProcessesResponse* resp) {
  std::string theme;
  if (!req.theme().empty()) {
    auto t = ParseResourceName(req.theme(), "themes/", "theme");
    if (!t.ok()) return t.status();
    theme = *t;
  }
  auto listing = processes_->List(theme, req.page_size(), req.page_token());
  if (!listing.ok()) return listing.status();
  for (const auto& p : listing->processes) ProcessToProto(p, resp->add_processes());
  resp->set_next_page_token(listing->next_page_token);
  return absl::OkStatus();
}

absl::Status RegistryService::DoCreateProcess(const Call& call, const v1::CreateProcessRequest& req,
                                              v1::Process* resp) {
  if (!req.has_process()) return InvalidArgument("INVALID_PROCESS", "process", "is required");
  auto p = ProcessFromProto(req.process());
  if (!p.ok()) return p.status();
  auto created = processes_->Create(call.principal, *std::move(p), req.process_id(),
                                    req.request_id(), server::RequestFingerprint(req));
  if (!created.ok()) return created.status();
  ProcessToProto(*created, resp);
  return absl::OkStatus();
}

absl::Status RegistryService::DoUpdateProcess(const Call& call, const v1::UpdateProcessRequest& req,
                                              v1::Process* resp) {
  if (!req.has_process()) return InvalidArgument("INVALID_PROCESS", "process", "is required");
  if (req.process().name().empty()) {
    return InvalidArgument("INVALID_NAME", "process.name", "is required");
  }
  auto patch = ProcessFromProto(req.process());
  if (!patch.ok()) return patch.status();
  std::vector<std::string> mask(req.update_mask().paths().begin(), req.update_mask().paths().end());
  auto updated = processes_->Update(call.principal, *patch, mask, req.process().etag());
  if (!updated.ok()) return updated.status();
  ProcessToProto(*updated, resp);
  return absl::OkStatus();
}

absl::Status RegistryService::DoDeleteProcess(const Call& call, const v1::DeleteProcessRequest& req,
                                              google::protobuf::Empty*) {
  auto id = ParseResourceName(req.name(), "processes/", "name");
  if (!id.ok()) return id.status();
  return processes_->Delete(call.principal, *id, req.etag());
}

}  // namespace polylateral::registry
