#ifndef POLYLATERAL_COMMON_EDGE_TLS_EXPIRY_H_
#define POLYLATERAL_COMMON_EDGE_TLS_EXPIRY_H_

// `polylateral_tls_certificate_not_after_seconds{certificate}`: when the certificates a service
// serves and trusts expire, for the certificate-expiry alerts. gRPC re-reads the files itself
// (tls.h) and says nothing of their dates, so the files are read again here, at every scrape:
// a renewal on disk shows at the next scrape, as gRPC picks it up within --tls_refresh.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/edge/tls.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace polylateral::edge {

// The earliest not-after time (Unix seconds) of the PEM certificates in `path` (a CA bundle
// holds several; the first to expire matters). INVALID_ARGUMENT naming the file when it cannot
// be read or holds no certificate.
absl::StatusOr<int64_t> EarliestNotAfter(const std::string& path);

// One series per file given: certificate="serving" (--tls_cert), "client_ca", "ca". The value
// is 0 when the file cannot be read or parsed (alerted on apart: an expiry date it is not).
class CertificateExpiry final : public prometheus::Collectable {
 public:
  explicit CertificateExpiry(const TlsOptions& tls);
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::vector<std::pair<std::string, std::string>> files_;  // label value, path
};

}  // namespace polylateral::edge

#endif  // POLYLATERAL_COMMON_EDGE_TLS_EXPIRY_H_
