#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGISTRY_AUDIT_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGISTRY_AUDIT_H_

// What the registry's audit log records (docs/audit.md). The use cases decide which changes
// are accountable and with what content; the store appends the entries in the same atomic
// write as the change, so a refused write appends nothing. Pure functions.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "services/registry/domain/process.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry {

// One entry's action ("registry.stakeholder.deleted"), resource ("stakeholders/acme") and
// content, in order.
struct AuditNote {
  std::string action;
  std::string resource;
  std::vector<std::pair<std::string, std::string>> fields;
};

// Who makes a write, when, and the entries it appends (none: the write is not accountable and
// costs the log nothing).
struct WriteAudit {
  std::string principal;  // Principal::ToString
  absl::Time time = absl::UnixEpoch();
  std::vector<AuditNote> entries;
};

// A deleted stakeholder and the stakeholders whose references to it the deletion removed.
AuditNote StakeholderDeleted(const Stakeholder& s, const std::vector<Stakeholder>& referrers);
// `referrer` no longer names `id`: the named stakeholder (or an operator) took it out.
AuditNote ReferenceRemoved(const std::string& id, const Stakeholder& referrer);
// The ECOSOC status `after` carries, when it differs from `before`'s (null: a new
// stakeholder, whose status was "none"); nullopt when it did not change.
std::optional<AuditNote> EcosocStatusSet(const Stakeholder* before, const Stakeholder& after);

// Processes: created, updated (`paths`: the fields the update replaced, after the mask is
// resolved; a committee rotation names each changed route's committee) and deleted.
AuditNote ProcessCreated(const Process& p);
AuditNote ProcessUpdated(const Process& before, const Process& after,
                         const std::vector<std::string>& paths);
AuditNote ProcessDeleted(const Process& p);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGISTRY_AUDIT_H_
