#ifndef POLYLATERAL_COMMON_AUDIT_AUDIT_DISCLOSURE_H_
#define POLYLATERAL_COMMON_AUDIT_AUDIT_DISCLOSURE_H_

#include <vector>

#include "absl/status/status.h"
#include "common/audit/audit_entry.h"
#include "common/base/principal.h"

namespace polylateral::audit {

// A service's rule for what a caller is shown of its audit log. Every caller sees every entry
// (a chain is checked entry by entry, none may be left out); the rule decides, per sensitive
// field, whether the caller sees the value or only its digest (Redact), which verifies the
// same. Each service writes its own, in plain C++ beside its other access rules; the audit
// API's server glue (common/audit_api) applies it to every page it serves.
class AuditDisclosure {
 public:
  virtual ~AuditDisclosure() = default;
  // Redacts, in place, the sensitive fields of `page` that `caller` may not see. An error
  // (a store that does not answer) fails the call: nothing is shown rather than too much.
  virtual absl::Status Apply(const Principal& caller, std::vector<AuditEntry>& page) const = 0;
};

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_AUDIT_DISCLOSURE_H_
