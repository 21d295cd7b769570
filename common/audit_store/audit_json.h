#ifndef POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_JSON_H_
#define POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/audit/audit_entry.h"
#include "common/audit/signed_head.h"

namespace polylateral::audit {

// An entry as audit_append.lua stores it: {"v":2 (absent: v1),"seq","t","p","a","r",
// "f":[[name, value(, 1: sensitive)]...],"ps":1 (the principal is sensitive),"s":"<64 hex>"
// (the entry salt, when a value is sensitive)}. A v2 entry's sensitive values get their salts
// (salt.h) here; the entry salt is not kept.
absl::StatusOr<AuditEntry> DecodeStoredEntry(absl::string_view json);

// The export format, one JSON object a line (docs/audit.md):
//   {"seq":1,"time_ms":...,"principal":"...","action":"...","resource":"...",
//    "fields":[{"name":"...","value":"..."},
//              {"name":"grounds","sensitive":true,"value":"...","salt":"<64 hex>"} (disclosed)
//              {"name":"grounds","sensitive":true,"digest":"<64 hex>"}],          (redacted)
//    "version":2,                                             (absent: 1)
//    "principal_sensitive":true,"principal_salt":"<64 hex>"   (disclosed sensitive principal)
//    "principal_sensitive":true,"principal_digest":"<64 hex>" (redacted: "principal" is "")
//    "withheld":true                                          (a v1 entry shown by its seal)
//    "hash":"<64 hex>"}                                       (its seal; optional)
// A v1 sensitive field carries no salt.
std::string EncodeExportLine(const AuditEntry& entry, absl::string_view hash);
struct ExportLine {
  AuditEntry entry;
  std::string hash;  // raw bytes; empty when the line carries none
};
absl::StatusOr<ExportLine> DecodeExportLine(absl::string_view line);

// A signed head as JSON: {"log","seq","hash" (hex),"time_ms","key_id","signature" (hex)}.
std::string EncodeHead(const SignedHead& head);
absl::StatusOr<SignedHead> DecodeHead(absl::string_view json);

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_JSON_H_
