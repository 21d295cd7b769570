// RoutingService's dead-letter methods: operators list, requeue and drop what a destination
// never acknowledged.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"
#include "services/routing/api/proto_input_codec.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/api/routing_service.h"
#include "services/routing/domain/inbox_access.h"

namespace polylateral::routing {
namespace {

void DeadLetterToProto(const std::string& destination, const StoredDeadLetter& d,
                       v1::DeadLetter* out) {
  out->set_delivery_id(d.delivery_id);
  out->set_destination(destination);
  out->set_input(absl::StrCat("inputs/", d.input_id));
  out->set_delivery_count(d.delivery_count);
  TimeToProto(absl::FromUnixMillis(d.moved_ms), out->mutable_dead_letter_time());
  out->set_reason(d.reason);
}

absl::Status CheckDeliveryId(const std::string& id) {
  if (id.empty()) return InvalidArgument("INVALID_REQUEST", "delivery_id", "is required");
  return absl::OkStatus();
}

}  // namespace

absl::Status RoutingService::DoListDeadLetters(const Call& call,
                                               const v1::ListDeadLettersRequest& req,
                                               v1::ListDeadLettersResponse* out) {
  if (auto st = MayHandleDeadLetters(call.principal, req.destination()); !st.ok()) return st;
  auto page_size = ResolvePageSize(req.page_size());
  if (!page_size.ok()) return page_size.status();
  const int64_t size = *page_size;
  const uint64_t fp = QueryFingerprint(absl::StrCat("dead-letters|", req.destination()));
  int64_t offset = 0;
  if (!req.page_token().empty()) {
    auto cursor = DecodePageToken(req.page_token(), fp);
    if (!cursor.ok() || !absl::SimpleAtoi(*cursor, &offset) || offset < 0) {
      return InvalidArgument("INVALID_REQUEST", "page_token", "is not a token of this listing");
    }
  }
  auto page = dead_letters_->List(req.destination(), offset, size);
  if (!page.ok()) return page.status();
  for (const auto& d : page->items)
    DeadLetterToProto(req.destination(), d, out->add_dead_letters());
  out->set_total_count(page->total);
  if (offset + size < page->total) {
    out->set_next_page_token(EncodePageToken(fp, std::to_string(offset + size)));
  }
  return absl::OkStatus();
}

absl::Status RoutingService::DoRequeueDeadLetter(const Call& call,
                                                 const v1::RequeueDeadLetterRequest& req,
                                                 v1::DeadLetter* out) {
  if (auto st = MayHandleDeadLetters(call.principal, req.destination()); !st.ok()) return st;
  if (auto st = CheckDeliveryId(req.delivery_id()); !st.ok()) return st;
  auto dead = dead_letters_->Find(req.destination(), req.delivery_id());
  if (!dead.ok()) return dead.status();
  // The delivery goes back with the route that brought the input to this destination.
  auto loaded = router_->Load(dead->input_id);
  if (!loaded.ok()) return loaded.status();
  const v1::Route* route = nullptr;
  for (const auto& r : ProtoOf(*loaded->record).routes()) {
    if (r.destination() == req.destination()) route = &r;
  }
  if (route == nullptr) {
    return FailedPrecondition(
        "NO_ROUTE_TO_DESTINATION", "destination",
        absl::StrCat("inputs/", dead->input_id, " is no longer routed to ", req.destination()));
  }
  auto id = dead_letters_->Requeue(req.destination(), *dead, EncodeRecord(*route), clock_->Now(),
                                   call.principal.ToString());
  if (!id.ok()) return id.status();
  DeadLetterToProto(req.destination(), *dead, out);
  out->set_delivery_id(*id);
  return absl::OkStatus();
}

absl::Status RoutingService::DoDropDeadLetter(const Call& call,
                                              const v1::DropDeadLetterRequest& req,
                                              v1::Empty* /*out*/) {
  if (auto st = MayHandleDeadLetters(call.principal, req.destination()); !st.ok()) return st;
  if (auto st = CheckDeliveryId(req.delivery_id()); !st.ok()) return st;
  auto dead = dead_letters_->Find(req.destination(), req.delivery_id());
  if (!dead.ok()) return dead.status();
  return dead_letters_->Drop(req.destination(), *dead, clock_->Now(), call.principal.ToString());
}

}  // namespace polylateral::routing
