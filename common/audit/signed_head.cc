#include "common/audit/signed_head.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/audit/canonical.h"

namespace polylateral::audit {
namespace {

constexpr absl::string_view kHeadTag = "polylateral.audit.head.v1";

void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

void PutString(std::string& out, absl::string_view s) {
  const auto n = static_cast<uint32_t>(s.size());
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((n >> shift) & 0xff));
  out.append(s.data(), s.size());
}

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

absl::StatusOr<std::string> RawPublicKey(EVP_PKEY* key) {
  size_t len = 0;
  if (EVP_PKEY_get_raw_public_key(key, nullptr, &len) != 1) {
    return absl::InvalidArgumentError("not an Ed25519 key");
  }
  std::string raw(len, '\0');
  if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &len) != 1) {
    return absl::InvalidArgumentError("not an Ed25519 key");
  }
  return raw;
}

}  // namespace

void PkeyDeleter::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }

std::string HeadMessage(const SignedHead& head) {
  std::string out(kHeadTag);
  PutString(out, head.log);
  PutU64(out, head.seq);
  PutString(out, head.hash);
  PutU64(out, static_cast<uint64_t>(head.time_ms));
  return out;
}

absl::StatusOr<std::string> GenerateEd25519Pem() {
  EVP_PKEY* raw = nullptr;
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), EVP_PKEY_CTX_free);
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return absl::InternalError("Ed25519 key generation failed");
  }
  Pkey key(raw);
  std::unique_ptr<BIO, BioDeleter> out(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return absl::InternalError("Ed25519 key: cannot write PEM");
  }
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string KeyIdOf(absl::string_view raw_public_key) {
  return absl::BytesToHexString(Sha256(raw_public_key).substr(0, 8));
}

absl::StatusOr<HeadSigner> HeadSigner::FromPem(absl::string_view pem) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("audit signing key: not an Ed25519 private key in PEM");
  }
  absl::StatusOr<std::string> raw = RawPublicKey(key.get());
  if (!raw.ok()) return raw.status();
  std::unique_ptr<BIO, BioDeleter> out(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PUBKEY(out.get(), key.get()) != 1) {
    return absl::InternalError("audit signing key: cannot write the public key");
  }
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  std::string public_pem(data, static_cast<size_t>(n));
  return HeadSigner(std::move(key), KeyIdOf(*raw), std::move(public_pem));
}

absl::StatusOr<HeadSigner> HeadSigner::FromPemFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("audit signing key: cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return FromPem(text.str());
}

absl::Status HeadSigner::Sign(SignedHead& head) const {
  head.key_id = key_id_;
  const std::string message = HeadMessage(head);
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  size_t len = 64;
  std::string sig(len, '\0');
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    return absl::InternalError("audit head: signing failed");
  }
  sig.resize(len);
  head.signature = std::move(sig);
  return absl::OkStatus();
}

absl::StatusOr<HeadVerifier> HeadVerifier::FromPem(absl::string_view pem) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("audit public key: not an Ed25519 public key in PEM");
  }
  absl::StatusOr<std::string> raw = RawPublicKey(key.get());
  if (!raw.ok()) return raw.status();
  return HeadVerifier(std::move(key), KeyIdOf(*raw));
}

absl::Status HeadVerifier::Verify(const SignedHead& head) const {
  if (head.key_id != key_id_) {
    return absl::InvalidArgumentError(
        absl::StrCat("head signed by key ", head.key_id, ", not by ", key_id_));
  }
  const std::string message = HeadMessage(head);
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(head.signature.data()),
                       head.signature.size(),
                       reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1) {
    return absl::InvalidArgumentError("head signature does not verify");
  }
  return absl::OkStatus();
}

}  // namespace polylateral::audit
