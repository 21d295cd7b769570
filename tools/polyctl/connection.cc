#include "tools/polyctl/connection.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/base/principal.h"
#include "common/edge/identity.h"
#include "common/edge/tls.h"
#include "grpcpp/create_channel.h"

namespace polylateral::polyctl {
namespace {

absl::Status Readable(const std::string& path, const char* what) {
  if (access(path.c_str(), R_OK) == 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("cannot read the ", what, " ", path));
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> Connection::Channel(const std::string& service) {
  if (auto it = channels_.find(service); it != channels_.end()) return it->second;
  auto target = options_.targets.find(service);
  if (target == options_.targets.end() || target->second.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("no address for service ", service));
  }
  std::shared_ptr<grpc::ChannelCredentials> creds;
  if (options_.plaintext) {
    creds = grpc::InsecureChannelCredentials();
  } else {
    // "stakeholder:demo-ngo" -> <tls_dir>/stakeholder-demo-ngo.crt, as scripts/dev-ca names them.
    const std::string file =
        absl::StrCat(options_.tls_dir, "/", absl::StrReplaceAll(options_.as, {{":", "-"}}));
    edge::TlsOptions tls;
    tls.cert = options_.cert.empty() ? file + ".crt" : options_.cert;
    tls.key = options_.key.empty() ? file + ".key" : options_.key;
    tls.ca = options_.ca.empty() ? options_.tls_dir + "/ca.crt" : options_.ca;
    tls.trust_domain = options_.trust_domain;
    for (auto [path, what] : {std::pair{tls.cert, "certificate"}, std::pair{tls.key, "key"},
                              std::pair{tls.ca, "CA bundle"}}) {
      if (absl::Status st = Readable(path, what); !st.ok()) return st;
    }
    // The server must be service:<service>: its SPIFFE id, not its host name, is checked.
    creds = edge::ChannelCredentials(
        tls, edge::SpiffeIdOf(Principal{Principal::Kind::kService, service}, tls.trust_domain));
  }
  auto channel = grpc::CreateChannel(target->second, creds);
  channels_[service] = channel;
  return channel;
}

std::unique_ptr<grpc::ClientContext> Connection::NewContext() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + options_.timeout));
  if (options_.plaintext) ctx->AddMetadata(std::string(edge::kPrincipalHeader), options_.as);
  return ctx;
}

}  // namespace polylateral::polyctl
