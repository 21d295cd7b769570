#include "services/composition/api/audit_disclosure.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace polylateral::composition {

absl::Status CompositionAuditDisclosure::Apply(const Principal& caller,
                                               std::vector<audit::AuditEntry>& page) const {
  if (caller.kind == Principal::Kind::kOperator) return absl::OkStatus();
  for (audit::AuditEntry& e : page) {
    const bool secretariat =
        caller.kind == Principal::Kind::kSecretariat && !caller.id.empty() &&
        absl::StartsWith(e.resource, absl::StrCat("processes/", caller.id, "/"));
    if (secretariat) continue;
    for (audit::AuditField& f : e.fields) audit::Redact(f, e.version);
  }
  return absl::OkStatus();
}

}  // namespace polylateral::composition
