#ifndef POLYLATERAL_SERVICES_ACCREDITATION_API_WEBHOOK_SENDER_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_API_WEBHOOK_SENDER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace polylateral::accreditation {

// `sha256=<lowercase hex of HMAC-SHA256(secret, body)>`, the X-Polylateral-Signature value.
std::string WebhookSignature(const std::string& secret, const std::string& body);

// One webhook POST: the JSON body with X-Polylateral-Signature, X-Polylateral-Event-Id and
// X-Polylateral-Timestamp (unix seconds now), over libcurl (https verified against the
// system's CAs; no redirects followed). OK on a 2xx answer within `timeout`; UNAVAILABLE
// with "HTTP <code>" or the transport error otherwise.
absl::Status PostWebhook(const std::string& url, const std::string& secret,
                         const std::string& event_id, const std::string& body,
                         absl::Duration timeout);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_API_WEBHOOK_SENDER_H_
