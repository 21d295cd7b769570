#ifndef POLYLATERAL_TESTS_EDGE_TEST_PKI_H_
#define POLYLATERAL_TESTS_EDGE_TEST_PKI_H_

// Real certificates for the TLS tests, issued by scripts/dev-ca (openssl) into a fresh
// directory, so tests and developers use the same issuing code.

#include <memory>
#include <string>
#include <vector>

#include "grpcpp/channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/status.h"

namespace polylateral::testing {

class TestPki final {
 public:
  // A new CA named `ca_name` in a new temporary directory, issuing for `principals`
  // ("state:FR", ...) in `trust_domain`.
  TestPki(const std::string& ca_name, const std::vector<std::string>& principals,
          const std::string& trust_domain = "polylateral");
  ~TestPki();

  // Issues (again, with -r) certificates for `principals`; `trust_domain` for their SAN.
  void Issue(const std::vector<std::string>& principals, bool reissue = false,
             const std::string& trust_domain = "polylateral");

  const std::string& dir() const { return dir_; }
  std::string ca() const { return dir_ + "/ca.crt"; }
  // "state:FR" -> <dir>/state-FR.crt / .key
  std::string cert(const std::string& principal) const;
  std::string key(const std::string& principal) const;

  // Credentials presenting `principal`'s certificate and trusting `server_ca` (default: this
  // CA) for the server, which must be service:<server>.
  std::shared_ptr<grpc::ChannelCredentials> Client(const std::string& principal,
                                                   const std::string& server,
                                                   const std::string& server_ca = "") const;

 private:
  std::string dir_;
  std::string ca_name_;
};

std::string ReadFile(const std::string& path);

// The ErrorInfo reason of a failed call's google.rpc.Status details; "" when it has none.
std::string Reason(const grpc::Status& status);

}  // namespace polylateral::testing

#endif  // POLYLATERAL_TESTS_EDGE_TEST_PKI_H_
