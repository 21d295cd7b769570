#include "services/gateway/jwt_verifier.h"

#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace polylateral::gateway {

namespace {

using nlohmann::json;

absl::Status Unauthenticated(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("bearer token refused: ", why));
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

absl::StatusOr<std::string> Base64Url(const json& jwk, const char* member) {
  if (!jwk.contains(member) || !jwk[member].is_string()) {
    return absl::InvalidArgumentError(absl::StrCat("JWK without \"", member, "\""));
  }
  std::string out;
  if (!absl::WebSafeBase64Unescape(jwk[member].get<std::string>(), &out) || out.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("JWK \"", member, "\" is not base64url"));
  }
  return out;
}

absl::StatusOr<std::string> PemOf(const char* key_type, OSSL_PARAM_BLD* builder) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, key_type, nullptr);
  EVP_PKEY* raw = nullptr;
  const bool made = params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1 &&
                    EVP_PKEY_fromdata(ctx, &raw, EVP_PKEY_PUBLIC_KEY, params) == 1;
  std::unique_ptr<EVP_PKEY, PkeyFree> key(raw);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  if (!made) return absl::InvalidArgumentError("JWK is not a valid public key");
  BIO* bio = BIO_new(BIO_s_mem());
  std::string pem;
  if (PEM_write_bio_PUBKEY(bio, key.get()) == 1) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    pem.assign(data, static_cast<size_t>(size));
  }
  BIO_free(bio);
  if (pem.empty()) return absl::InternalError("cannot write the JWK as PEM");
  return pem;
}

}  // namespace

absl::StatusOr<std::string> JwkToPem(absl::string_view jwk_json) {
  const json jwk = json::parse(jwk_json.begin(), jwk_json.end(), nullptr, false);
  if (!jwk.is_object()) return absl::InvalidArgumentError("JWK is not a JSON object");
  const std::string kty = jwk.value("kty", "");
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> builder(OSSL_PARAM_BLD_new(),
                                                                          OSSL_PARAM_BLD_free);
  if (kty == "RSA") {
    auto n = Base64Url(jwk, "n");
    auto e = Base64Url(jwk, "e");
    if (!n.ok()) return n.status();
    if (!e.ok()) return e.status();
    BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                             static_cast<int>(n->size()), nullptr);
    BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                             static_cast<int>(e->size()), nullptr);
    OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, bn_n);
    OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, bn_e);
    auto pem = PemOf("RSA", builder.get());
    BN_free(bn_n);
    BN_free(bn_e);
    return pem;
  }
  if (kty == "EC") {
    if (jwk.value("crv", "") != "P-256") {
      return absl::InvalidArgumentError("EC JWK must be on curve P-256 (ES256)");
    }
    auto x = Base64Url(jwk, "x");
    auto y = Base64Url(jwk, "y");
    if (!x.ok()) return x.status();
    if (!y.ok()) return y.status();
    if (x->size() != 32 || y->size() != 32) {
      return absl::InvalidArgumentError("EC JWK coordinates must be 32 bytes");
    }
    const std::string point = absl::StrCat("\x04", *x, *y);
    OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                     point.size());
    return PemOf("EC", builder.get());
  }
  return absl::InvalidArgumentError(absl::StrCat("JWK kty \"", kty, "\" is not RSA or EC"));
}

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::Create(const JwtOptions& options) {
  std::unique_ptr<JwtVerifier> verifier(new JwtVerifier(options));
  for (const std::string& path : options.public_key_files) {
    auto pem = ReadWholeFile(path);
    if (!pem.ok()) return pem.status();
    if (pem->find("-----BEGIN PUBLIC KEY-----") == std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(path, " holds no PEM public key"));
    }
    verifier->keys_.push_back({"", *std::move(pem)});
  }
  if (!options.jwks_file.empty()) {
    auto text = ReadWholeFile(options.jwks_file);
    if (!text.ok()) return text.status();
    const json jwks = json::parse(*text, nullptr, false);
    if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) {
      return absl::InvalidArgumentError(absl::StrCat(options.jwks_file, " is not a JWKS"));
    }
    for (const json& jwk : jwks["keys"]) {
      auto pem = JwkToPem(jwk.dump());
      if (!pem.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(options.jwks_file, ": ", pem.status().message()));
      }
      verifier->keys_.push_back({jwk.value("kid", ""), *std::move(pem)});
    }
  }
  if (verifier->keys_.empty()) return absl::InvalidArgumentError("no JWT verification keys");
  return verifier;
}

absl::StatusOr<Principal> JwtVerifier::Verify(absl::string_view token, absl::Time now) const {
  const std::string text(token);
  // The header, unverified, only to pick the key by "kid" (read here: libjwt decodes only
  // with a key).
  std::string kid;
  {
    std::string header;
    const size_t dot = text.find('.');
    if (dot == std::string::npos ||
        !absl::WebSafeBase64Unescape(absl::string_view(text).substr(0, dot), &header)) {
      return Unauthenticated("malformed");
    }
    const json parsed = json::parse(header, nullptr, false);
    if (!parsed.is_object()) return Unauthenticated("malformed");
    if (parsed.contains("kid") && parsed["kid"].is_string()) kid = parsed["kid"].get<std::string>();
  }

  JwtPtr jwt;
  jwt_t* raw = nullptr;
  for (const Key& key : keys_) {
    if (!kid.empty() && !key.kid.empty() && key.kid != kid) continue;
    raw = nullptr;
    if (jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(key.pem.data()),
                   static_cast<int>(key.pem.size())) == 0) {
      jwt.reset(raw);
      break;
    }
  }
  if (jwt == nullptr) return Unauthenticated("signature not verified by any configured key");
  // libjwt verifies with whatever algorithm the token names: an HS256 token "signed" with the
  // public key's PEM text as the secret would pass, so only the asymmetric ones are accepted.
  const jwt_alg_t alg = jwt_get_alg(jwt.get());
  if (alg != JWT_ALG_RS256 && alg != JWT_ALG_ES256) {
    return Unauthenticated("algorithm must be RS256 or ES256");
  }
  const int64_t now_s = absl::ToUnixSeconds(now);
  const int64_t leeway = absl::ToInt64Seconds(options_.leeway);
  errno = 0;
  const long exp = jwt_get_grant_int(jwt.get(), "exp");
  if (errno != 0) return Unauthenticated("no exp claim");
  if (now_s > exp + leeway) return Unauthenticated("expired");
  errno = 0;
  const long nbf = jwt_get_grant_int(jwt.get(), "nbf");
  if (errno == 0 && now_s + leeway < nbf) return Unauthenticated("not yet valid");
  if (!options_.issuer.empty()) {
    const char* iss = jwt_get_grant(jwt.get(), "iss");
    if (iss == nullptr || options_.issuer != iss) return Unauthenticated("wrong issuer");
  }
  if (!options_.audience.empty()) {
    const char* aud = jwt_get_grant(jwt.get(), "aud");
    bool listed = aud != nullptr && options_.audience == aud;
    if (!listed) {
      // "aud" may be an array.
      char* auds = jwt_get_grants_json(jwt.get(), "aud");
      if (auds != nullptr) {
        const json list = json::parse(auds, nullptr, false);
        free(auds);  // NOLINT(cppcoreguidelines-no-malloc): libjwt allocates with malloc
        if (list.is_array()) {
          for (const json& a : list) listed = listed || (a.is_string() && a == options_.audience);
        }
      }
    }
    if (!listed) return Unauthenticated("wrong audience");
  }
  const char* claim = jwt_get_grant(jwt.get(), options_.principal_claim.c_str());
  if (claim == nullptr) {
    return Unauthenticated(absl::StrCat("no \"", options_.principal_claim, "\" claim"));
  }
  auto principal = ParsePrincipal(absl::StrCat(options_.principal_prefix, claim));
  if (!principal.ok() || principal->is_anonymous() ||
      principal->kind == Principal::Kind::kService) {
    // Services prove themselves with certificates; a token cannot make anyone one.
    return Unauthenticated(
        absl::StrCat("\"", options_.principal_claim, "\" does not name a person or body"));
  }
  return *std::move(principal);
}

}  // namespace polylateral::gateway
