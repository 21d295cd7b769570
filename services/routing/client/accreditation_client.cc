#include "services/routing/client/accreditation_client.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::routing {
namespace {

namespace acc = ::polylateral::accreditation::v1;

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

}  // namespace

AccreditationClient::AccreditationClient(edge::OutgoingOptions outgoing, const std::string& target,
                                         AccessCache* cache)
    : outgoing_(std::move(outgoing)),
      stub_(acc::AccreditationService::NewStub(edge::Dial(outgoing_, target, "accreditation"))),
      cache_(cache) {}

absl::StatusOr<AccessAnswer> AccreditationClient::Check(const std::string& stakeholder,
                                                        const std::string& process,
                                                        vocabulary::ParticipationRight right,
                                                        absl::Time at, absl::Time deadline,
                                                        bool use_cache) {
  uint64_t generation = 0;
  if (cache_ != nullptr) {
    if (use_cache) {
      auto hit = cache_->Get(stakeholder, process, right, at, absl::Now());
      if (hit.has_value()) return *std::move(hit);
    }
    generation = cache_->Generation();
  }
  auto ctx = edge::NewClientContext(outgoing_, deadline);
  acc::CheckAccessRequest req;
  req.set_stakeholder(absl::StrCat("stakeholders/", stakeholder));
  req.set_process(absl::StrCat("processes/", process));
  req.set_right(static_cast<type::v1::ParticipationRight>(right));
  const int64_t seconds = absl::ToUnixSeconds(at);
  req.mutable_at_time()->set_seconds(seconds);
  req.mutable_at_time()->set_nanos(
      static_cast<int32_t>((at - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
  acc::CheckAccessResponse resp;
  grpc::Status st = stub_->CheckAccess(ctx.get(), req, &resp);
  if (!st.ok()) return edge::FromUpstream(st, "accreditation");
  AccessAnswer a{stakeholder, process, right, resp.allowed(), resp.denial_reason(), ""};
  if (!a.allowed && a.denial_reason == kNotAccredited) {
    auto blocked = BlockedBy(stakeholder, process, deadline);
    if (!blocked.ok()) return blocked.status();
    if (!blocked->empty()) {
      a.denial_reason = kBlockedByObjection;
      a.detail = *blocked;
    }
  }
  if (cache_ != nullptr) {
    std::optional<absl::Time> from, until;
    if (resp.has_accreditation()) {
      const auto& acc = resp.accreditation();
      if (acc.has_valid_from()) from = TimeOf(acc.valid_from());
      if (acc.has_valid_until()) until = TimeOf(acc.valid_until());
    }
    cache_->Put(a, AccessCache::WindowAround(at, from, until), generation, absl::Now());
  }
  return a;
}

absl::StatusOr<std::string> AccreditationClient::BlockedBy(const std::string& stakeholder,
                                                           const std::string& process,
                                                           absl::Time deadline) {
  const std::string who = absl::StrCat("stakeholders/", stakeholder);
  std::string found, token;
  int pages = 0;
  do {
    auto ctx = edge::NewClientContext(outgoing_, deadline);
    acc::ListApplicationsRequest req;
    req.set_parent(absl::StrCat("processes/", process));
    req.set_page_size(200);
    req.set_page_token(token);
    // The stakeholder filter reads one index instead of every application of the process;
    // an accreditation service that predates it ignores the field, hence the check below.
    req.set_stakeholder(who);
    acc::ListApplicationsResponse resp;
    grpc::Status st = stub_->ListApplications(ctx.get(), req, &resp);
    if (!st.ok()) return edge::FromUpstream(st, "accreditation");
    // In creation order: the last blocked one wins, and a later approval clears it.
    for (const auto& app : resp.applications()) {
      if (app.stakeholder() != who) continue;
      if (app.state() == acc::Application::REJECTED && app.route_kind() == acc::NON_OBJECTION &&
          app.objection_count() > 0) {
        found = app.decision_reason().empty() ? "blocked by objection" : app.decision_reason();
      } else if (app.state() == acc::Application::APPROVED) {
        found.clear();
      }
    }
    token = resp.next_page_token();
  } while (!token.empty() && ++pages < 50);
  return found;
}

}  // namespace polylateral::routing
