#include "services/registry/domain/stakeholder_access.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::registry {
namespace {

bool IsOperator(const Principal& p) { return p.kind == Principal::Kind::kOperator; }

// Governments and intergovernmental organisations speak with a state's authority in the
// other services (nominations for the GOVERNMENT seats, routing to missions), so a record in
// those groups is created by the team running the suite, never claimed by a caller.
bool IsGovernmentGroup(vocabulary::StakeholderGroup g) {
  return g == vocabulary::StakeholderGroup::kGovernment ||
         g == vocabulary::StakeholderGroup::kIntergovernmental;
}

// kUnspecified is stored as kNone: the two are the same value here.
vocabulary::EcosocStatus Normalised(vocabulary::EcosocStatus s) {
  return s == vocabulary::EcosocStatus::kUnspecified ? vocabulary::EcosocStatus::kNone : s;
}

// PERMISSION_DENIED naming `field` in the message (which every client sees) and as a
// violation (for callers inside the process).
absl::Status DeniedOnField(absl::string_view reason, absl::string_view field,
                           absl::string_view why) {
  return WithViolations(PermissionDenied(reason, absl::StrCat(field, ": ", why)),
                        {{std::string(field), std::string(why)}});
}

absl::Status GroupNeedsOperator(const Principal& caller) {
  return DeniedOnField("STAKEHOLDER_GROUP_NEEDS_OPERATOR", "stakeholder.stakeholder_group",
                       absl::StrCat("only an operator may place a stakeholder in GOVERNMENT or "
                                    "INTERGOVERNMENTAL_ORGANISATION or change its group, not ",
                                    caller.ToString()));
}

absl::Status EcosocNeedsOperator(const Principal& caller) {
  return DeniedOnField("ECOSOC_STATUS_NEEDS_OPERATOR", "stakeholder.ecosoc_status",
                       absl::StrCat("ECOSOC consultative status is set from the UN list by an "
                                    "operator, not by ",
                                    caller.ToString()));
}

}  // namespace

std::string NewStakeholderId(const Principal& caller, const std::string& requested) {
  if (requested.empty() && caller.kind == Principal::Kind::kStakeholder) return caller.id;
  return requested;
}

absl::Status CheckCanCreateStakeholder(const Principal& caller, const Stakeholder& s,
                                       const std::string& id) {
  switch (caller.kind) {
    case Principal::Kind::kOperator:
      return absl::OkStatus();
    case Principal::Kind::kStakeholder:
      if (id != caller.id) {
        return WithViolations(PermissionDenied("NOT_OWN_STAKEHOLDER",
                                               absl::StrCat("stakeholder_id: ", caller.ToString(),
                                                            " may register only stakeholders/",
                                                            caller.id, ", not stakeholders/", id)),
                              {{"stakeholder_id", "must be empty or the caller's own id"}});
      }
      break;
    case Principal::Kind::kSecretariat:
      break;
    case Principal::Kind::kAnonymous:
      return PermissionDenied("ANONYMOUS_CALLER",
                              "registering a stakeholder needs a caller identity");
    case Principal::Kind::kState:
    case Principal::Kind::kService:
      return PermissionDenied(
          "NOT_STAKEHOLDER_REGISTRAR",
          absl::StrCat(caller.ToString(),
                       " may not register stakeholders: a stakeholder registers itself, a "
                       "secretariat its participants, an operator anyone"));
  }
  if (IsGovernmentGroup(s.group)) return GroupNeedsOperator(caller);
  if (Normalised(s.ecosoc_status) != vocabulary::EcosocStatus::kNone)
    return EcosocNeedsOperator(caller);
  return absl::OkStatus();
}

absl::Status CheckCanEditStakeholder(const Principal& caller, const std::string& id) {
  if (IsOperator(caller)) return absl::OkStatus();
  if (caller.kind == Principal::Kind::kStakeholder && caller.id == id) return absl::OkStatus();
  return PermissionDenied("NOT_STAKEHOLDER_OWNER",
                          absl::StrCat(caller.ToString(), " may not change stakeholders/", id,
                                       ": only the stakeholder itself or an operator may"));
}

absl::Status CheckCanUpdateStakeholder(const Principal& caller, const Stakeholder& current,
                                       const Stakeholder& updated) {
  if (auto st = CheckCanEditStakeholder(caller, current.id); !st.ok()) return st;
  if (IsOperator(caller)) return absl::OkStatus();
  if (updated.group != current.group) return GroupNeedsOperator(caller);
  if (Normalised(updated.ecosoc_status) != Normalised(current.ecosoc_status)) {
    return EcosocNeedsOperator(caller);
  }
  return absl::OkStatus();
}

void StampEcosocStatus(const Stakeholder* before, const Principal& caller, absl::Time now,
                       Stakeholder& after) {
  // Never what the caller sent: these fields are output only.
  const vocabulary::EcosocStatus was =
      before == nullptr ? vocabulary::EcosocStatus::kNone : before->ecosoc_status;
  after.ecosoc_status_set_by = before == nullptr ? "" : before->ecosoc_status_set_by;
  after.ecosoc_status_update_time =
      before == nullptr ? absl::UnixEpoch() : before->ecosoc_status_update_time;
  if (Normalised(after.ecosoc_status) == Normalised(was)) return;
  after.ecosoc_status_set_by = caller.ToString();
  after.ecosoc_status_update_time = now;
}

}  // namespace polylateral::registry
