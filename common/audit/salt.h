#ifndef POLYLATERAL_COMMON_AUDIT_SALT_H_
#define POLYLATERAL_COMMON_AUDIT_SALT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral::audit {

// The salts of a v2 entry's sensitive values. The service draws one entry salt per entry that
// has sensitive values (OpenSSL's RAND_bytes: Lua's math.random is predictable) and passes it
// to the script, which stores it with the entry; each sensitive value gets its own salt derived
// from it, so that a reader shown one value with its salt learns nothing about another's.
// The entry salt itself never leaves Redis.

// 32 random bytes; INTERNAL when the random generator fails.
absl::StatusOr<std::string> NewEntrySalt();
// The same as 64 lower-case hex digits, as a script argument.
absl::StatusOr<std::string> NewEntrySaltHex();

// The salt of the value at `position` (0: the principal, i: the i-th field from 1) named
// `name`: SHA-256("polylateral.audit.v2.salt" str(entry_salt) str(name) u32(position)).
std::string FieldSalt(absl::string_view entry_salt, absl::string_view name, uint32_t position);

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_SALT_H_
