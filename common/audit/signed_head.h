#ifndef POLYLATERAL_COMMON_AUDIT_SIGNED_HEAD_H_
#define POLYLATERAL_COMMON_AUDIT_SIGNED_HEAD_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace polylateral::audit {

// A statement, signed with the service's Ed25519 key, that log `log` had `seq` sealed entries
// whose chain ended at `hash` at `time_ms`. Anyone with the public key can check an export
// against it without trusting Redis or the service that served the export.
struct SignedHead {
  std::string log;  // the log's hash tag: "{rt}", "{acc}", "comp:{<process>}"
  uint64_t seq = 0;
  std::string hash;  // 32 raw bytes: hash_seq (GenesisHash() when seq is 0)
  int64_t time_ms = 0;
  std::string key_id;     // KeyId of the signing key
  std::string signature;  // 64 raw bytes over HeadMessage
};

// The bytes signed: "polylateral.audit.head.v1" str(log) seq(u64 BE) str(hash) time_ms(i64 BE).
std::string HeadMessage(const SignedHead& head);

// The first 8 bytes of SHA-256 of the raw 32-byte public key, as 16 hex digits.
std::string KeyIdOf(absl::string_view raw_public_key);

struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const;
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// A fresh Ed25519 private key as PKCS#8 PEM (tests, benchmarks; operators use scripts/dev-ca
// or openssl).
absl::StatusOr<std::string> GenerateEd25519Pem();

// Signs heads with an Ed25519 private key read from PEM (PKCS#8, as `openssl genpkey
// -algorithm ed25519` writes).
class HeadSigner final {
 public:
  static absl::StatusOr<HeadSigner> FromPem(absl::string_view pem);
  static absl::StatusOr<HeadSigner> FromPemFile(const std::string& path);
  const std::string& key_id() const { return key_id_; }
  // The public key as PEM (SubjectPublicKeyInfo), for readers and verify.
  const std::string& public_pem() const { return public_pem_; }
  // Fills head.key_id and head.signature.
  absl::Status Sign(SignedHead& head) const;

 private:
  HeadSigner(Pkey key, std::string key_id, std::string public_pem)
      : key_(std::move(key)), key_id_(std::move(key_id)), public_pem_(std::move(public_pem)) {}
  Pkey key_;
  std::string key_id_;
  std::string public_pem_;
};

// Checks heads against an Ed25519 public key read from PEM.
class HeadVerifier final {
 public:
  static absl::StatusOr<HeadVerifier> FromPem(absl::string_view pem);
  const std::string& key_id() const { return key_id_; }
  // OK when the signature is the key's over HeadMessage(head) and the key ids agree.
  absl::Status Verify(const SignedHead& head) const;

 private:
  HeadVerifier(Pkey key, std::string key_id) : key_(std::move(key)), key_id_(std::move(key_id)) {}
  Pkey key_;
  std::string key_id_;
};

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_SIGNED_HEAD_H_
