#ifndef POLYLATERAL_COMMON_AUDIT_CANONICAL_H_
#define POLYLATERAL_COMMON_AUDIT_CANONICAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/audit/audit_entry.h"

namespace polylateral::audit {

// SHA-256 of `data`: 32 raw bytes.
std::string Sha256(absl::string_view data);

// The digest a sensitive value enters the chain as.
//   v1: SHA-256(value)
//   v2: SHA-256("polylateral.audit.v2.value" str(salt) str(name) str(value)), salt 32 bytes
// A v2 digest cannot be tested against guesses without the salt, and names its field, so a
// digest cannot stand for another field's value.
std::string ValueDigest(uint32_t version, absl::string_view salt, absl::string_view name,
                        absl::string_view value);

// The bytes of `entry` that the chain hashes, the same on every machine (str(x) is u32 BE
// length then the bytes; kind 0 is a plain value, kind 1 a sensitive one whose bytes are its
// ValueDigest, computed from the value or the given digest of a redacted one):
//   v1: "polylateral.audit.v1" seq(u64 BE) time_ms(i64 BE) str(principal) str(action)
//       str(resource) u32(field count) then per field in order: str(name) kind(1 byte) str(bytes)
//   v2: "polylateral.audit.v2" seq(u64 BE) time_ms(i64 BE) kind(1 byte) str(principal bytes)
//       str(action) str(resource) u32(field count) then per field as in v1
// INVALID_ARGUMENT when a digest or a v2 salt is not 32 bytes, a v1 entry has a sensitive
// principal, the version is unknown, or the entry is withheld (it has no content to hash).
absl::StatusOr<std::string> CanonicalEntry(const AuditEntry& entry);

// hash_n = SHA-256(canonical(entry_n) || hash_{n-1}); `previous` is GenesisHash() for seq 1.
absl::StatusOr<std::string> ChainHash(const AuditEntry& entry, absl::string_view previous);

// hash_0: 32 zero bytes.
std::string GenesisHash();

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_CANONICAL_H_
