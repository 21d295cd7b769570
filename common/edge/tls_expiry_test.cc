#include "common/edge/tls_expiry.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "gtest/gtest.h"

namespace polylateral::edge {
namespace {

// A self-signed certificate valid until `not_after` (Unix seconds), as PEM.
std::string CertificatePem(int64_t not_after) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  ASN1_TIME_set(X509_getm_notBefore(cert), 0);
  ASN1_TIME_set(X509_getm_notAfter(cert), static_cast<time_t>(not_after));
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("test"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_set_pubkey(cert, key);
  X509_sign(cert, key, EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  X509_free(cert);
  EVP_PKEY_free(key);
  return pem;
}

class TlsExpiryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/polylateral-tls-expiry-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::trunc) << text;
    return path;
  }

  // certificate label -> value of the one family CertificateExpiry exports.
  static std::map<std::string, double> Values(const CertificateExpiry& expiry) {
    std::map<std::string, double> values;
    const auto families = expiry.Collect();
    EXPECT_EQ(families.size(), 1u);
    for (const auto& family : families) {
      EXPECT_EQ(family.name, "polylateral_tls_certificate_not_after_seconds");
      EXPECT_EQ(family.type, prometheus::MetricType::Gauge);
      for (const auto& metric : family.metric) {
        EXPECT_EQ(metric.label.size(), 1u);
        values[metric.label.at(0).value] = metric.gauge.value;
      }
    }
    return values;
  }

  std::string dir_;
};

constexpr int64_t kJan2030 = 1893456000;
constexpr int64_t kJan2031 = 1924992000;
constexpr int64_t kJan2032 = 1956528000;

TEST_F(TlsExpiryTest, ABundleExpiresWithItsEarliestCertificate) {
  const std::string bundle = Write(
      "ca.crt", CertificatePem(kJan2031) + CertificatePem(kJan2030) + CertificatePem(kJan2032));
  auto got = EarliestNotAfter(bundle);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, kJan2030);
}

TEST_F(TlsExpiryTest, UnreadableOrEmptyFilesAreErrorsNamingTheFile) {
  const std::string missing = dir_ + "/missing.crt";
  auto gone = EarliestNotAfter(missing);
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(gone.status().ToString().find(missing), std::string::npos) << gone.status();
  const std::string junk = Write("junk.crt", "not a certificate\n");
  auto empty = EarliestNotAfter(junk);
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(empty.status().ToString().find(junk), std::string::npos) << empty.status();
}

TEST_F(TlsExpiryTest, OneSeriesPerFileReadAgainAtEveryScrape) {
  TlsOptions tls;
  tls.cert = Write("service.crt", CertificatePem(kJan2030));
  tls.key = dir_ + "/service.key";  // never read here
  tls.client_ca = Write("clients.crt", CertificatePem(kJan2032));
  tls.ca = dir_ + "/missing-ca.crt";
  CertificateExpiry expiry(tls);
  EXPECT_EQ(Values(expiry), (std::map<std::string, double>{
                                {"serving", kJan2030}, {"client_ca", kJan2032}, {"ca", 0}}));

  // Renewed on disk (cert-manager, scripts/dev-ca -r): the next scrape has the new date.
  Write("service.crt", CertificatePem(kJan2031));
  Write("missing-ca.crt", CertificatePem(kJan2032));
  EXPECT_EQ(Values(expiry), (std::map<std::string, double>{
                                {"serving", kJan2031}, {"client_ca", kJan2032}, {"ca", kJan2032}}));
}

TEST_F(TlsExpiryTest, PlaintextServicesExportNoSeries) {
  CertificateExpiry expiry(TlsOptions{});
  EXPECT_TRUE(Values(expiry).empty());
}

}  // namespace
}  // namespace polylateral::edge
