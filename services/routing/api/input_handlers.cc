// RoutingService's input methods: submission, reading, preview, joint statements.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"
#include "common/server/proto_checks.h"
#include "common/server/request_fingerprint.h"
#include "services/routing/api/proto_input_codec.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/api/routing_service.h"

namespace polylateral::routing {
namespace {

absl::StatusOr<std::string> InputId(const std::string& name, const std::string& field) {
  auto ids = ParseName(name, {"inputs"}, field);
  if (!ids.ok()) return ids.status();
  return (*ids)[0];
}

absl::Status Finish(absl::StatusOr<std::unique_ptr<InputRecord>> in, v1::Input* out) {
  if (!in.ok()) return in.status();
  *out = ForReadersOf(**in);
  return absl::OkStatus();
}

}  // namespace

absl::Status RoutingService::DoSubmitInput(const Call& call, const v1::SubmitInputRequest& req,
                                           v1::Input* out) {
  if (auto st = server::CheckEnums(req); !st.ok()) return st;
  auto input = InputFromProto(req.input());
  if (!input.ok()) return input.status();
  auto in = router_->Submit(call.principal, std::move(*input), ProtoInputRecord(req.input()),
                            req.request_id(), server::RequestFingerprint(req), call.deadline);
  if (auto st = Finish(std::move(in), out); !st.ok()) return st;
  if (metrics_ != nullptr) {
    if (out->routes().empty()) metrics_->Routed(RouteKind::kUnspecified);
    for (const auto& r : out->routes()) metrics_->Routed(static_cast<RouteKind>(r.kind()));
  }
  return absl::OkStatus();
}

absl::Status RoutingService::DoGetInput(const Call&, const v1::GetInputRequest& req,
                                        v1::Input* out) {
  auto id = InputId(req.name(), "name");
  if (!id.ok()) return id.status();
  auto loaded = router_->Load(*id);
  if (!loaded.ok()) return loaded.status();
  *out = ForReadersOf(*loaded->record);
  return absl::OkStatus();
}

absl::Status RoutingService::DoListInputs(const Call&, const v1::ListInputsRequest& req,
                                          v1::ListInputsResponse* out) {
  std::string author;
  if (!req.author().empty()) {
    auto a = ParseName(req.author(), {"stakeholders"}, "author");
    if (!a.ok()) return a.status();
    author = (*a)[0];
  }
  auto page_size = ResolvePageSize(req.page_size());
  if (!page_size.ok()) return page_size.status();
  const int64_t size = *page_size;
  const uint64_t fp = QueryFingerprint(absl::StrCat("author=", author));
  int64_t offset = 0;
  if (!req.page_token().empty()) {
    auto cursor = DecodePageToken(req.page_token(), fp);
    if (!cursor.ok() || !absl::SimpleAtoi(*cursor, &offset) || offset < 0) {
      return InvalidArgument("INVALID_REQUEST", "page_token", "is not a token of this listing");
    }
  }
  auto ids = store_->ListIds(author, offset, size + 1);
  if (!ids.ok()) return ids.status();
  for (size_t i = 0; i < ids->size() && static_cast<int64_t>(i) < size; ++i) {
    auto loaded = router_->Load((*ids)[i]);
    if (!loaded.ok()) continue;  // deleted between the index read and now
    *out->add_inputs() = ForReadersOf(*loaded->record);
  }
  if (static_cast<int64_t>(ids->size()) > size) {
    out->set_next_page_token(EncodePageToken(fp, std::to_string(offset + size)));
  }
  return absl::OkStatus();
}

absl::Status RoutingService::DoPreviewRoute(const Call& call, const v1::PreviewRouteRequest& req,
                                            v1::PreviewRouteResponse* out) {
  if (auto s = server::CheckTimestamp(req.at_time(), "at_time"); !s.ok()) return s;
  if (auto s = server::CheckEnums(req); !s.ok()) return s;
  const absl::Time at = req.has_at_time() ? TimeFromProto(req.at_time()) : clock_->Now();
  auto input = InputFromProto(req.input());
  if (!input.ok()) return input.status();
  auto d = router_->Preview(std::move(*input), at, call.deadline);
  if (!d.ok()) return d.status();
  for (const auto& r : d->routes) RouteToProto(r, out->add_routes());
  for (const auto& e : d->exclusions) ExclusionToProto(e, out->add_exclusions());
  return absl::OkStatus();
}

absl::Status RoutingService::DoInviteSignatory(const Call& call, const v1::SignatoryRequest& req,
                                               v1::Input* out) {
  auto id = InputId(req.input(), "input");
  if (!id.ok()) return id.status();
  auto who = ParseName(req.stakeholder(), {"stakeholders"}, "stakeholder");
  if (!who.ok()) return who.status();
  return Finish(
      router_->ChangeSignatory(call.principal, *id, (*who)[0], InputRouter::SignatoryOp::kInvite),
      out);
}

absl::Status RoutingService::DoConfirmSignatory(const Call& call, const v1::SignatoryRequest& req,
                                                v1::Input* out) {
  auto id = InputId(req.input(), "input");
  if (!id.ok()) return id.status();
  auto who = ParseName(req.stakeholder(), {"stakeholders"}, "stakeholder");
  if (!who.ok()) return who.status();
  return Finish(
      router_->ChangeSignatory(call.principal, *id, (*who)[0], InputRouter::SignatoryOp::kConfirm),
      out);
}

absl::Status RoutingService::DoPublishVersion(const Call& call,
                                              const v1::PublishVersionRequest& req,
                                              v1::Input* out) {
  auto id = InputId(req.input(), "input");
  if (!id.ok()) return id.status();
  return Finish(router_->Publish(call.principal, *id, req.text()), out);
}

}  // namespace polylateral::routing
