#include "services/routing/domain/joint_statement.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::routing {
namespace {

Signatory* Find(JointStatement& js, const std::string& id) {
  auto it = std::find_if(js.signatories.begin(), js.signatories.end(),
                         [&](const Signatory& s) { return s.stakeholder_id == id; });
  return it == js.signatories.end() ? nullptr : &*it;
}

absl::Status WrongState(const Signatory& s, absl::string_view wanted) {
  return FailedPrecondition("WRONG_SIGNATORY_STATE", absl::StrCat("signatories/", s.stakeholder_id),
                            absl::StrCat("is ", SignatoryStateName(s.state), "; must be ", wanted));
}

absl::Status Missing(const std::string& id) {
  return NotFound("SIGNATORY_NOT_FOUND", absl::StrCat("no signatory ", id, " was invited"));
}

}  // namespace

absl::Status InviteSignatory(JointStatement& js, const std::string& id, absl::Time now) {
  if (id == js.lead_id) {
    return InvalidArgument("INVALID_INPUT", "signatory",
                           "the lead does not sign its own statement");
  }
  if (Signatory* s = Find(js, id)) {
    if (s->state == SignatoryState::kDeclined || s->state == SignatoryState::kWithdrawn) {
      s->state = SignatoryState::kInvited;
      s->invite_time = now;
      return absl::OkStatus();
    }
    return AlreadyExists("SIGNATORY_EXISTS", absl::StrCat(id, " is already a signatory"));
  }
  if (js.signatories.size() >= kMaxSignatories) {
    return InvalidArgument("INVALID_INPUT", "joint_statement.signatories",
                           absl::StrCat("the limit is ", kMaxSignatories, " signatories"));
  }
  Signatory s;
  s.stakeholder_id = id;
  s.state = SignatoryState::kInvited;
  s.invite_time = now;
  js.signatories.push_back(std::move(s));
  return absl::OkStatus();
}

absl::Status ConfirmSignatory(JointStatement& js, const std::string& id, absl::Time now) {
  Signatory* s = Find(js, id);
  if (s == nullptr) return Missing(id);
  if (s->state != SignatoryState::kInvited) return WrongState(*s, "INVITED");
  s->state = SignatoryState::kConfirmed;
  s->confirm_time = now;
  s->joined_at_version = CurrentVersion(js);
  return absl::OkStatus();
}

absl::Status DeclineSignatory(JointStatement& js, const std::string& id) {
  Signatory* s = Find(js, id);
  if (s == nullptr) return Missing(id);
  if (s->state != SignatoryState::kInvited) return WrongState(*s, "INVITED");
  s->state = SignatoryState::kDeclined;
  return absl::OkStatus();
}

absl::Status WithdrawSignatory(JointStatement& js, const std::string& id) {
  Signatory* s = Find(js, id);
  if (s == nullptr) return Missing(id);
  if (s->state != SignatoryState::kConfirmed) return WrongState(*s, "CONFIRMED");
  s->state = SignatoryState::kWithdrawn;
  return absl::OkStatus();
}

absl::Status PublishVersion(JointStatement& js, std::string text, absl::Time now) {
  if (text.size() > kMaxTextBytes) {
    return InvalidArgument(
        "INVALID_INPUT", "input.text",
        absl::StrCat("is ", text.size(), " bytes; the limit is ", kMaxTextBytes, " bytes"));
  }
  if (js.versions.size() >= kMaxJointStatementVersions) {
    return InvalidArgument("INVALID_INPUT", "joint_statement.versions",
                           absl::StrCat("the limit is ", kMaxJointStatementVersions, " versions"));
  }
  JointStatementVersion v;
  v.version = CurrentVersion(js) + 1;
  v.text = std::move(text);
  v.publish_time = now;
  v.listed_signatories = ListedSignatories(js);
  js.versions.push_back(std::move(v));
  return absl::OkStatus();
}

std::vector<std::string> ListedSignatories(const JointStatement& js) {
  std::vector<const Signatory*> confirmed;
  for (const Signatory& s : js.signatories) {
    if (s.state == SignatoryState::kConfirmed) confirmed.push_back(&s);
  }
  // Confirmation order, ties by id, so that the list never depends on storage order.
  std::stable_sort(confirmed.begin(), confirmed.end(), [](const Signatory* a, const Signatory* b) {
    if (a->confirm_time != b->confirm_time) return a->confirm_time < b->confirm_time;
    return a->stakeholder_id < b->stakeholder_id;
  });
  std::vector<std::string> out;
  out.reserve(confirmed.size());
  for (const Signatory* s : confirmed) out.push_back(s->stakeholder_id);
  return out;
}

int64_t CurrentVersion(const JointStatement& js) {
  return js.versions.empty() ? 0 : js.versions.back().version;
}

}  // namespace polylateral::routing
