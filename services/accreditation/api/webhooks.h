#ifndef POLYLATERAL_SERVICES_ACCREDITATION_API_WEBHOOKS_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_API_WEBHOOKS_H_

#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/base/principal.h"
#include "polylateral/accreditation/v1/events.pb.h"
#include "services/accreditation/store/event_hub.h"
#include "services/accreditation/store/webhook_store.h"

namespace polylateral::accreditation {

struct WebhookOptions {
  // The wait after the first failed attempt, doubled after each further one up to the cap
  // (--webhook_backoff_base, --webhook_backoff_cap).
  absl::Duration backoff_base = absl::Seconds(1);
  absl::Duration backoff_cap = absl::Minutes(5);
  // One POST's time limit (--webhook_timeout).
  absl::Duration timeout = absl::Seconds(5);
  // How long a replica holds a subscription's delivery lease after each claim; another
  // replica takes the subscription over this long after the holder stops.
  absl::Duration lease = absl::Seconds(30);
  // How often an idle deliverer looks at the subscriptions (new events wake it at once).
  absl::Duration idle = absl::Milliseconds(500);
  // Accept http:// URLs to loopback hosts (--webhook_allow_http_loopback: development, tests).
  bool allow_http_loopback = false;
  // Start the delivery thread.
  bool deliver = true;
};

// Webhook subscriptions and their delivery. The methods back the subscription RPCs (rules in
// domain/webhook_rules.h). One delivery thread per replica goes through the subscriptions,
// claims each one's lease (RedisWebhookStore::Claim: one replica delivers a subscription at a
// time) and POSTs the events after its cursor that the owner may see (DiscloseEvent as the
// owner), one at a time in commit order; the cursor moves only after a 2xx (or when the
// event goes to the dead letters after kWebhookMaxAttempts failed attempts). Delivery is at
// least once: a replica that stops between a 2xx and moving the cursor leaves that event to
// be sent again. Subscriptions are served one after the other: a receiver that hangs delays
// the others of the replica by up to the timeout.
class Webhooks final {
 public:
  Webhooks(RedisWebhookStore* store, EventHub* hub, WebhookOptions options);
  ~Webhooks();
  Webhooks(const Webhooks&) = delete;
  Webhooks& operator=(const Webhooks&) = delete;

  void Start();
  void Stop();

  absl::StatusOr<v1::Subscription> Create(const Principal& caller, const v1::Subscription& s);
  absl::StatusOr<v1::Subscription> Get(const Principal& caller, const std::string& name);
  absl::StatusOr<v1::ListSubscriptionsResponse> List(const Principal& caller);
  absl::Status Delete(const Principal& caller, const std::string& name);
  absl::StatusOr<v1::ListDeadLettersResponse> DeadLetters(const Principal& caller,
                                                          const std::string& parent);

 private:
  absl::StatusOr<WebhookSubscription> Visible(const Principal& caller, const std::string& name,
                                              const std::string& field);
  void Run();
  // Delivers what it can of one subscription now; returns how long until it needs looking at
  // again (0: more is ready).
  absl::Duration Deliver(const WebhookSubscription& s);
  bool Stopping();

  RedisWebhookStore* const store_;
  EventHub* const hub_;
  const WebhookOptions options_;
  // This replica's lease token.
  const std::string replica_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_API_WEBHOOKS_H_
