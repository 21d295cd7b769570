#include "services/composition/client/registry_client.h"

#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::composition {
namespace {

namespace rv1 = registry::v1;

absl::Status FromGrpc(const grpc::Status& st, absl::string_view not_found_reason,
                      absl::string_view what) {
  switch (st.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
      return NotFound(not_found_reason, absl::StrCat(what, " not found in the registry"));
    default:
      return edge::FromUpstream(st, "registry");
  }
}

}  // namespace

RegistryClient::RegistryClient(edge::OutgoingOptions outgoing, const std::string& target)
    : outgoing_(std::move(outgoing)),
      stub_(rv1::RegistryService::NewStub(edge::Dial(outgoing_, target, "registry"))) {}

std::unique_ptr<grpc::ClientContext> CallRegistryLookup::NewContext() const {
  return edge::NewClientContext(client_->outgoing(), absl::Now() + kLookupTimeout);
}

absl::StatusOr<SessionFacts> CallRegistryLookup::GetSession(const std::string& process_id,
                                                            const std::string& session_id) {
  rv1::GetProcessRequest req;
  req.set_name(absl::StrCat("processes/", process_id));
  rv1::Process p;
  auto ctx = NewContext();
  grpc::Status st = client_->stub().GetProcess(ctx.get(), req, &p);
  if (!st.ok()) return FromGrpc(st, "PROCESS_NOT_FOUND", req.name());
  for (const rv1::Session& s : p.sessions()) {
    if (s.session_id() != session_id) continue;
    SessionFacts facts;
    if (s.has_start_date()) {
      facts.start_date =
          absl::CivilDay(s.start_date().year(), s.start_date().month(), s.start_date().day());
    }
    facts.delegation_size_cap = p.modalities().delegation_size_cap();
    return facts;
  }
  return NotFound("SESSION_NOT_FOUND",
                  absl::StrCat(req.name(), "/sessions/", session_id, " not found in the registry"));
}

absl::StatusOr<std::vector<std::string>> CallRegistryLookup::ListSessions(
    const std::string& process_id) {
  rv1::GetProcessRequest req;
  req.set_name(absl::StrCat("processes/", process_id));
  rv1::Process p;
  auto ctx = NewContext();
  grpc::Status st = client_->stub().GetProcess(ctx.get(), req, &p);
  if (!st.ok()) return FromGrpc(st, "PROCESS_NOT_FOUND", req.name());
  std::vector<std::string> ids;
  ids.reserve(p.sessions_size());
  for (const rv1::Session& s : p.sessions()) ids.push_back(s.session_id());
  return ids;
}

absl::Status CallRegistryLookup::CheckProcess(const std::string& process_id) {
  rv1::GetProcessRequest req;
  req.set_name(absl::StrCat("processes/", process_id));
  rv1::Process p;
  auto ctx = NewContext();
  grpc::Status st = client_->stub().GetProcess(ctx.get(), req, &p);
  return st.ok() ? absl::OkStatus() : FromGrpc(st, "PROCESS_NOT_FOUND", req.name());
}

absl::StatusOr<StakeholderFacts> CallRegistryLookup::GetStakeholder(const std::string& id) {
  rv1::GetStakeholderRequest req;
  req.set_name(absl::StrCat("stakeholders/", id));
  rv1::Stakeholder s;
  auto ctx = NewContext();
  grpc::Status st = client_->stub().GetStakeholder(ctx.get(), req, &s);
  if (!st.ok()) return FromGrpc(st, "STAKEHOLDER_NOT_FOUND", req.name());
  StakeholderFacts facts;
  facts.id = id;
  facts.display_name = s.display_name();
  // Networks speak for their members as organisations do: their own affiliation.
  facts.is_organisation = s.kind() != rv1::Stakeholder::INDIVIDUAL_EXPERT;
  for (const std::string& a : s.affiliations()) {
    constexpr absl::string_view kCollection = "stakeholders/";
    facts.affiliations.push_back(absl::StartsWith(a, kCollection) ? a.substr(kCollection.size())
                                                                  : a);
  }
  facts.stakeholder_group = type::v1::StakeholderGroup_Name(s.stakeholder_group());
  return facts;
}

absl::StatusOr<StateFacts> CallRegistryLookup::GetState(const std::string& iso2) {
  rv1::GetStateRequest req;
  req.set_name(absl::StrCat("states/", iso2));
  rv1::State s;
  auto ctx = NewContext();
  grpc::Status st = client_->stub().GetState(ctx.get(), req, &s);
  if (!st.ok()) return FromGrpc(st, "STATE_NOT_FOUND", req.name());
  return StateFacts{type::v1::Region_Name(s.region())};
}

}  // namespace polylateral::composition
