#include "common/audit/salt.h"

#include <openssl/rand.h>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "common/audit/canonical.h"

namespace polylateral::audit {
namespace {

constexpr absl::string_view kSaltTag = "polylateral.audit.v2.salt";
constexpr size_t kEntrySaltSize = 32;

void PutU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

}  // namespace

absl::StatusOr<std::string> NewEntrySalt() {
  std::string salt(kEntrySaltSize, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
      1) {
    return absl::InternalError("audit: the random generator failed to draw a salt");
  }
  return salt;
}

absl::StatusOr<std::string> NewEntrySaltHex() {
  absl::StatusOr<std::string> salt = NewEntrySalt();
  if (!salt.ok()) return salt.status();
  return absl::BytesToHexString(*salt);
}

std::string FieldSalt(absl::string_view entry_salt, absl::string_view name, uint32_t position) {
  std::string in(kSaltTag);
  PutU32(in, static_cast<uint32_t>(entry_salt.size()));
  in.append(entry_salt.data(), entry_salt.size());
  PutU32(in, static_cast<uint32_t>(name.size()));
  in.append(name.data(), name.size());
  PutU32(in, position);
  return Sha256(in);
}

}  // namespace polylateral::audit
