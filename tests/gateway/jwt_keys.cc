#include "tests/gateway/jwt_keys.h"

#include <jwt.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace polylateral::gateway::testing {

namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Encode(jwt_alg_t alg, const std::string& key, const std::string& sub,
                   absl::Duration expires_in, const std::string& kid) {
  jwt_t* jwt = nullptr;
  jwt_new(&jwt);
  jwt_add_grant(jwt, "sub", sub.c_str());
  jwt_add_grant_int(jwt, "exp", absl::ToUnixSeconds(absl::Now() + expires_in));
  if (!kid.empty()) jwt_add_header(jwt, "kid", kid.c_str());
  EXPECT_EQ(jwt_set_alg(jwt, alg, reinterpret_cast<const unsigned char*>(key.data()),
                        static_cast<int>(key.size())),
            0);
  char* text = jwt_encode_str(jwt);
  std::string out = text != nullptr ? text : "";
  free(text);  // NOLINT(cppcoreguidelines-no-malloc): libjwt's allocation
  jwt_free(jwt);
  return out;
}

std::string B64(const std::vector<unsigned char>& bytes) {
  std::string out;
  absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), &out);
  return out;
}

std::vector<unsigned char> BnBytes(EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(key, name, &bn);
  std::vector<unsigned char> out(static_cast<size_t>(BN_num_bytes(bn)));
  BN_bn2bin(bn, out.data());
  BN_free(bn);
  return out;
}

}  // namespace

std::string WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

JwtKey::JwtKey(const std::string& dir, const std::string& name, const std::string& alg)
    : alg_(alg), key_(dir + "/" + name + ".key"), pub_(dir + "/" + name + ".pub") {
  const std::string gen = alg == "RS256"
                              ? "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"
                              : "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256";
  const std::string cmd = absl::StrCat(gen, " -out ", key_, " 2>/dev/null && openssl pkey -in ",
                                       key_, " -pubout -out ", pub_, " 2>/dev/null");
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

std::string JwtKey::Sign(const std::string& sub, absl::Duration expires_in,
                         const std::string& kid) const {
  return Encode(alg_ == "RS256" ? JWT_ALG_RS256 : JWT_ALG_ES256, Read(key_), sub, expires_in, kid);
}

std::string JwtKey::Jwk(const std::string& kid) const {
  FILE* f = std::fopen(pub_.c_str(), "r");
  EVP_PKEY* key = PEM_read_PUBKEY(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  nlohmann::json jwk = {{"kid", kid}, {"use", "sig"}, {"alg", alg_}};
  if (alg_ == "RS256") {
    jwk["kty"] = "RSA";
    jwk["n"] = B64(BnBytes(key, OSSL_PKEY_PARAM_RSA_N));
    jwk["e"] = B64(BnBytes(key, OSSL_PKEY_PARAM_RSA_E));
  } else {
    std::vector<unsigned char> point(65);
    size_t len = 0;
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size(), &len);
    jwk["kty"] = "EC";
    jwk["crv"] = "P-256";
    jwk["x"] = B64({point.begin() + 1, point.begin() + 33});
    jwk["y"] = B64({point.begin() + 33, point.begin() + 65});
  }
  EVP_PKEY_free(key);
  return jwk.dump();
}

std::string SignHs256WithPublicPem(const std::string& public_pem_file, const std::string& sub) {
  return Encode(JWT_ALG_HS256, Read(public_pem_file), sub, absl::Minutes(5), "");
}

}  // namespace polylateral::gateway::testing
