#ifndef POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_JSON_H_
#define POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/audit/audit_entry.h"
#include "common/audit/signed_head.h"

namespace polylateral::audit {

// An entry as audit_append.lua stores it.
absl::StatusOr<AuditEntry> DecodeStoredEntry(absl::string_view json);

// The export format, one JSON object a line (docs/audit.md):
//   {"seq":1,"time_ms":...,"principal":"...","action":"...","resource":"...",
//    "fields":[{"name":"...","value":"..."},
//              {"name":"grounds","sensitive":true,"value":"..."}            (disclosed)
//              {"name":"grounds","sensitive":true,"digest":"<64 hex>"}],    (redacted)
//    "hash":"<64 hex>"}                                                     (its seal; optional)
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
