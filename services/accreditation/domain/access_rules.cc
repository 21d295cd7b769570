#include "services/accreditation/domain/access_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::accreditation {

using Kind = Principal::Kind;

bool IsSecretariatOf(const Principal& p, const std::string& process) {
  return p.kind == Kind::kOperator || (p.kind == Kind::kSecretariat && p.id == process);
}

bool IsApplicant(const Principal& p, const Application& app) {
  return p.kind == Kind::kStakeholder && p.id == app.stakeholder;
}

absl::Status MayApplyFor(const Principal& p, const std::string& process,
                         const std::string& stakeholder) {
  if ((p.kind == Kind::kStakeholder && p.id == stakeholder) || IsSecretariatOf(p, process)) {
    return absl::OkStatus();
  }
  return PermissionDenied(
      "NOT_APPLICANT", absl::StrCat(p.ToString(), " may not apply for stakeholders/", stakeholder));
}

bool MaySee(const Principal& p, const Application& app) {
  return app.state != AppState::kDraft || IsApplicant(p, app) || IsSecretariatOf(p, app.process);
}

absl::Status MayActOn(const Principal& p, const Application& app) {
  if (IsApplicant(p, app) || IsSecretariatOf(p, app.process)) return absl::OkStatus();
  return PermissionDenied("NOT_APPLICANT",
                          absl::StrCat(p.ToString(), " is not the applicant of this application"));
}

absl::Status MayReview(const Principal& p, const Application& app,
                       const std::vector<std::string>& committee) {
  if (IsSecretariatOf(p, app.process)) return absl::OkStatus();
  const auto& c = committee;
  if (p.kind == Kind::kState && std::find(c.begin(), c.end(), p.id) != c.end()) {
    return absl::OkStatus();
  }
  return PermissionDenied(
      "NOT_COMMITTEE",
      absl::StrCat(p.ToString(), " is not on the committee of route ", app.route_id));
}

absl::Status MayObjectAs(const Principal& p, const std::string& iso2) {
  if (p.kind == Kind::kState && p.id == iso2) return absl::OkStatus();
  return PermissionDenied("NOT_OWN_OBJECTION",
                          absl::StrCat(p.ToString(), " may not act for states/", iso2));
}

absl::Status MayListObjectionsOf(const Principal& p, const std::string& iso2) {
  if (p.kind == Kind::kOperator) return absl::OkStatus();
  if (p.kind == Kind::kState && p.id == iso2) return absl::OkStatus();
  return PermissionDenied(
      "NOT_OWN_OBJECTION",
      absl::StrCat(p.ToString(), " may not list the objections of states/", iso2));
}

bool SeesObjection(const Principal& p, const Application& app, const std::string& objecting) {
  if (IsSecretariatOf(p, app.process)) return true;
  if (p.kind == Kind::kState && p.id == objecting) return true;
  switch (app.disclosure) {
    case Disclosure::kPublic:
      return true;
    case Disclosure::kStatesOnRequest:
      return p.kind == Kind::kState || IsApplicant(p, app);
    default:
      return false;  // count only, and the safe reading of an unknown policy
  }
}

bool SeesStateFigures(const Principal& p, Disclosure policy, const std::string& process) {
  if (p.kind == Kind::kOperator) return true;
  if (!process.empty() && IsSecretariatOf(p, process)) return true;
  switch (policy) {
    case Disclosure::kPublic:
      return true;
    case Disclosure::kStatesOnRequest:
      return p.kind == Kind::kState;
    default:
      return false;
  }
}

AccessDecision DecideAccess(const std::optional<Accreditation>& acc,
                            vocabulary::ParticipationRight right, absl::Time at) {
  if (!acc.has_value()) return {false, "NOT_ACCREDITED"};
  switch (acc->status) {
    case AccStatus::kActive:
      break;
    case AccStatus::kSuspended:
      return {false, "SUSPENDED"};
    case AccStatus::kRevoked:
      return {false, "REVOKED"};
    case AccStatus::kExpired:
      return {false, "EXPIRED"};
    default:
      return {false, "NOT_ACCREDITED"};
  }
  if (at < acc->valid_from) return {false, "NOT_YET_VALID"};
  // The scheduler marks expiry shortly after the fact; the time check makes it exact.
  if (at >= acc->valid_until) return {false, "EXPIRED"};
  if (std::find(acc->rights.begin(), acc->rights.end(), right) == acc->rights.end()) {
    return {false, "RIGHT_NOT_GRANTED"};
  }
  return {true, ""};
}

namespace {

// `acc` moved to `next` with its reason, its version and the event of type `type`.
AccreditationChange StatusChange(const Accreditation& acc, AccStatus next, const char* type,
                                 const std::string& reason, absl::Time now, const std::string& by) {
  AccreditationChange c;
  c.expected_version = acc.version;
  c.accreditation = acc;
  c.accreditation.status = next;
  c.accreditation.status_reason = reason;
  c.accreditation.version = acc.version + 1;
  c.remove_expiry = next == AccStatus::kRevoked;
  c.event.type = type;
  c.event.fields = {{"process", acc.process},
                    {"application", acc.application},
                    {"stakeholder", acc.stakeholder},
                    {"route", acc.route_id},
                    {"state", AccStatusName(next)},
                    {"rights", JoinNumbers(acc.rights)},
                    {"at", std::to_string(absl::ToUnixMillis(now))},
                    {"reason", reason},
                    {"by", by}};
  return c;
}

}  // namespace

absl::StatusOr<AccreditationChange> ChangeStatus(const Accreditation& acc,
                                                 AccreditationAction action,
                                                 const std::string& reason, absl::Time now,
                                                 const std::string& by) {
  AccStatus next = acc.status;
  const char* type = "";
  switch (action) {
    case AccreditationAction::kSuspend:
      if (acc.status == AccStatus::kActive) next = AccStatus::kSuspended;
      type = "accreditation.suspended";
      break;
    case AccreditationAction::kRevoke:
      if (acc.status == AccStatus::kActive || acc.status == AccStatus::kSuspended) {
        next = AccStatus::kRevoked;
      }
      type = "accreditation.revoked";
      break;
    case AccreditationAction::kReinstate:
      if (acc.status == AccStatus::kSuspended) next = AccStatus::kActive;
      type = "accreditation.reinstated";
      break;
  }
  if (next == acc.status) {
    return FailedPrecondition("WRONG_STATUS", "accreditation.status",
                              absl::StrCat("is ", AccStatusName(acc.status)));
  }
  return StatusChange(acc, next, type, reason, now, by);
}

absl::StatusOr<AccreditationChange> ExpiryChange(const Accreditation& acc, absl::Time now) {
  const bool live = acc.status == AccStatus::kActive || acc.status == AccStatus::kSuspended;
  if (!live || acc.valid_until > now) {
    return FailedPrecondition(
        "NOT_DUE", "accreditation.status",
        absl::StrCat("is ", AccStatusName(acc.status),
                     "; only a live accreditation past its validity expires"));
  }
  return StatusChange(acc, AccStatus::kExpired, "accreditation.expired", "validity ended", now,
                      "scheduler");
}

}  // namespace polylateral::accreditation
