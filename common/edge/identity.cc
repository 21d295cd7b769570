#include "common/edge/identity.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/security/auth_context.h"

namespace polylateral::edge {
namespace {

std::optional<absl::string_view> Header(const grpc::ServerContextBase& ctx, absl::string_view key) {
  const auto& md = ctx.client_metadata();
  auto it = md.find(grpc::string_ref(key.data(), key.size()));
  if (it == md.end()) return std::nullopt;
  return absl::string_view(it->second.data(), it->second.size());
}

// The SPIFFE id of a verified peer certificate. gRPC sets peer_spiffe_id only when the
// certificate carries exactly one spiffe:// URI SAN, so a certificate naming two identities
// is anonymous rather than ambiguous.
std::optional<Principal> CertificatePrincipal(const grpc::ServerContextBase& ctx,
                                              absl::string_view trust_domain) {
  std::shared_ptr<const grpc::AuthContext> auth = ctx.auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) return std::nullopt;
  for (const grpc::string_ref& id : auth->FindPropertyValues(GRPC_PEER_SPIFFE_ID_PROPERTY_NAME)) {
    return PrincipalFromSpiffeId(absl::string_view(id.data(), id.size()), trust_domain);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Principal> PrincipalFromSpiffeId(absl::string_view uri,
                                               absl::string_view trust_domain) {
  const std::string prefix = absl::StrCat("spiffe://", trust_domain, "/");
  if (trust_domain.empty() || !absl::StartsWith(uri, prefix)) return std::nullopt;
  absl::string_view path = uri.substr(prefix.size());
  const size_t slash = path.find('/');
  if (slash == absl::string_view::npos) return std::nullopt;
  auto principal = ParsePrincipal(absl::StrCat(path.substr(0, slash), ":", path.substr(slash + 1)));
  if (!principal.ok()) return std::nullopt;
  return *std::move(principal);
}

std::string SpiffeIdOf(const Principal& principal, absl::string_view trust_domain) {
  return absl::StrCat("spiffe://", trust_domain, "/", PrincipalKindName(principal.kind), "/",
                      principal.id);
}

bool PrincipalListed(const Principal& principal, const std::vector<std::string>& patterns) {
  if (principal.is_anonymous()) return false;
  const std::string text = principal.ToString();
  for (const std::string& p : patterns) {
    if (absl::EndsWith(p, "*")
            ? absl::StartsWith(text, absl::string_view(p).substr(0, p.size() - 1))
            : text == p) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<Caller> ResolveCaller(const grpc::ServerContextBase& ctx,
                                     const IdentityOptions& options) {
  Caller caller;
  switch (options.source) {
    case IdentityOptions::Source::kNone:
      return caller;
    case IdentityOptions::Source::kCertificate:
      if (auto p = CertificatePrincipal(ctx, options.trust_domain)) caller.principal = *p;
      break;
    case IdentityOptions::Source::kHeader:
      if (auto text = Header(ctx, kPrincipalHeader)) {
        auto p = ParsePrincipal(*text);
        if (!p.ok()) return p.status();
        caller.principal = *std::move(p);
      }
      break;
  }
  if (!PrincipalListed(caller.principal, options.trusted_forwarders)) return caller;
  auto on_behalf = Header(ctx, kOnBehalfOfHeader);
  if (!on_behalf) return caller;
  if (*on_behalf == "anonymous") {
    // The forwarder's caller proved nothing (a gateway request without a token): authorised
    // as anonymous, never with the forwarder's own rights.
    caller.forwarder = std::move(caller.principal);
    caller.principal = Principal::Anonymous();
    return caller;
  }
  auto user = ParsePrincipal(*on_behalf);
  if (!user.ok()) return user.status();
  caller.forwarder = std::move(caller.principal);
  caller.principal = *std::move(user);
  return caller;
}

}  // namespace polylateral::edge
