#include "common/audit/canonical.h"

#include <openssl/sha.h>

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace polylateral::audit {
namespace {

constexpr absl::string_view kDomainTag = "polylateral.audit.v1";
constexpr size_t kDigestSize = 32;

void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

void PutU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

void PutString(std::string& out, absl::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out.append(s.data(), s.size());
}

}  // namespace

std::string Sha256(absl::string_view data) {
  std::string digest(kDigestSize, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

std::string GenesisHash() { return std::string(kDigestSize, '\0'); }

void Redact(AuditField& f) {
  if (!f.sensitive || f.redacted) return;
  f.digest = Sha256(f.value);
  f.value.clear();
  f.redacted = true;
}

AuditEntry Redacted(const AuditEntry& entry) {
  AuditEntry out = entry;
  for (AuditField& f : out.fields) Redact(f);
  return out;
}

absl::StatusOr<std::string> CanonicalEntry(const AuditEntry& entry) {
  std::string out(kDomainTag);
  PutU64(out, entry.seq);
  PutU64(out, static_cast<uint64_t>(entry.time_ms));
  PutString(out, entry.principal);
  PutString(out, entry.action);
  PutString(out, entry.resource);
  PutU32(out, static_cast<uint32_t>(entry.fields.size()));
  for (const AuditField& f : entry.fields) {
    PutString(out, f.name);
    if (!f.sensitive) {
      out.push_back('\0');
      PutString(out, f.value);
      continue;
    }
    out.push_back('\1');
    if (!f.redacted) {
      PutString(out, Sha256(f.value));
    } else if (f.digest.size() == kDigestSize) {
      PutString(out, f.digest);
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("entry ", entry.seq, ": field ", f.name, ": digest is not 32 bytes"));
    }
  }
  return out;
}

absl::StatusOr<std::string> ChainHash(const AuditEntry& entry, absl::string_view previous) {
  absl::StatusOr<std::string> canonical = CanonicalEntry(entry);
  if (!canonical.ok()) return canonical.status();
  canonical->append(previous.data(), previous.size());
  return Sha256(*canonical);
}

}  // namespace polylateral::audit
