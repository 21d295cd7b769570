#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_AUDIT_DISCLOSURE_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_AUDIT_DISCLOSURE_H_

#include <vector>

#include "common/audit/audit_disclosure.h"

namespace polylateral::routing {

// What a caller is shown of routing's audit log ({rt}): everything, to anyone. Its entries
// (a route: author and destinations; a re-route: what moved and why; an uptake mark: the
// outcome and status) restate what GetInput and GetUptakeReport show every caller, and seeing
// whether stakeholder input reached a process and was taken up is what the log is for. The
// entries carry no sensitive field; should one appear, only operators see its value until a
// rule for it is written here.
class RoutingAuditDisclosure final : public audit::AuditDisclosure {
 public:
  absl::Status Apply(const Principal& caller, std::vector<audit::AuditEntry>& page) const override;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_AUDIT_DISCLOSURE_H_
