#include "common/audit/canonical.h"

#include <openssl/sha.h>

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace polylateral::audit {
namespace {

constexpr absl::string_view kDomainTagV1 = "polylateral.audit.v1";
constexpr absl::string_view kDomainTagV2 = "polylateral.audit.v2";
constexpr absl::string_view kValueTagV2 = "polylateral.audit.v2.value";
constexpr size_t kDigestSize = 32;
constexpr size_t kSaltSize = 32;

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

absl::Status Invalid(const AuditEntry& e, absl::string_view name, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("entry ", e.seq, ": ", name, ": ", what));
}

// kind(1 byte) str(bytes) of one value: the value itself when plain, else its digest.
absl::Status PutValue(std::string& out, const AuditEntry& e, absl::string_view name,
                      absl::string_view value, bool sensitive, bool redacted,
                      absl::string_view digest, absl::string_view salt) {
  if (!sensitive) {
    out.push_back('\0');
    PutString(out, value);
    return absl::OkStatus();
  }
  out.push_back('\1');
  if (redacted) {
    if (digest.size() != kDigestSize) return Invalid(e, name, "digest is not 32 bytes");
    PutString(out, digest);
    return absl::OkStatus();
  }
  if (e.version >= kChainV2 && salt.size() != kSaltSize) {
    return Invalid(e, name, "salt is not 32 bytes");
  }
  PutString(out, ValueDigest(e.version, salt, name, value));
  return absl::OkStatus();
}

}  // namespace

std::string Sha256(absl::string_view data) {
  std::string digest(kDigestSize, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

std::string ValueDigest(uint32_t version, absl::string_view salt, absl::string_view name,
                        absl::string_view value) {
  if (version < kChainV2) return Sha256(value);
  std::string in(kValueTagV2);
  in.reserve(in.size() + 12 + salt.size() + name.size() + value.size());
  PutString(in, salt);
  PutString(in, name);
  PutString(in, value);
  return Sha256(in);
}

std::string GenesisHash() { return std::string(kDigestSize, '\0'); }

void Redact(AuditField& f, uint32_t version) {
  if (!f.sensitive || f.redacted) return;
  f.digest = ValueDigest(version, f.salt, f.name, f.value);
  f.value.clear();
  f.salt.clear();
  f.redacted = true;
}

void RedactPrincipal(AuditEntry& e) {
  if (!e.principal_sensitive || e.principal_redacted) return;
  e.principal_digest = ValueDigest(e.version, e.principal_salt, kPrincipalName, e.principal);
  e.principal.clear();
  e.principal_salt.clear();
  e.principal_redacted = true;
}

void Withhold(AuditEntry& e) {
  e.withheld = true;
  e.principal.clear();
  e.fields.clear();
  e.principal_sensitive = false;
  e.principal_redacted = false;
  e.principal_digest.clear();
  e.principal_salt.clear();
}

AuditEntry Redacted(const AuditEntry& entry) {
  AuditEntry out = entry;
  RedactPrincipal(out);
  for (AuditField& f : out.fields) Redact(f, out.version);
  return out;
}

absl::StatusOr<std::string> CanonicalEntry(const AuditEntry& entry) {
  if (entry.withheld) return Invalid(entry, "entry", "withheld: only its seal is known");
  if (entry.version != kChainV1 && entry.version != kChainV2) {
    return Invalid(entry, "entry", absl::StrCat("unknown chain version ", entry.version));
  }
  const bool v2 = entry.version == kChainV2;
  if (!v2 && entry.principal_sensitive) {
    return Invalid(entry, "principal", "sensitive in a v1 entry");
  }
  std::string out(v2 ? kDomainTagV2 : kDomainTagV1);
  PutU64(out, entry.seq);
  PutU64(out, static_cast<uint64_t>(entry.time_ms));
  if (v2) {
    absl::Status s =
        PutValue(out, entry, kPrincipalName, entry.principal, entry.principal_sensitive,
                 entry.principal_redacted, entry.principal_digest, entry.principal_salt);
    if (!s.ok()) return s;
  } else {
    PutString(out, entry.principal);
  }
  PutString(out, entry.action);
  PutString(out, entry.resource);
  PutU32(out, static_cast<uint32_t>(entry.fields.size()));
  for (const AuditField& f : entry.fields) {
    PutString(out, f.name);
    absl::Status s =
        PutValue(out, entry, f.name, f.value, f.sensitive, f.redacted, f.digest, f.salt);
    if (!s.ok()) return s;
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
