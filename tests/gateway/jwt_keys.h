#ifndef POLYLATERAL_TESTS_GATEWAY_JWT_KEYS_H_
#define POLYLATERAL_TESTS_GATEWAY_JWT_KEYS_H_

// Signing keys for the gateway tests, made with the openssl command line in a directory of the
// test's own, tokens signed with libjwt, and the public keys as PEM files or as a JWKS.

#include <string>

#include "absl/time/time.h"

namespace polylateral::gateway::testing {

class JwtKey final {
 public:
  // "RS256" (RSA 2048) or "ES256" (P-256), written under `dir` as <name>.key / <name>.pub.
  JwtKey(const std::string& dir, const std::string& name, const std::string& alg);

  const std::string& public_pem_file() const { return pub_; }
  // {"kty": ..., "kid": kid, ...} of the public key.
  std::string Jwk(const std::string& kid) const;
  // A token with `sub` (and `kid` in the header when given) expiring `expires_in` from now.
  std::string Sign(const std::string& sub, absl::Duration expires_in = absl::Minutes(5),
                   const std::string& kid = "") const;

 private:
  std::string alg_;
  std::string key_;
  std::string pub_;
};

// The public key file's text signing an HS256 token: what a verifier that trusts the token's
// "alg" would accept.
std::string SignHs256WithPublicPem(const std::string& public_pem_file, const std::string& sub);

std::string WriteFile(const std::string& path, const std::string& text);

}  // namespace polylateral::gateway::testing

#endif  // POLYLATERAL_TESTS_GATEWAY_JWT_KEYS_H_
