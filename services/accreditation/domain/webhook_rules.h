#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_WEBHOOK_RULES_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_WEBHOOK_RULES_H_

// The rules of webhook subscriptions: which URLs and secrets are accepted, who sees a
// subscription, how long a failed delivery waits, when it goes to the dead letters.

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/base/principal.h"

namespace polylateral::accreditation {

// A delivery that failed this many times goes to the subscription's dead letters.
inline constexpr int kWebhookMaxAttempts = 10;
// Subscriptions one principal may hold.
inline constexpr int kWebhookMaxPerPrincipal = 20;

struct WebhookSubscription {
  std::string id;
  std::string url;
  std::string process;  // empty: every process
  std::string secret;
  Principal owner;
  absl::Time create_time = absl::InfinitePast();
};

// https:// with a host, at most 2048 characters, no spaces or control characters; http://
// only to 127.0.0.1, [::1] or localhost and only when `allow_http_loopback`.
// An https:// host may not be a loopback, private or link-local literal address (or
// localhost).
// INVALID_ARGUMENT INVALID_URL on `field` otherwise.
absl::Status CheckWebhookUrl(const std::string& url, bool allow_http_loopback,
                             const std::string& field);
// 16..256 printable ASCII characters: INVALID_ARGUMENT INVALID_SECRET on `field` otherwise.
absl::Status CheckWebhookSecret(const std::string& secret, const std::string& field);
// The owner, or an operator.
bool MaySeeSubscription(const Principal& caller, const WebhookSubscription& s);
// Anyone but anonymous callers may subscribe: PERMISSION_DENIED ANONYMOUS otherwise.
absl::Status MaySubscribe(const Principal& caller);
// The wait before the attempt after `failed` failed attempts (1, 2, ...): base * 2^(failed-1),
// at most `cap`.
absl::Duration WebhookBackoff(int failed, absl::Duration base, absl::Duration cap);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_WEBHOOK_RULES_H_
