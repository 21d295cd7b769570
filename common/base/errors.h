#ifndef POLYLATERAL_COMMON_BASE_ERRORS_H_
#define POLYLATERAL_COMMON_BASE_ERRORS_H_

// Errors inside polylateral are absl::Status values that carry, as payloads, what the gRPC
// edge needs to build google.rpc.Status details: a stable machine-readable reason (for
// ErrorInfo) and the offending fields (for BadRequest / PreconditionFailure). The domain
// builds them without knowing about gRPC; common/server/status_mapping turns them into
// grpc::Status.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace polylateral {

// One offending field: `field` is a path in the request ("stakeholder.display_name",
// "stakeholder.themes[2]"), `description` says what is wrong in words a caller can act on.
struct FieldViolation {
  std::string field;
  std::string description;

  bool operator==(const FieldViolation& o) const {
    return field == o.field && description == o.description;
  }
};

// Collects every violation of a request before failing, so a caller fixes all at once.
class Violations final {
 public:
  void Add(std::string field, std::string description);
  bool empty() const { return list_.empty(); }
  const std::vector<FieldViolation>& list() const { return list_; }
  // INVALID_ARGUMENT naming every field, or OK when there were none.
  absl::Status ToStatus(absl::string_view reason = "INVALID_ARGUMENT") const;

 private:
  std::vector<FieldViolation> list_;
};

// Builders: `reason` is an UPPER_SNAKE_CASE constant callers may switch on.
absl::Status InvalidArgument(absl::string_view reason, absl::string_view field,
                             absl::string_view description);
absl::Status NotFound(absl::string_view reason, absl::string_view message);
absl::Status AlreadyExists(absl::string_view reason, absl::string_view message);
absl::Status Aborted(absl::string_view reason, absl::string_view message);
absl::Status FailedPrecondition(absl::string_view reason, absl::string_view subject,
                                absl::string_view description);
absl::Status PermissionDenied(absl::string_view reason, absl::string_view message);
absl::Status Unavailable(absl::string_view reason, absl::string_view message);
absl::Status ResourceExhausted(absl::string_view reason, absl::string_view message);

// Attaches a reason and field violations to any status (no-op on OK).
absl::Status WithReason(absl::Status status, absl::string_view reason);
absl::Status WithViolations(absl::Status status, const std::vector<FieldViolation>& violations);

// Reads them back. ErrorReason falls back to the canonical code name ("NOT_FOUND").
std::string ErrorReason(const absl::Status& status);
std::vector<FieldViolation> ErrorViolations(const absl::Status& status);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_ERRORS_H_
