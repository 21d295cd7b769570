#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_AUDIT_DISCLOSURE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_AUDIT_DISCLOSURE_H_

// Plain C++: the rule is composition's; the gRPC glue that applies it is common/audit_api.

#include <vector>

#include "common/audit/audit_disclosure.h"

namespace polylateral::composition {

// What a caller is shown of a process's composition audit log (comp:{<p>}): everything, to
// anyone. A draw's entry (seed, its SHA-256, nominations version, members, panel) is what lets
// anyone replay the draw with DrawPanel, and a delegation's entry (members, non-governmental
// count) restates what GetDelegation shows every caller: the log is how the public checks
// that bodies were drawn fairly and delegations opened as reported. The entries carry no
// sensitive field; should one appear, only the process's secretariat (the entry's resource
// names the process) and operators see its value until a rule for it is written here.
class CompositionAuditDisclosure final : public audit::AuditDisclosure {
 public:
  absl::Status Apply(const Principal& caller, std::vector<audit::AuditEntry>& page) const override;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_AUDIT_DISCLOSURE_H_
