// AccreditationService's objection, accreditation, access and report methods.
#include "common/base/errors.h"
#include "common/server/proto_checks.h"
#include "common/server/request_fingerprint.h"
#include "services/accreditation/api/accreditation_mapping.h"
#include "services/accreditation/api/accreditation_service.h"

namespace polylateral::accreditation {
namespace {

using Ids = std::vector<std::string>;
const Ids kApp = {"processes", "applications"};
const Ids kAcc = {"processes", "accreditations"};
const Ids kStakeholders = {"stakeholders"};
const Ids kProcesses = {"processes"};
const std::string kStakeholderField = "stakeholder";
const std::string kProcessField = "process";

// "<collection>/<id>" -> id for CheckAccess, the other services' hot path: a valid name is
// taken apart without the vectors ParseName builds; anything else gets ParseName's answer.
absl::StatusOr<std::string> ParseOne(const std::string& name, absl::string_view prefix,
                                     const Ids& shape, const std::string& field) {
  if (name.size() > prefix.size() && name.size() - prefix.size() <= 63 &&
      absl::string_view(name).substr(0, prefix.size()) == prefix &&
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-",
                             prefix.size()) == std::string::npos) {
    return name.substr(prefix.size());
  }
  auto ids = ParseName(name, shape, field);
  if (!ids.ok()) return ids.status();
  return (*ids)[0];
}

absl::Status FinishAcc(const absl::StatusOr<Accreditation>& a, v1::Accreditation* out) {
  if (!a.ok()) return a.status();
  AccreditationToProto(*a, out);
  return absl::OkStatus();
}

}  // namespace

absl::Status AccreditationService::DoLodgeObjection(const Call& call,
                                                    const v1::LodgeObjectionRequest& req,
                                                    v1::Objection* out) {
  auto ids = ParseName(req.parent(), kApp, "parent");
  if (!ids.ok()) return ids.status();
  auto state = ParseName(req.state(), {"states"}, "state");
  if (!state.ok()) return state.status();
  auto o = accreditor_->Lodge(call.principal, (*ids)[0], (*ids)[1], (*state)[0], req.grounds(),
                              req.request_id(), server::RequestFingerprint(req), call.deadline);
  if (!o.ok()) return o.status();
  if (metrics_ != nullptr) metrics_->Objection();
  ObjectionToProto((*ids)[0], (*ids)[1], *o, out);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoWithdrawObjection(const Call& call,
                                                       const v1::WithdrawObjectionRequest& req,
                                                       v1::Objection* out) {
  auto ids = ParseName(req.name(), {"processes", "applications", "objections"}, "name");
  if (!ids.ok()) return ids.status();
  auto o = accreditor_->WithdrawObjection(call.principal, (*ids)[0], (*ids)[1], (*ids)[2]);
  if (!o.ok()) return o.status();
  ObjectionToProto((*ids)[0], (*ids)[1], *o, out);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoListObjections(const Call& call,
                                                    const v1::ListObjectionsRequest& req,
                                                    v1::ListObjectionsResponse* out) {
  auto ids = ParseName(req.parent(), kApp, "parent");
  if (!ids.ok()) return ids.status();
  auto listing = accreditor_->ListObjections(call.principal, (*ids)[0], (*ids)[1]);
  if (!listing.ok()) return listing.status();
  for (const auto& o : listing->visible)
    ObjectionToProto((*ids)[0], (*ids)[1], o, out->add_objections());
  out->set_total_count(listing->total);
  out->set_withheld(static_cast<int>(listing->visible.size()) < listing->total);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoListStateObjections(const Call& call,
                                                         const v1::ListStateObjectionsRequest& req,
                                                         v1::ListStateObjectionsResponse* out) {
  auto state = ParseName(req.parent(), {"states"}, "parent");
  if (!state.ok()) return state.status();
  auto listing = accreditor_->ListStateObjections(call.principal, (*state)[0], req.page_size(),
                                                  req.page_token());
  if (!listing.ok()) return listing.status();
  for (const auto& o : listing->objections) {
    ObjectionToProto(o.process, o.application, o.objection, out->add_objections());
  }
  out->set_next_page_token(listing->next_page_token);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoGetAccreditation(const Call&,
                                                      const v1::GetAccreditationRequest& req,
                                                      v1::Accreditation* out) {
  auto ids = ParseName(req.name(), kAcc, "name");
  if (!ids.ok()) return ids.status();
  return FinishAcc(accreditor_->GetAccreditation((*ids)[0], (*ids)[1]), out);
}

absl::Status AccreditationService::DoListAccreditations(const Call&,
                                                        const v1::ListAccreditationsRequest& req,
                                                        v1::ListAccreditationsResponse* out) {
  auto parent = ParseName(req.parent(), {"processes"}, "parent");
  if (!parent.ok()) return parent.status();
  auto listing = accreditor_->ListAccreditations((*parent)[0], req.page_size(), req.page_token());
  if (!listing.ok()) return listing.status();
  for (const auto& a : listing->accreditations) AccreditationToProto(a, out->add_accreditations());
  out->set_next_page_token(listing->next_page_token);
  return absl::OkStatus();
}

#define POLYLATERAL_ACC_CHANGE(Name, Action)                                                     \
  absl::Status AccreditationService::Do##Name(                                                   \
      const Call& call, const v1::ChangeAccreditationRequest& req, v1::Accreditation* out) {     \
    auto ids = ParseName(req.name(), kAcc, "name");                                              \
    if (!ids.ok()) return ids.status();                                                          \
    return FinishAcc(                                                                            \
        accreditor_->ChangeAccreditation(call.principal, (*ids)[0], (*ids)[1],                   \
                                         AccreditationAction::Action, req.reason(), req.etag()), \
        out);                                                                                    \
  }
POLYLATERAL_ACC_CHANGE(SuspendAccreditation, kSuspend)
POLYLATERAL_ACC_CHANGE(RevokeAccreditation, kRevoke)
POLYLATERAL_ACC_CHANGE(ReinstateAccreditation, kReinstate)
#undef POLYLATERAL_ACC_CHANGE

absl::Status AccreditationService::DoCheckAccess(const Call&, const v1::CheckAccessRequest& req,
                                                 v1::CheckAccessResponse* out) {
  // The other services' hot path: no per-call vectors or strings for the name shapes.
  auto sh = ParseOne(req.stakeholder(), "stakeholders/", kStakeholders, kStakeholderField);
  if (!sh.ok()) return sh.status();
  auto p = ParseOne(req.process(), "processes/", kProcesses, kProcessField);
  if (!p.ok()) return p.status();
  if (absl::Status s = server::CheckEnum(req.right(), "right"); !s.ok()) return s;
  if (req.right() == type::v1::PARTICIPATION_RIGHT_UNSPECIFIED) {
    return InvalidArgument("INVALID_RIGHT", "right", "is required");
  }
  absl::Time at = absl::InfinitePast();
  if (req.has_at_time()) {
    auto t = server::TimeFromProto(req.at_time(), "at_time");
    if (!t.ok()) return t.status();
    at = *t;
  }
  auto check = accreditor_->CheckAccess(
      *sh, *p, static_cast<vocabulary::ParticipationRight>(req.right()), at);
  if (!check.ok()) return check.status();
  out->set_allowed(check->decision.allowed);
  out->set_denial_reason(check->decision.denial_reason);
  if (check->accreditation)
    AccreditationToProto(*check->accreditation, out->mutable_accreditation());
  return absl::OkStatus();
}

absl::Status AccreditationService::DoGetTransparencyReport(
    const Call& call, const v1::GetTransparencyReportRequest& req, v1::TransparencyReport* out) {
  std::string process;
  if (req.process() != "processes/-") {
    auto p = ParseName(req.process(), {"processes"}, "process");
    if (!p.ok()) return p.status();
    process = (*p)[0];
  }
  auto report = accreditor_->GetReport(call.principal, process);
  if (!report.ok()) return report.status();
  ReportToProto(*report, out);
  return absl::OkStatus();
}

}  // namespace polylateral::accreditation
