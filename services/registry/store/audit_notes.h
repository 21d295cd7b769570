#ifndef POLYLATERAL_SERVICES_REGISTRY_STORE_AUDIT_NOTES_H_
#define POLYLATERAL_SERVICES_REGISTRY_STORE_AUDIT_NOTES_H_

#include <string>

#include "services/registry/domain/registry_audit.h"

namespace polylateral::registry {

// A write's audit entries as the one script argument audit_notes.lua reads: '' when there are
// none (the script then touches no audit key), else JSON {"p", "t" (unix ms, a string: Lua's
// numbers are doubles), "e": [[action, resource, [name, value, ...]], ...]}.
std::string AuditNotesArg(const WriteAudit& audit);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_STORE_AUDIT_NOTES_H_
