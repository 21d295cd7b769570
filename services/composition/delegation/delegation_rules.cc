#include "services/composition/delegation/delegation_rules.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::composition {

absl::Status CheckDelegationWriter(const Principal& caller, const std::string& state) {
  if (caller.kind == Principal::Kind::kOperator) return absl::OkStatus();
  if (caller.kind == Principal::Kind::kState && caller.id == state) return absl::OkStatus();
  return PermissionDenied(
      "ACCESS_DENIED", absl::StrCat(caller.ToString(), " may not write the delegation of ", state,
                                    "; only state:", state, " or an operator"));
}

absl::Status ValidateDelegationShape(const Delegation& d, const std::string& prefix) {
  Violations v;
  if (d.state.size() != 2 || !absl::ascii_isupper(d.state[0]) || !absl::ascii_isupper(d.state[1])) {
    v.Add(prefix + "state", "must be an ISO 3166-1 alpha-2 code in upper case");
  }
  if (d.members.empty()) v.Add(prefix + "members", "a delegation has at least its head");
  int heads = 0;
  std::set<std::string> stakeholders;
  for (size_t i = 0; i < d.members.size(); ++i) {
    const DelegationMember& m = d.members[i];
    const std::string path = absl::StrCat(prefix, "members[", i, "]");
    if (m.display_name.size() > 200) v.Add(path + ".display_name", "at most 200 characters");
    if (m.function.size() > 100) v.Add(path + ".function", "at most 100 characters");
    switch (m.role) {
      case MemberRole::kHead:
        ++heads;
        [[fallthrough]];
      case MemberRole::kOfficial:
        if (m.display_name.empty()) v.Add(path + ".display_name", "is required for officials");
        if (!m.stakeholder_id.empty()) {
          v.Add(path + ".stakeholder", "only non-governmental members name a stakeholder");
        }
        break;
      case MemberRole::kNonGovernmental:
        if (m.stakeholder_id.empty()) {
          v.Add(path + ".stakeholder", "is required for non-governmental members");
        } else if (!stakeholders.insert(m.stakeholder_id).second) {
          v.Add(path + ".stakeholder", "this stakeholder is already on the delegation");
        }
        break;
      default:
        v.Add(path + ".role", "must be HEAD, OFFICIAL or NON_GOVERNMENTAL");
    }
  }
  if (!d.members.empty() && heads != 1) {
    v.Add(prefix + "members", absl::StrCat("needs exactly one HEAD, has ", heads));
  }
  return v.ToStatus("INVALID_DELEGATION");
}

absl::Status CheckSessionRules(const SessionFacts& session, const Delegation& d, absl::Time now,
                               const std::string& prefix) {
  if (session.start_date.has_value() &&
      absl::ToCivilDay(now, absl::UTCTimeZone()) >= *session.start_date) {
    return FailedPrecondition("SESSION_STARTED",
                              absl::StrCat("processes/", d.process_id, "/sessions/", d.session_id),
                              "the session has started; its delegations can no longer change");
  }
  if (session.delegation_size_cap > 0 &&
      static_cast<int>(d.members.size()) > session.delegation_size_cap) {
    return FailedPrecondition(
        "DELEGATION_CAP_EXCEEDED", prefix + "members",
        absl::StrCat(d.members.size(), " members exceed the process's cap of ",
                     session.delegation_size_cap));
  }
  return absl::OkStatus();
}

}  // namespace polylateral::composition
