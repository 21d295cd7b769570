#ifndef POLYLATERAL_COMMON_AUDIT_AUDIT_ENTRY_H_
#define POLYLATERAL_COMMON_AUDIT_AUDIT_ENTRY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace polylateral::audit {

// One named value of an entry's content. A sensitive value (an objection's grounds) enters the
// chain as its SHA-256 digest, so an entry shown with the value hidden still verifies.
struct AuditField {
  std::string name;
  std::string value;  // empty when redacted
  bool sensitive = false;
  bool redacted = false;  // the value is withheld; `digest` stands for it
  std::string digest;     // 32 raw bytes: SHA-256 of the value (sensitive fields only)
};

inline AuditField PlainField(std::string name, std::string value) {
  return AuditField{std::move(name), std::move(value), false, false, ""};
}
inline AuditField SensitiveField(std::string name, std::string value) {
  return AuditField{std::move(name), std::move(value), true, false, ""};
}

// One decision as the log records it: `seq` counts from 1 without gaps per log.
struct AuditEntry {
  uint64_t seq = 0;
  int64_t time_ms = 0;
  std::string principal;  // who asked ("stakeholder:x", "service:routing", "system")
  std::string action;     // "routing.route", "accreditation.objection.lodge", ...
  std::string resource;   // the resource name the decision is about
  std::vector<AuditField> fields;
};

// The entry as a reader not entitled to sensitive values sees it: each sensitive value
// replaced by its digest. The chain hash is unchanged.
AuditEntry Redacted(const AuditEntry& entry);
// One sensitive field withheld: its value replaced by its digest (no-op on a plain field or
// one already redacted).
void Redact(AuditField& field);

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_AUDIT_ENTRY_H_
