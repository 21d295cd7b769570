#include "services/routing/domain/audit_disclosure.h"

namespace polylateral::routing {

absl::Status RoutingAuditDisclosure::Apply(const Principal& caller,
                                           std::vector<audit::AuditEntry>& page) const {
  if (caller.kind == Principal::Kind::kOperator) return absl::OkStatus();
  for (audit::AuditEntry& e : page) {
    for (audit::AuditField& f : e.fields) audit::Redact(f, e.version);
  }
  return absl::OkStatus();
}

}  // namespace polylateral::routing
