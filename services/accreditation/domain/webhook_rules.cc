#include "services/accreditation/domain/webhook_rules.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"

namespace polylateral::accreditation {
namespace {

// The host of an authority ("host:port", "[v6]:port"), brackets kept for IPv6.
std::string HostOf(const std::string& authority) {
  if (absl::StartsWith(authority, "[")) {
    const size_t close = authority.find(']');
    return authority.substr(0, close == std::string::npos ? authority.size() : close + 1);
  }
  return authority.substr(0, authority.find(':'));
}

// Whether `host` is a literal address no webhook may go to: loopback, private (RFC 1918, IPv6
// unique local), link-local (the cloud metadata address) or unspecified. A receiver is a
// secretariat's system on the internet; a URL naming the service's own network would let a
// subscriber make the service call inside it. Names are resolved only at delivery, where the
// NetworkPolicy keeps deliveries out of the cluster (docs/deploy.md).
bool IsInternalAddress(const std::string& host) {
  if (host == "localhost" || absl::EndsWith(host, ".localhost")) return true;
  if (absl::StartsWith(host, "[")) {
    const std::string v6 = host.substr(1, host.size() - 2);
    return v6 == "::1" || v6 == "::" || absl::StartsWith(v6, "fe8") ||
           absl::StartsWith(v6, "fe9") || absl::StartsWith(v6, "fea") ||
           absl::StartsWith(v6, "feb") || absl::StartsWith(v6, "fc") ||
           absl::StartsWith(v6, "fd") || absl::StartsWith(v6, "::ffff:");
  }
  std::vector<std::string> parts = absl::StrSplit(host, '.');
  if (parts.size() != 4) return false;
  int octet[4];
  for (int i = 0; i < 4; ++i) {
    if (!absl::SimpleAtoi(parts[i], &octet[i]) || octet[i] < 0 || octet[i] > 255) return false;
  }
  return octet[0] == 0 || octet[0] == 10 || octet[0] == 127 ||
         (octet[0] == 169 && octet[1] == 254) || (octet[0] == 172 && (octet[1] & 0xf0) == 16) ||
         (octet[0] == 192 && octet[1] == 168);
}

}  // namespace

absl::Status CheckWebhookUrl(const std::string& url, bool allow_http_loopback,
                             const std::string& field) {
  auto bad = [&field](const char* why) { return InvalidArgument("INVALID_URL", field, why); };
  if (url.empty()) return bad("required");
  if (url.size() > 2048) return bad("at most 2048 characters");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return bad("no spaces or control characters");
    }
  }
  const std::string lower = absl::AsciiStrToLower(url);
  std::string rest;
  bool https = false;
  if (absl::StartsWith(lower, "https://")) {
    https = true;
    rest = lower.substr(8);
  } else if (absl::StartsWith(lower, "http://")) {
    rest = lower.substr(7);
  } else {
    return bad("must start with https://");
  }
  const std::string authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || absl::StrContains(authority, '@')) {
    return bad("must name a host (and no user information)");
  }
  const std::string host = HostOf(authority);
  if (https) {
    if (IsInternalAddress(host)) {
      return bad("must not name a loopback, private or link-local address");
    }
    return absl::OkStatus();
  }
  const bool loopback = host == "127.0.0.1" || host == "[::1]" || host == "localhost";
  if (!loopback || !allow_http_loopback) {
    return bad("must start with https:// (http:// only to a loopback host in development)");
  }
  return absl::OkStatus();
}

absl::Status CheckWebhookSecret(const std::string& secret, const std::string& field) {
  const bool printable =
      std::all_of(secret.begin(), secret.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (secret.size() < 16 || secret.size() > 256 || !printable) {
    return InvalidArgument("INVALID_SECRET", field,
                           "16..256 printable ASCII characters without spaces");
  }
  return absl::OkStatus();
}

bool MaySeeSubscription(const Principal& caller, const WebhookSubscription& s) {
  return caller.kind == Principal::Kind::kOperator || caller == s.owner;
}

absl::Status MaySubscribe(const Principal& caller) {
  if (caller.is_anonymous()) {
    return PermissionDenied("ANONYMOUS", "subscriptions belong to an authenticated principal");
  }
  return absl::OkStatus();
}

absl::Duration WebhookBackoff(int failed, absl::Duration base, absl::Duration cap) {
  absl::Duration d = base;
  for (int i = 1; i < failed && d < cap; ++i) d *= 2;
  return std::min(d, cap);
}

}  // namespace polylateral::accreditation
