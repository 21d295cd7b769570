#ifndef POLYLATERAL_COMMON_AUDIT_API_AUDIT_LOG_NAMES_H_
#define POLYLATERAL_COMMON_AUDIT_API_AUDIT_LOG_NAMES_H_

#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral::audit {

// A log as the audit API names it (proto/polylateral/audit/v1/audit.proto): a service-wide
// log `auditLogs/{id}` ("acc", "rt") or a process's own log `processes/{p}/auditLog`.
struct AuditLogName {
  std::string id;       // set for a service-wide log
  std::string process;  // set for a process's log
  std::string Name() const;
};

// INVALID_ARGUMENT INVALID_NAME on `field` for anything but a log name.
absl::StatusOr<AuditLogName> ParseAuditLogName(absl::string_view name, absl::string_view field);
// `<log>/head`; INVALID_ARGUMENT INVALID_NAME on `field` otherwise.
absl::StatusOr<AuditLogName> ParseAuditHeadName(absl::string_view name, absl::string_view field);

// The logs one service keeps, by name, and their hash tags (docs/audit.md).
struct ServedAuditLogs {
  // Service-wide logs: id -> tag ("acc" -> "{acc}").
  std::map<std::string, std::string> by_id;
  // A process's log: its tag ("comp:{igf}"); unset when the service keeps none per process.
  std::function<std::string(const std::string& process)> process_tag;
};

// The tag of the log `name` names; NOT_FOUND AUDIT_LOG_NOT_FOUND when the service keeps no
// such log (it is another service's).
absl::StatusOr<std::string> TagOf(const ServedAuditLogs& logs, const AuditLogName& name);

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_API_AUDIT_LOG_NAMES_H_
