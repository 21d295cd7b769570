// Webhook subscriptions: parse, call Webhooks, map.
#include "services/accreditation/api/accreditation_service.h"

namespace polylateral::accreditation {

absl::Status AccreditationService::DoCreateSubscription(const Call& call,
                                                        const v1::CreateSubscriptionRequest& req,
                                                        v1::Subscription* out) {
  auto s = webhooks_->Create(call.principal, req.subscription());
  if (!s.ok()) return s.status();
  *out = *std::move(s);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoGetSubscription(const Call& call,
                                                     const v1::GetSubscriptionRequest& req,
                                                     v1::Subscription* out) {
  auto s = webhooks_->Get(call.principal, req.name());
  if (!s.ok()) return s.status();
  *out = *std::move(s);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoListSubscriptions(const Call& call,
                                                       const v1::ListSubscriptionsRequest& /*req*/,
                                                       v1::ListSubscriptionsResponse* out) {
  auto list = webhooks_->List(call.principal);
  if (!list.ok()) return list.status();
  *out = *std::move(list);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoDeleteSubscription(const Call& call,
                                                        const v1::DeleteSubscriptionRequest& req,
                                                        v1::DeleteSubscriptionResponse* /*out*/) {
  return webhooks_->Delete(call.principal, req.name());
}

absl::Status AccreditationService::DoListDeadLetters(const Call& call,
                                                     const v1::ListDeadLettersRequest& req,
                                                     v1::ListDeadLettersResponse* out) {
  auto list = webhooks_->DeadLetters(call.principal, req.parent());
  if (!list.ok()) return list.status();
  *out = *std::move(list);
  return absl::OkStatus();
}

}  // namespace polylateral::accreditation
