#ifndef POLYLATERAL_COMMON_AUDIT_CANONICAL_H_
#define POLYLATERAL_COMMON_AUDIT_CANONICAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/audit/audit_entry.h"

namespace polylateral::audit {

// SHA-256 of `data`: 32 raw bytes.
std::string Sha256(absl::string_view data);

// The bytes of `entry` that the chain hashes, the same on every machine:
//   "polylateral.audit.v1" seq(u64 BE) time_ms(i64 BE) str(principal) str(action)
//   str(resource) u32(field count) then per field in order: str(name) kind(1 byte) str(bytes)
// where str(x) is u32 BE length then the bytes, kind 0 is a plain value and kind 1 a
// sensitive one whose bytes are its SHA-256 digest (computed from the value, or the given
// digest of a redacted field). INVALID_ARGUMENT when a redacted field's digest is not 32 bytes.
absl::StatusOr<std::string> CanonicalEntry(const AuditEntry& entry);

// hash_n = SHA-256(canonical(entry_n) || hash_{n-1}); `previous` is GenesisHash() for seq 1.
absl::StatusOr<std::string> ChainHash(const AuditEntry& entry, absl::string_view previous);

// hash_0: 32 zero bytes.
std::string GenesisHash();

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_CANONICAL_H_
