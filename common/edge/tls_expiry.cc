#include "common/edge/tls_expiry.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

#include "common/base/errors.h"

namespace polylateral::edge {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};

// Unix seconds of an ASN1_TIME: its distance from the epoch, as OpenSSL computes it.
bool ToUnixSeconds(const ASN1_TIME* t, int64_t* out) {
  std::unique_ptr<ASN1_TIME, decltype(&ASN1_TIME_free)> epoch(ASN1_TIME_set(nullptr, 0),
                                                              ASN1_TIME_free);
  int days = 0;
  int seconds = 0;
  if (epoch == nullptr || ASN1_TIME_diff(&days, &seconds, epoch.get(), t) != 1) return false;
  *out = int64_t{days} * 86400 + seconds;
  return true;
}

}  // namespace

absl::StatusOr<int64_t> EarliestNotAfter(const std::string& path) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_file(path.c_str(), "r"));
  if (bio == nullptr) return InvalidArgument("CERTIFICATE_UNREADABLE", path, "cannot be read");
  int64_t earliest = 0;
  bool found = false;
  while (true) {
    std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (cert == nullptr) break;
    int64_t not_after = 0;
    if (!ToUnixSeconds(X509_get0_notAfter(cert.get()), &not_after)) continue;
    earliest = found ? std::min(earliest, not_after) : not_after;
    found = true;
  }
  if (!found) {
    return InvalidArgument("NO_CERTIFICATE", path, "holds no PEM certificate");
  }
  return earliest;
}

CertificateExpiry::CertificateExpiry(const TlsOptions& tls) {
  if (!tls.cert.empty()) files_.emplace_back("serving", tls.cert);
  if (!tls.client_ca.empty()) files_.emplace_back("client_ca", tls.client_ca);
  if (!tls.ca.empty()) files_.emplace_back("ca", tls.ca);
}

std::vector<prometheus::MetricFamily> CertificateExpiry::Collect() const {
  prometheus::MetricFamily family;
  family.name = "polylateral_tls_certificate_not_after_seconds";
  family.help =
      "Not-after time (Unix seconds) of the earliest-expiring certificate in a TLS file; "
      "0 when it cannot be read";
  family.type = prometheus::MetricType::Gauge;
  for (const auto& [label, path] : files_) {
    auto not_after = EarliestNotAfter(path);
    prometheus::ClientMetric metric;
    metric.label.push_back({"certificate", label});
    metric.gauge.value = not_after.ok() ? static_cast<double>(*not_after) : 0;
    family.metric.push_back(std::move(metric));
  }
  return {std::move(family)};
}

}  // namespace polylateral::edge
