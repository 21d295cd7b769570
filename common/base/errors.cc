#include "common/base/errors.h"

#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace polylateral {
namespace {

constexpr absl::string_view kReasonUrl = "type.polylateral.dev/reason";
constexpr absl::string_view kViolationsUrl = "type.polylateral.dev/field_violations";
// Separators that cannot appear in field paths and are vanishingly rare in descriptions.
constexpr char kUnit = '\x1f';
constexpr char kRecord = '\x1e';

absl::Status Make(absl::StatusCode code, absl::string_view reason, absl::string_view message) {
  return WithReason(absl::Status(code, message), reason);
}

}  // namespace

void Violations::Add(std::string field, std::string description) {
  list_.push_back({std::move(field), std::move(description)});
}

absl::Status Violations::ToStatus(absl::string_view reason) const {
  if (list_.empty()) return absl::OkStatus();
  std::string message = absl::StrCat(list_.front().field, ": ", list_.front().description);
  if (list_.size() > 1) absl::StrAppend(&message, " (and ", list_.size() - 1, " more)");
  return WithViolations(Make(absl::StatusCode::kInvalidArgument, reason, message), list_);
}

absl::Status InvalidArgument(absl::string_view reason, absl::string_view field,
                             absl::string_view description) {
  Violations v;
  v.Add(std::string(field), std::string(description));
  return v.ToStatus(reason);
}

absl::Status NotFound(absl::string_view reason, absl::string_view message) {
  return Make(absl::StatusCode::kNotFound, reason, message);
}
absl::Status AlreadyExists(absl::string_view reason, absl::string_view message) {
  return Make(absl::StatusCode::kAlreadyExists, reason, message);
}
absl::Status Aborted(absl::string_view reason, absl::string_view message) {
  return Make(absl::StatusCode::kAborted, reason, message);
}
absl::Status FailedPrecondition(absl::string_view reason, absl::string_view subject,
                                absl::string_view description) {
  return WithViolations(
      Make(absl::StatusCode::kFailedPrecondition, reason, absl::StrCat(subject, ": ", description)),
      {{std::string(subject), std::string(description)}});
}
absl::Status PermissionDenied(absl::string_view reason, absl::string_view message) {
  return Make(absl::StatusCode::kPermissionDenied, reason, message);
}
absl::Status Unavailable(absl::string_view reason, absl::string_view message) {
  return Make(absl::StatusCode::kUnavailable, reason, message);
}
absl::Status ResourceExhausted(absl::string_view reason, absl::string_view message) {
  return Make(absl::StatusCode::kResourceExhausted, reason, message);
}

absl::Status WithReason(absl::Status status, absl::string_view reason) {
  if (!status.ok()) status.SetPayload(kReasonUrl, absl::Cord(reason));
  return status;
}

absl::Status WithViolations(absl::Status status, const std::vector<FieldViolation>& violations) {
  if (status.ok() || violations.empty()) return status;
  std::string encoded;
  for (const auto& v : violations) {
    absl::StrAppend(&encoded, v.field, std::string(1, kUnit), v.description,
                    std::string(1, kRecord));
  }
  status.SetPayload(kViolationsUrl, absl::Cord(encoded));
  return status;
}

std::string ErrorReason(const absl::Status& status) {
  if (auto reason = status.GetPayload(kReasonUrl)) return std::string(*reason);
  std::string name = absl::StatusCodeToString(status.code());
  for (char& c : name) c = c == ' ' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

std::vector<FieldViolation> ErrorViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kViolationsUrl);
  if (!payload) return out;
  for (absl::string_view record :
       absl::StrSplit(std::string(*payload), kRecord, absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts = absl::StrSplit(record, absl::MaxSplits(kUnit, 1));
    out.push_back({std::move(parts.first), std::move(parts.second)});
  }
  return out;
}

}  // namespace polylateral
