#ifndef POLYLATERAL_COMMON_SERVER_AUDIT_FLAGS_H_
#define POLYLATERAL_COMMON_SERVER_AUDIT_FLAGS_H_

#include "absl/status/statusor.h"
#include "common/audit_store/audit_worker.h"

namespace polylateral::server {

// The audit sealer's options every service takes (docs/audit.md):
//   --audit_signing_key [POLYLATERAL_AUDIT_SIGNING_KEY]   Ed25519 private key, PEM; none: the
//                                                         log is sealed but no head is signed
//   --audit_head_interval [POLYLATERAL_AUDIT_HEAD_INTERVAL]  default 60s
// INVALID_ARGUMENT for an unreadable key or a non-positive interval.
absl::StatusOr<audit::AuditWorkerOptions> AuditOptionsFromFlags();

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_AUDIT_FLAGS_H_
