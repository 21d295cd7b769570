// AccreditationService's application methods: parse, call the Accreditor, map.
#include "common/base/errors.h"
#include "common/server/proto_checks.h"
#include "common/server/request_fingerprint.h"
#include "services/accreditation/api/accreditation_mapping.h"
#include "services/accreditation/api/accreditation_service.h"

namespace polylateral::accreditation {
namespace {

using Ids = std::vector<std::string>;
const Ids kApp = {"processes", "applications"};

absl::Status Finish(const absl::StatusOr<Application>& a, v1::Application* out) {
  if (!a.ok()) return a.status();
  ApplicationToProto(*a, out);
  return absl::OkStatus();
}

}  // namespace

absl::Status AccreditationService::DoCreateApplication(const Call& call,
                                                       const v1::CreateApplicationRequest& req,
                                                       v1::Application* out) {
  auto parent = ParseName(req.parent(), {"processes"}, "parent");
  if (!parent.ok()) return parent.status();
  auto sh = ParseName(req.application().stakeholder(), {"stakeholders"}, "application.stakeholder");
  if (!sh.ok()) return sh.status();
  return Finish(accreditor_->CreateApplication(call.principal, (*parent)[0], (*sh)[0],
                                               req.application().route_id(), req.request_id(),
                                               server::RequestFingerprint(req), call.deadline),
                out);
}

absl::Status AccreditationService::DoSubmitApplication(const Call& call,
                                                       const v1::SubmitApplicationRequest& req,
                                                       v1::Application* out) {
  auto ids = ParseName(req.name(), kApp, "name");
  if (!ids.ok()) return ids.status();
  auto a = accreditor_->Submit(call.principal, (*ids)[0], (*ids)[1], req.request_id(),
                               server::RequestFingerprint(req), call.deadline);
  if (a.ok()) CountDecision(*a);
  return Finish(a, out);
}

absl::Status AccreditationService::DoGetApplication(const Call& call,
                                                    const v1::GetApplicationRequest& req,
                                                    v1::Application* out) {
  auto ids = ParseName(req.name(), kApp, "name");
  if (!ids.ok()) return ids.status();
  return Finish(accreditor_->Get(call.principal, (*ids)[0], (*ids)[1]), out);
}

absl::Status AccreditationService::DoListApplications(const Call& call,
                                                      const v1::ListApplicationsRequest& req,
                                                      v1::ListApplicationsResponse* out) {
  auto parent = ParseName(req.parent(), {"processes"}, "parent");
  if (!parent.ok()) return parent.status();
  auto query = ApplicationQueryFromProto(req);
  if (!query.ok()) return query.status();
  auto listing =
      accreditor_->List(call.principal, (*parent)[0], *query, req.page_size(), req.page_token());
  if (!listing.ok()) return listing.status();
  for (const auto& a : listing->applications) ApplicationToProto(a, out->add_applications());
  out->set_next_page_token(listing->next_page_token);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoWithdrawApplication(const Call& call,
                                                         const v1::WithdrawApplicationRequest& req,
                                                         v1::Application* out) {
  auto ids = ParseName(req.name(), kApp, "name");
  if (!ids.ok()) return ids.status();
  return Finish(accreditor_->Withdraw(call.principal, (*ids)[0], (*ids)[1], req.etag(),
                                      req.request_id(), server::RequestFingerprint(req)),
                out);
}

absl::Status AccreditationService::DoReviewApplication(const Call& call,
                                                       const v1::ReviewApplicationRequest& req,
                                                       v1::Application* out) {
  auto ids = ParseName(req.name(), kApp, "name");
  if (!ids.ok()) return ids.status();
  if (absl::Status s = server::CheckEnum(req.decision(), "decision"); !s.ok()) return s;
  ReviewDecision d;
  switch (req.decision()) {
    case v1::ReviewApplicationRequest::APPROVE:
      d = ReviewDecision::kApprove;
      break;
    case v1::ReviewApplicationRequest::REJECT:
      d = ReviewDecision::kReject;
      break;
    case v1::ReviewApplicationRequest::DEFER:
      d = ReviewDecision::kDefer;
      break;
    default:
      return InvalidArgument("INVALID_REVIEW", "decision", "is required");
  }
  std::vector<std::string> questions(req.questions().begin(), req.questions().end());
  auto a = accreditor_->Review(call.principal, (*ids)[0], (*ids)[1], d, questions, req.reason(),
                               req.etag(), req.request_id(), server::RequestFingerprint(req),
                               call.deadline);
  if (a.ok()) CountDecision(*a);
  return Finish(a, out);
}

absl::Status AccreditationService::DoAnswerQuestions(const Call& call,
                                                     const v1::AnswerQuestionsRequest& req,
                                                     v1::Application* out) {
  auto ids = ParseName(req.name(), kApp, "name");
  if (!ids.ok()) return ids.status();
  std::vector<std::string> answers(req.answers().begin(), req.answers().end());
  return Finish(accreditor_->Answer(call.principal, (*ids)[0], (*ids)[1], answers, req.request_id(),
                                    server::RequestFingerprint(req)),
                out);
}

absl::Status AccreditationService::DoCorrectStatesPresent(
    const Call& call, const v1::CorrectStatesPresentRequest& req, v1::Application* out) {
  auto ids = ParseName(req.name(), kApp, "name");
  if (!ids.ok()) return ids.status();
  return Finish(accreditor_->CorrectStatesPresent(
                    call.principal, (*ids)[0], (*ids)[1], req.states_present(), req.etag(),
                    req.request_id(), server::RequestFingerprint(req)),
                out);
}

}  // namespace polylateral::accreditation
