#include "services/accreditation/domain/webhook_rules.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/base/errors.h"

namespace polylateral::accreditation {

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
  if (https) return absl::OkStatus();
  std::string host = authority;
  if (absl::StartsWith(host, "[")) {
    host = host.substr(0, host.find(']') == std::string::npos ? host.size() : host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
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
