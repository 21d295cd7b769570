#include "services/composition/bodies/nomination_rules.h"

#include <string>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/vocabulary/groups.h"
#include "services/composition/solver/validation.h"

namespace polylateral::composition {
namespace {

using vocabulary::StakeholderGroup;

// Groups are named as polylateral.type.v1.StakeholderGroup names them; every group but the
// unspecified one nominates.
bool IsGroup(const std::string& name) {
  const auto group = vocabulary::ParseStakeholderGroup(name);
  return group.has_value() && *group != StakeholderGroup::kUnspecified;
}

// "GOVERNMENT, ..., TECHNICAL_COMMUNITY", for messages.
std::string GroupList() {
  std::string out;
  for (int n = 1; n <= vocabulary::kMaxStakeholderGroup; ++n) {
    if (n > 1) out += ", ";
    out += vocabulary::StakeholderGroupName(static_cast<StakeholderGroup>(n));
  }
  return out;
}

const Feature* GroupFeature(const BodySpec& spec) {
  for (const Feature& f : spec.features) {
    if (f.name == kGroupFeature) return &f;
  }
  return nullptr;
}

}  // namespace

absl::Status CheckBodyManager(const Principal& caller, const std::string& process_id) {
  if (caller.kind == Principal::Kind::kOperator) return absl::OkStatus();
  if (caller.kind == Principal::Kind::kSecretariat && caller.id == process_id) {
    return absl::OkStatus();
  }
  return PermissionDenied(
      "ACCESS_DENIED", absl::StrCat(caller.ToString(), " may not manage the bodies of ", process_id,
                                    "; only secretariat:", process_id, " or an operator"));
}

absl::Status CheckBodySpec(const BodySpec& spec) {
  if (absl::Status s = ValidateSpec(spec, kMaxNominations); !s.ok()) return s;
  const Feature* group = GroupFeature(spec);
  Violations v;
  if (group == nullptr) {
    v.Add("spec.features",
          absl::StrCat("needs a feature '", kGroupFeature, "': nominations come by group"));
  } else {
    if (group->multi_valued) {
      v.Add("spec.features", absl::StrCat("'", kGroupFeature, "' must be single-valued"));
    }
    for (const ValueQuota& q : group->values) {
      if (!IsGroup(q.value)) {
        v.Add("spec.features",
              absl::StrCat("'", q.value, "' is no stakeholder group (", GroupList(), ")"));
      }
    }
  }
  return v.ToStatus("INVALID_BODY");
}

absl::StatusOr<std::string> NominatingGroup(const Principal& caller,
                                            const std::string& requested_group,
                                            const std::string& registry_group) {
  std::string own;
  switch (caller.kind) {
    case Principal::Kind::kOperator:
      if (!IsGroup(requested_group)) {
        return InvalidArgument("INVALID_NOMINATION", "nomination.stakeholder_group",
                               "an operator names the group it nominates for");
      }
      return requested_group;
    case Principal::Kind::kStakeholder:
      own = registry_group;
      break;
    case Principal::Kind::kState:
      own = std::string(vocabulary::StakeholderGroupName(StakeholderGroup::kGovernment));
      break;
    default:
      return PermissionDenied("ACCESS_DENIED",
                              absl::StrCat(caller.ToString(),
                                           " may not nominate: each stakeholder group "
                                           "nominates its own candidates"));
  }
  if (!requested_group.empty() && requested_group != own) {
    return PermissionDenied("NOT_OWN_GROUP", absl::StrCat(caller.ToString(), " belongs to ", own,
                                                          " and nominates for it only"));
  }
  return own;
}

absl::Status CompleteNominee(const BodySpec& spec, const std::string& group, Candidate& nominee) {
  const Feature* feature = GroupFeature(spec);
  if (feature == nullptr ||
      !absl::c_any_of(feature->values, [&](const ValueQuota& q) { return q.value == group; })) {
    return FailedPrecondition("GROUP_NOT_IN_BODY", group,
                              "the body's rules list no seats for this stakeholder group");
  }
  auto& held = nominee.values[kGroupFeature];
  if (held.empty()) held.push_back(group);
  if (held.size() != 1 || held[0] != group) {
    return PermissionDenied("NOT_OWN_GROUP", absl::StrCat("a ", group, " nomination holds ",
                                                          kGroupFeature, " = ", group, " only"));
  }
  if (nominee.id.empty() || nominee.id.size() > 128) {
    return InvalidArgument("INVALID_NOMINATION", "nomination.candidate.id",
                           "must be 1..128 characters");
  }
  absl::Status s = ValidateCandidate(nominee, spec, "nomination.candidate");
  return s.ok() ? s : WithReason(s, "INVALID_NOMINATION");
}

absl::Status CheckWithdrawal(const Principal& caller, const std::string& nominated_by) {
  if (caller.kind == Principal::Kind::kOperator || caller.ToString() == nominated_by) {
    return absl::OkStatus();
  }
  return PermissionDenied("NOT_OWN_NOMINATION",
                          absl::StrCat("only ", nominated_by, " or an operator withdraws it"));
}

}  // namespace polylateral::composition
