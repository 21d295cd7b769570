#ifndef POLYLATERAL_COMMON_EDGE_IDENTITY_H_
#define POLYLATERAL_COMMON_EDGE_IDENTITY_H_

// Who is calling, as the transport proves it. Under mutual TLS the principal is the client
// certificate's SPIFFE id, spiffe://<trust domain>/<kind>/<id>; on plaintext loopback (local
// development only) it is the x-polylateral-principal header. A trusted forwarder (the HTTP
// gateway, a secretariat portal) may name the end user it acts for in
// x-polylateral-on-behalf-of; from anyone else that header is ignored.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/base/principal.h"
#include "grpcpp/server_context.h"

namespace polylateral::edge {

inline constexpr absl::string_view kPrincipalHeader = "x-polylateral-principal";
inline constexpr absl::string_view kOnBehalfOfHeader = "x-polylateral-on-behalf-of";
inline constexpr absl::string_view kDefaultTrustDomain = "polylateral";

struct IdentityOptions {
  enum class Source {
    // Every caller is anonymous (plaintext beyond loopback, allowed only with --insecure).
    kNone,
    // The x-polylateral-principal header (plaintext on a loopback address only).
    kHeader,
    // The verified client certificate's SPIFFE id; the header is ignored.
    kCertificate,
  };
  Source source = Source::kNone;
  std::string trust_domain = std::string(kDefaultTrustDomain);
  // Principals ("service:gateway"; a trailing '*' matches by prefix) whose
  // x-polylateral-on-behalf-of header is honoured.
  std::vector<std::string> trusted_forwarders = {"service:gateway"};
};

// The caller of one call: `principal` is who is authorised; `forwarder` is set when a trusted
// forwarder called on the principal's behalf (for logs and records).
struct Caller {
  Principal principal;
  std::optional<Principal> forwarder;
};

// spiffe://<trust_domain>/<kind>/<id> as a principal; nullopt for any other URI, another trust
// domain, an unknown kind or a malformed id.
std::optional<Principal> PrincipalFromSpiffeId(absl::string_view uri,
                                               absl::string_view trust_domain);

// "spiffe://<trust_domain>/<kind>/<id>" for `principal` (not anonymous).
std::string SpiffeIdOf(const Principal& principal, absl::string_view trust_domain);

// Whether `principal` matches one of `patterns` (exact text, or prefix before a trailing '*').
bool PrincipalListed(const Principal& principal, const std::vector<std::string>& patterns);

// Resolves the caller of `ctx`. PERMISSION_DENIED (MALFORMED_PRINCIPAL) when a header that is
// honoured does not parse.
absl::StatusOr<Caller> ResolveCaller(const grpc::ServerContextBase& ctx,
                                     const IdentityOptions& options);

}  // namespace polylateral::edge

#endif  // POLYLATERAL_COMMON_EDGE_IDENTITY_H_
