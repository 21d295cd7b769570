// RoutingService's inbox methods: a destination pulls and acknowledges its deliveries.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/api/routing_service.h"

namespace polylateral::routing {
namespace {

// Who reads an inbox: the process secretariat (processes/{p}/...), the state
// (states/{XX}/inbox), the network (networks/{id}); the clearing house by any secretariat;
// operators everywhere. INVALID_ARGUMENT for a name that is no destination.
absl::Status MayRead(const Principal& who, const std::string& dest) {
  std::vector<std::string> p = absl::StrSplit(dest, '/');
  Principal::Kind owner;
  std::string id;
  if (dest == kClearingHouseDestination) {
    owner = Principal::Kind::kSecretariat;
  } else if (p.size() >= 3 && p[0] == "processes" &&
             (p[2] == "plenary" || (p.size() == 4 && (p[2] == "sessions" || p[2] == "groups")))) {
    owner = Principal::Kind::kSecretariat;
    id = p[1];
  } else if (p.size() == 3 && p[0] == "states" && p[2] == "inbox") {
    owner = Principal::Kind::kState;
    id = p[1];
  } else if (p.size() == 2 && p[0] == "networks") {
    owner = Principal::Kind::kStakeholder;
    id = p[1];
  } else {
    return InvalidArgument("INVALID_REQUEST", "destination", "is not a destination name");
  }
  if (who.kind == Principal::Kind::kOperator) return absl::OkStatus();
  if (who.kind == owner && (id.empty() || who.id == id)) return absl::OkStatus();
  return PermissionDenied("NOT_DESTINATION", absl::StrCat("only the owner of ", dest, " reads it"));
}

}  // namespace

absl::Status RoutingService::DoPullInbox(const Call& call, const v1::PullInboxRequest& req,
                                         v1::PullInboxResponse* out) {
  if (auto st = MayRead(call.principal, req.destination()); !st.ok()) return st;
  if (req.max_deliveries() < 0 || req.max_deliveries() > 100) {
    return InvalidArgument("INVALID_REQUEST", "max_deliveries", "must be 0..100");
  }
  PullOptions o;
  o.count = req.max_deliveries() == 0 ? 10 : req.max_deliveries();
  if (!req.consumer().empty()) {
    if (req.consumer().size() > 64 ||
        req.consumer().find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789_-") != std::string::npos) {
      return InvalidArgument("INVALID_REQUEST", "consumer", "1..64 of [a-zA-Z0-9_-]");
    }
    o.consumer = req.consumer();
  }
  o.visibility_timeout = inbox_.visibility_timeout;
  o.max_deliveries = inbox_.max_deliveries;
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
  if (auto st = MayRead(call.principal, req.destination()); !st.ok()) return st;
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
