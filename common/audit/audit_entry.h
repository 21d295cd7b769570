#ifndef POLYLATERAL_COMMON_AUDIT_AUDIT_ENTRY_H_
#define POLYLATERAL_COMMON_AUDIT_AUDIT_ENTRY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace polylateral::audit {

// The canonical forms an entry can be hashed under (docs/audit.md "Canonical form"). v1: a
// sensitive value enters as its plain SHA-256, so a guessable value (a state's code) is not
// hidden by it; v2: as a salted digest, and the principal may be sensitive too. Entries written
// before v2 stay v1; a log switches once, from v1 to v2.
constexpr uint32_t kChainV1 = 1;
constexpr uint32_t kChainV2 = 2;
constexpr uint32_t kCurrentChainVersion = kChainV2;

// One named value of an entry's content. A sensitive value (an objection's grounds) enters the
// chain as a digest, so an entry shown with the value hidden still verifies.
struct AuditField {
  std::string name;
  std::string value;  // empty when redacted
  bool sensitive = false;
  bool redacted = false;  // the value is withheld; `digest` stands for it
  std::string digest;     // 32 raw bytes: the value's digest (sensitive fields only)
  // v2 sensitive fields: 32 random bytes that enter the digest, shown with the value and
  // withheld with it, so that a reader shown only the digest cannot test guesses.
  std::string salt{};
};

inline AuditField PlainField(std::string name, std::string value) {
  return AuditField{std::move(name), std::move(value), false, false, "", ""};
}
inline AuditField SensitiveField(std::string name, std::string value, std::string salt = "") {
  return AuditField{std::move(name), std::move(value), true, false, "", std::move(salt)};
}

// One decision as the log records it: `seq` counts from 1 without gaps per log.
struct AuditEntry {
  uint64_t seq = 0;
  int64_t time_ms = 0;
  std::string principal;  // who asked ("stakeholder:x", "service:routing", "system"); empty
                          // when redacted
  std::string action;     // "routing.route", "accreditation.objection.lodge", ...
  std::string resource;   // the resource name the decision is about
  std::vector<AuditField> fields;
  uint32_t version = kChainV1;
  // v2: a sensitive principal is hashed like a sensitive field named kPrincipalName (an
  // objection's principal is the objecting state), with its own salt and digest.
  bool principal_sensitive = false;
  bool principal_redacted = false;
  std::string principal_digest{};
  std::string principal_salt{};
  // A v1 entry whose plain content the caller may not see (it names an objecting state): only
  // seq, time, action and resource are shown, and its seal stands for the rest. The chain is
  // checked from the entry after it on.
  bool withheld = false;
};

// The name a sensitive principal's digest is computed under; no field is named so.
constexpr char kPrincipalName[] = "@principal";

// The entry as a reader not entitled to sensitive values sees it: each sensitive value (and a
// sensitive principal) replaced by its digest. The chain hash is unchanged.
AuditEntry Redacted(const AuditEntry& entry);
// One sensitive field of an entry of `version` withheld: its value (and salt) replaced by its
// digest (no-op on a plain field or one already redacted).
void Redact(AuditField& field, uint32_t version);
// A sensitive principal withheld the same way (no-op when plain or already redacted).
void RedactPrincipal(AuditEntry& entry);
// A v1 entry's content withheld (see AuditEntry::withheld).
void Withhold(AuditEntry& entry);

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_AUDIT_ENTRY_H_
