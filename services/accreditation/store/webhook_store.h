#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_WEBHOOK_STORE_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_WEBHOOK_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "services/accreditation/domain/webhook_rules.h"
#include "services/accreditation/store/event_stream.h"

namespace polylateral::accreditation {

// Where a subscription's deliveries stand, as one replica claimed it.
struct WebhookClaim {
  StreamId cursor;          // the last event delivered (or skipped, or dead-lettered)
  int failed_attempts = 0;  // of the event after the cursor
  absl::Duration wait;      // before its next attempt may start
};

// Webhook subscriptions in Redis: {acc}:wh:<id> (hash: url process secret owner ct, and the
// delivery state cur att nx ls lu), {acc}:whs (zset of ids scored by creation ms),
// {acc}:whdl:<id> (list of dead letters, JSON, the newest 1000).
class RedisWebhookStore final {
 public:
  explicit RedisWebhookStore(redis::RedisClient* redis);

  // Stores `s` with its deliveries starting after `cursor`.
  absl::Status Create(const WebhookSubscription& s, const StreamId& cursor);
  // NOT_FOUND SUBSCRIPTION_NOT_FOUND.
  absl::StatusOr<WebhookSubscription> Get(const std::string& id);
  // Every subscription, oldest first.
  absl::StatusOr<std::vector<WebhookSubscription>> List();
  absl::Status Delete(const std::string& id);

  // The delivery lease for `replica` (lease_for long); nullopt when another replica holds it
  // or the subscription is gone.
  absl::StatusOr<std::optional<WebhookClaim>> Claim(const std::string& id,
                                                    const std::string& replica,
                                                    absl::Duration lease_for);
  enum class StepResult { kRecorded, kDeadLettered, kLost };
  // The cursor moves from `expected` to `next`: delivered, or not for the owner's eyes.
  absl::StatusOr<StepResult> Done(const std::string& id, const std::string& replica,
                                  const StreamId& expected, const StreamId& next);
  // A failed attempt at the event `next`; `dead_letter` is stored if it was the last allowed.
  absl::StatusOr<StepResult> Failed(const std::string& id, const std::string& replica,
                                    const StreamId& expected, const StreamId& next,
                                    absl::Duration delay, const std::string& dead_letter);
  // The dead letters (JSON), oldest first.
  absl::StatusOr<std::vector<std::string>> DeadLetters(const std::string& id);

 private:
  absl::StatusOr<StepResult> Step(const std::string& id, const std::vector<std::string>& args);

  redis::RedisClient* const redis_;
  redis::RedisScript claim_;
  redis::RedisScript step_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_WEBHOOK_STORE_H_
