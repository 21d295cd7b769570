#include "services/routing/client/registry_client.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/routing/client/registry_decoding.h"

namespace polylateral::routing {
namespace {

absl::Status Mapped(const grpc::Status& st, const char* not_found_reason, const std::string& what) {
  if (st.error_code() == grpc::StatusCode::NOT_FOUND ||
      st.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return NotFound(not_found_reason, absl::StrCat(what, " is not in the registry"));
  }
  return edge::FromUpstream(st, "registry");
}

}  // namespace

RegistryClient::RegistryClient(edge::OutgoingOptions outgoing, const std::string& target,
                               absl::Duration cache_ttl)
    : outgoing_(std::move(outgoing)),
      stub_(registry::v1::RegistryService::NewStub(edge::Dial(outgoing_, target, "registry"))),
      cache_ttl_(cache_ttl) {}

absl::StatusOr<StakeholderInfo> RegistryClient::Stakeholder(const std::string& id,
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
  auto out = DecodeStakeholder(s);
  if (out.ok() && cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    stakeholders_[id] = {*out, absl::Now()};
  }
  return out;
}

absl::StatusOr<ProcessInfo> RegistryClient::Process(const std::string& id, absl::Time deadline) {
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
  auto out = DecodeProcess(p);
  if (!out.ok()) return out.status();
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    processes_[id] = {*out, absl::Now()};
  }
  return out;
}

absl::StatusOr<std::vector<ProcessInfo>> RegistryClient::AllProcesses(absl::Time deadline) {
  {
    absl::MutexLock lock(&mu_);
    if (all_processes_ && Fresh(all_processes_->fetched)) return all_processes_->value;
  }
  std::vector<ProcessInfo> out;
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
      auto d = DecodeProcess(p);
      if (!d.ok()) return d.status();
      out.push_back(std::move(*d));
    }
    token = resp.next_page_token();
  } while (!token.empty() && out.size() < 1000);
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    all_processes_ = std::make_unique<Entry<std::vector<ProcessInfo>>>(
        Entry<std::vector<ProcessInfo>>{out, absl::Now()});
  }
  return out;
}

absl::StatusOr<std::vector<NetworkFacts>> RegistryClient::NetworksOf(const std::string& member,
                                                                     absl::Time deadline) {
  {
    absl::MutexLock lock(&mu_);
    auto it = networks_of_.find(member);
    if (it != networks_of_.end() && Fresh(it->second.fetched)) return it->second.value;
  }
  // The registry's networks-of index: the cost follows this member's networks, never the
  // registry's. Each network arrives with its member list (up to 5,000 names), so pages stay
  // small enough for the 4 MB message limit.
  constexpr int kNetworksPerPage = 5;
  std::vector<NetworkFacts> out;
  std::string token;
  do {
    auto ctx = edge::NewClientContext(outgoing_, deadline);
    registry::v1::ListStakeholdersRequest req;
    req.set_page_size(kNetworksPerPage);
    req.set_page_token(token);
    req.set_kind(registry::v1::Stakeholder::NETWORK);
    req.set_has_member(absl::StrCat("stakeholders/", member));
    registry::v1::ListStakeholdersResponse resp;
    grpc::Status st = stub_->ListStakeholders(ctx.get(), req, &resp);
    if (!st.ok()) return Mapped(st, "STAKEHOLDER_NOT_FOUND", req.has_member());
    for (const auto& s : resp.stakeholders()) {
      auto d = DecodeStakeholder(s);
      if (!d.ok()) return d.status();
      out.push_back({d->id, d->display_name});
    }
    token = resp.next_page_token();
  } while (!token.empty() && out.size() < 1000);
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    networks_of_[member] = {out, absl::Now()};
  }
  return out;
}

}  // namespace polylateral::routing
