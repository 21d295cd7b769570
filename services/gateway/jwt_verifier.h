#ifndef POLYLATERAL_SERVICES_GATEWAY_JWT_VERIFIER_H_
#define POLYLATERAL_SERVICES_GATEWAY_JWT_VERIFIER_H_

// Bearer tokens: RS256 or ES256 JWTs verified (libjwt 1.10) against public keys given as PEM
// files or as a JWKS file (each JWK turned into a PEM key with OpenSSL, since libjwt 1.10 reads
// only PEM). The principal is one claim's value ("sub" unless configured), optionally behind a
// prefix ("stakeholder:" + sub), and must parse as a polylateral principal. Tokens must carry
// `exp`; `nbf`, `iss` and `aud` are checked when configured or present.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/base/principal.h"

namespace polylateral::gateway {

struct JwtOptions {
  // PEM public keys (RSA or EC P-256).
  std::vector<std::string> public_key_files;
  // A JWKS document ({"keys": [{"kty": "RSA", "n", "e"} | {"kty": "EC", "crv": "P-256",
  // "x", "y"}, ...]}); a token's "kid" picks its key when both have one.
  std::string jwks_file;
  std::string principal_claim = "sub";
  std::string principal_prefix;
  // Checked when set.
  std::string issuer;
  std::string audience;
  // Clock skew allowed on exp and nbf.
  absl::Duration leeway = absl::Seconds(60);

  bool enabled() const { return !public_key_files.empty() || !jwks_file.empty(); }
};

// A JWK ("kty" RSA or EC P-256) as a PEM SubjectPublicKeyInfo; INVALID_ARGUMENT otherwise.
absl::StatusOr<std::string> JwkToPem(absl::string_view jwk_json);

class JwtVerifier final {
 public:
  // INVALID_ARGUMENT naming the file that cannot be read or holds no usable key.
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> Create(const JwtOptions& options);

  // The principal `token` names; UNAUTHENTICATED saying why not (bad signature, expired,
  // wrong algorithm, missing or malformed principal claim, ...).
  absl::StatusOr<Principal> Verify(absl::string_view token, absl::Time now) const;

 private:
  struct Key {
    std::string kid;
    std::string pem;
  };
  explicit JwtVerifier(JwtOptions options) : options_(std::move(options)) {}

  JwtOptions options_;
  std::vector<Key> keys_;
};

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_JWT_VERIFIER_H_
