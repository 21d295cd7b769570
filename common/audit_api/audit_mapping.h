#ifndef POLYLATERAL_COMMON_AUDIT_API_AUDIT_MAPPING_H_
#define POLYLATERAL_COMMON_AUDIT_API_AUDIT_MAPPING_H_

#include <string>

#include "absl/strings/string_view.h"
#include "common/audit/audit_entry.h"
#include "common/audit/signed_head.h"
#include "polylateral/audit/v1/audit.pb.h"

namespace polylateral::audit {

// An entry as the caller may see it (the disclosure rule applied) and its seal (raw bytes,
// empty while unsealed), named under `log_name`.
void ToProto(const AuditEntry& entry, absl::string_view hash, absl::string_view log_name,
             v1::AuditEntry* out);
// And back: what a client hands to ChainVerifier (tests, tools).
AuditEntry FromProto(const v1::AuditEntry& entry);

void ToProto(const SignedHead& head, absl::string_view log_name, v1::AuditHead* out);
SignedHead FromProto(const v1::AuditHead& head);

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_API_AUDIT_MAPPING_H_
