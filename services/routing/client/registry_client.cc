#include "services/routing/client/registry_client.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/registry/api/process_mapping.h"
#include "services/registry/api/stakeholder_mapping.h"

namespace polylateral::routing {
namespace {

absl::Status Mapped(const grpc::Status& st, const char* not_found_reason, const std::string& what) {
  if (st.error_code() == grpc::StatusCode::NOT_FOUND ||
      st.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return NotFound(not_found_reason, absl::StrCat(what, " is not in the registry"));
  }
  return edge::FromUpstream(st, "registry");
}

absl::StatusOr<registry::Stakeholder> FromProto(const registry::v1::Stakeholder& s) {
  auto out = registry::StakeholderFromProto(s);
  if (!out.ok()) return absl::InternalError("registry sent a stakeholder it cannot read");
  // Output-only in the registry's contract, so the mapping leaves them out.
  out->id = s.name().substr(s.name().find('/') + 1);
  out->region = static_cast<vocabulary::Region>(s.region());
  return out;
}

}  // namespace

RegistryClient::RegistryClient(edge::OutgoingOptions outgoing, const std::string& target,
                               absl::Duration cache_ttl)
    : outgoing_(std::move(outgoing)),
      stub_(registry::v1::RegistryService::NewStub(edge::Dial(outgoing_, target, "registry"))),
      cache_ttl_(cache_ttl) {}

absl::StatusOr<registry::Stakeholder> RegistryClient::Stakeholder(const std::string& id,
                                                                  absl::Time deadline) {
  {
    absl::MutexLock lock(&mu_);
    auto it = stakeholders_.find(id);
    if (it != stakeholders_.end() && Fresh(it->second.fetched)) return it->second.value;
  }
  auto ctx = edge::NewClientContext(outgoing_, deadline);
  registry::v1::GetStakeholderRequest req;
  req.set_name(absl::StrCat("stakeholders/", id));
  registry::v1::Stakeholder s;
  grpc::Status st = stub_->GetStakeholder(ctx.get(), req, &s);
  if (!st.ok()) return Mapped(st, "STAKEHOLDER_NOT_FOUND", req.name());
  auto out = FromProto(s);
  if (out.ok() && cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    stakeholders_[id] = {*out, absl::Now()};
  }
  return out;
}

absl::StatusOr<registry::Process> RegistryClient::Process(const std::string& id,
                                                          absl::Time deadline) {
  {
    absl::MutexLock lock(&mu_);
    auto it = processes_.find(id);
    if (it != processes_.end() && Fresh(it->second.fetched)) return it->second.value;
  }
  auto ctx = edge::NewClientContext(outgoing_, deadline);
  registry::v1::GetProcessRequest req;
  req.set_name(absl::StrCat("processes/", id));
  registry::v1::Process p;
  grpc::Status st = stub_->GetProcess(ctx.get(), req, &p);
  if (!st.ok()) return Mapped(st, "PROCESS_NOT_FOUND", req.name());
  auto out = registry::ProcessFromProto(p);
  if (!out.ok()) return absl::InternalError("registry sent a process it cannot read");
  out->id = id;
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    processes_[id] = {*out, absl::Now()};
  }
  return out;
}

absl::StatusOr<std::vector<registry::Process>> RegistryClient::AllProcesses(absl::Time deadline) {
  {
    absl::MutexLock lock(&mu_);
    if (all_processes_ && Fresh(all_processes_->fetched)) return all_processes_->value;
  }
  std::vector<registry::Process> out;
  std::string token;
  do {
    auto ctx = edge::NewClientContext(outgoing_, deadline);
    registry::v1::ListProcessesRequest req;
    req.set_page_size(100);
    req.set_page_token(token);
    registry::v1::ListProcessesResponse resp;
    grpc::Status st = stub_->ListProcesses(ctx.get(), req, &resp);
    if (!st.ok()) return Mapped(st, "PROCESS_NOT_FOUND", "the process list");
    for (const auto& p : resp.processes()) {
      auto d = registry::ProcessFromProto(p);
      if (!d.ok()) continue;
      d->id = p.name().substr(p.name().find('/') + 1);
      out.push_back(std::move(*d));
    }
    token = resp.next_page_token();
  } while (!token.empty() && out.size() < 1000);
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    all_processes_ = std::make_unique<Entry<std::vector<registry::Process>>>(
        Entry<std::vector<registry::Process>>{out, absl::Now()});
  }
  return out;
}

absl::StatusOr<std::vector<registry::Stakeholder>> RegistryClient::AllNetworks(
    absl::Time deadline) {
  {
    absl::MutexLock lock(&mu_);
    if (networks_ && Fresh(networks_->fetched)) return networks_->value;
  }
  std::vector<registry::Stakeholder> out;
  std::string token;
  do {
    auto ctx = edge::NewClientContext(outgoing_, deadline);
    registry::v1::ListStakeholdersRequest req;
    req.set_page_size(200);
    req.set_page_token(token);
    req.set_kind(registry::v1::Stakeholder::NETWORK);
    registry::v1::ListStakeholdersResponse resp;
    grpc::Status st = stub_->ListStakeholders(ctx.get(), req, &resp);
    if (!st.ok()) return Mapped(st, "STAKEHOLDER_NOT_FOUND", "the network list");
    for (const auto& s : resp.stakeholders()) {
      auto d = FromProto(s);
      if (d.ok()) out.push_back(std::move(*d));
    }
    token = resp.next_page_token();
  } while (!token.empty() && out.size() < 5000);
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    networks_ = std::make_unique<Entry<std::vector<registry::Stakeholder>>>(
        Entry<std::vector<registry::Stakeholder>>{out, absl::Now()});
  }
  return out;
}

absl::StatusOr<std::vector<registry::Stakeholder>> RegistryClient::NetworksOf(
    const std::string& member, absl::Time deadline) {
  auto all = AllNetworks(deadline);
  if (!all.ok()) return all.status();
  std::vector<registry::Stakeholder> out;
  for (auto& n : *all) {
    if (std::find(n.network_members.begin(), n.network_members.end(), member) !=
        n.network_members.end()) {
      out.push_back(n);
    }
  }
  return out;
}

}  // namespace polylateral::routing
