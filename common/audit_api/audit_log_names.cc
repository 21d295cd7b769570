#include "common/audit_api/audit_log_names.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/resource_name.h"

namespace polylateral::audit {
namespace {

constexpr absl::string_view kProcessLog = "/auditLog";
constexpr absl::string_view kHead = "/head";

}  // namespace

std::string AuditLogName::Name() const {
  return process.empty() ? absl::StrCat("auditLogs/", id)
                         : absl::StrCat("processes/", process, kProcessLog);
}

absl::StatusOr<AuditLogName> ParseAuditLogName(absl::string_view name, absl::string_view field) {
  AuditLogName out;
  if (absl::EndsWith(name, kProcessLog)) {
    name.remove_suffix(kProcessLog.size());
    auto ids = ParseResourceName(name, {"processes"}, field);
    if (!ids.ok()) {
      return InvalidArgument("INVALID_NAME", field,
                             "must be auditLogs/{log} or processes/{process}/auditLog");
    }
    out.process = (*ids)[0];
    return out;
  }
  auto ids = ParseResourceName(name, {"auditLogs"}, field);
  if (!ids.ok()) {
    return InvalidArgument("INVALID_NAME", field,
                           "must be auditLogs/{log} or processes/{process}/auditLog");
  }
  out.id = (*ids)[0];
  return out;
}

absl::StatusOr<AuditLogName> ParseAuditHeadName(absl::string_view name, absl::string_view field) {
  if (!absl::EndsWith(name, kHead)) {
    return InvalidArgument("INVALID_NAME", field,
                           "must be auditLogs/{log}/head or processes/{process}/auditLog/head");
  }
  name.remove_suffix(kHead.size());
  auto log = ParseAuditLogName(name, field);
  if (!log.ok()) {
    return InvalidArgument("INVALID_NAME", field,
                           "must be auditLogs/{log}/head or processes/{process}/auditLog/head");
  }
  return log;
}

absl::StatusOr<std::string> TagOf(const ServedAuditLogs& logs, const AuditLogName& name) {
  if (!name.process.empty() && logs.process_tag) return logs.process_tag(name.process);
  if (name.process.empty()) {
    auto it = logs.by_id.find(name.id);
    if (it != logs.by_id.end()) return it->second;
  }
  return NotFound("AUDIT_LOG_NOT_FOUND",
                  absl::StrCat(name.Name(), " is not a log this service keeps"));
}

}  // namespace polylateral::audit
