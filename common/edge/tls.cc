#include "common/edge/tls.h"

#include <fstream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_certificate_verifier.h"
#include "grpcpp/security/tls_credentials_options.h"

namespace polylateral::edge {
namespace {

unsigned int RefreshSeconds(const TlsOptions& tls) {
  return static_cast<unsigned int>(std::max<int64_t>(1, absl::ToInt64Seconds(tls.refresh)));
}

bool Readable(const std::string& path) {
  std::ifstream in(path);
  return in.good() && in.peek() != std::ifstream::traits_type::eof();
}

// Accepts a server whose verified certificate names the expected SPIFFE id. Runs after the
// chain has been verified against the roots.
class SpiffeIdVerifier final : public grpc::experimental::ExternalCertificateVerifier {
 public:
  explicit SpiffeIdVerifier(std::string expected) : expected_(std::move(expected)) {}

  bool Verify(grpc::experimental::TlsCustomVerificationCheckRequest* request,
              std::function<void(grpc::Status)> /*callback*/, grpc::Status* sync_status) override {
    for (const grpc::string_ref& uri : request->uri_names()) {
      if (absl::string_view(uri.data(), uri.size()) == expected_) {
        *sync_status = grpc::Status::OK;
        return true;
      }
    }
    *sync_status = grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                                absl::StrCat("server certificate does not name ", expected_));
    return true;
  }
  void Cancel(grpc::experimental::TlsCustomVerificationCheckRequest* /*request*/) override {}

 private:
  const std::string expected_;
};

}  // namespace

absl::Status CheckServerFiles(const TlsOptions& tls) {
  Violations v;
  const std::pair<const char*, const std::string*> files[] = {
      {"tls_cert", &tls.cert}, {"tls_key", &tls.key}, {"tls_client_ca", &tls.client_ca}};
  for (const auto& [flag, path] : files) {
    if (path->empty()) {
      v.Add(flag, "required with TLS: --tls_cert, --tls_key and --tls_client_ca go together");
    } else if (!Readable(*path)) {
      v.Add(flag, absl::StrCat("cannot read ", *path));
    }
  }
  if (!tls.ca.empty() && !Readable(tls.ca)) v.Add("tls_ca", absl::StrCat("cannot read ", tls.ca));
  return v.ToStatus("BAD_TLS_FILES");
}

std::shared_ptr<grpc::ServerCredentials> ServerCredentials(const TlsOptions& tls) {
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      tls.key, tls.cert, tls.client_ca, RefreshSeconds(tls));
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  return grpc::experimental::TlsServerCredentials(options);
}

std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials(const TlsOptions& tls,
                                                             absl::string_view expected_spiffe_id) {
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      tls.key, tls.cert, tls.ca.empty() ? tls.client_ca : tls.ca, RefreshSeconds(tls));
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(provider);
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_verify_server_certs(true);
  options.set_certificate_verifier(
      grpc::experimental::ExternalCertificateVerifier::Create<SpiffeIdVerifier>(
          std::string(expected_spiffe_id)));
  // The target is often an IP or a Service name the certificate need not carry; the SPIFFE id
  // checked above is what identifies the server.
  options.set_check_call_host(false);
  return grpc::experimental::TlsCredentials(options);
}

}  // namespace polylateral::edge
