// RoutingService's inbox methods: a destination pulls and acknowledges its deliveries.
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/api/routing_service.h"
#include "services/routing/domain/inbox_access.h"
#include "services/routing/domain/inbox_destination.h"

namespace polylateral::routing {
absl::Status RoutingService::DoPullInbox(const Call& call, const v1::PullInboxRequest& req,
                                         v1::PullInboxResponse* out) {
  if (auto st = MayReadInbox(call.principal, req.destination()); !st.ok()) return st;
  if (req.max_deliveries() < 0 || req.max_deliveries() > 100) {
    return InvalidArgument("INVALID_REQUEST", "max_deliveries", "must be 0..100");
  }
  PullOptions o;
  o.count = req.max_deliveries() == 0 ? 10 : req.max_deliveries();
  if (auto st = ApplyConsumer(req.consumer(), o); !st.ok()) return st;
  o.visibility_timeout = inbox_.visibility_timeout;
  o.max_deliveries = inbox_.max_deliveries;
  if (auto st = CheckDestinationExists(*registry_, req.destination(), call.deadline); !st.ok()) {
    return st;
  }
  auto pulled = store_->Pull(req.destination(), o, clock_->Now());
  if (!pulled.ok()) return pulled.status();
  for (const auto& p : *pulled) {
    auto* d = out->add_deliveries();
    d->set_delivery_id(p.delivery_id);
    d->set_destination(req.destination());
    d->set_delivery_count(p.delivery_count);
    TimeToProto(absl::FromUnixMillis(p.enqueue_ms), d->mutable_enqueue_time());
    if (auto st = FromJson(p.route_record, d->mutable_route()); !st.ok()) return st;
    if (!p.input_record.empty()) {
      if (auto st = FromJson(p.input_record, d->mutable_input()); !st.ok()) return st;
      ForReaders(d->mutable_input());
    }
  }
  if (metrics_ != nullptr) metrics_->HandedOut(static_cast<double>(pulled->size()));
  return absl::OkStatus();
}

absl::Status RoutingService::DoAckDelivery(const Call& call, const v1::AckDeliveryRequest& req,
                                           v1::AckDeliveryResponse* out) {
  if (auto st = MayReadInbox(call.principal, req.destination()); !st.ok()) return st;
  if (req.delivery_id().empty() && req.delivery_ids().empty()) {
    return InvalidArgument("INVALID_REQUEST", "delivery_id", "is required");
  }
  if (req.delivery_ids_size() > 100) {
    return InvalidArgument("INVALID_REQUEST", "delivery_ids", "at most 100");
  }
  std::vector<std::string> ids(req.delivery_ids().begin(), req.delivery_ids().end());
  if (!req.delivery_id().empty()) ids.insert(ids.begin(), req.delivery_id());
  auto acked = store_->AckMany(req.destination(), ids);
  if (!acked.ok()) return acked.status();
  if (!req.delivery_id().empty()) out->set_acknowledged(acked->front());
  int count = 0;
  for (bool a : *acked) count += a ? 1 : 0;
  if (metrics_ != nullptr && count > 0) metrics_->Acknowledged(count);
  out->set_acknowledged_count(count);
  return absl::OkStatus();
}

}  // namespace polylateral::routing
