// RoutingService's MarkCarriedForward: a state mission marks an input that reached it
// through a vertical route as carried into its own intervention.
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/routing/api/proto_input_codec.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/api/routing_service.h"
#include "services/routing/domain/carried_forward.h"

namespace polylateral::routing {
namespace {

// A state's mark speaks for that state alone: not another state, not an operator.
absl::Status TheStateItself(const Principal& who, const std::string& iso2) {
  if (who.kind == Principal::Kind::kState && who.id == iso2) return absl::OkStatus();
  return PermissionDenied("NOT_OWN_STATE",
                          absl::StrCat("only state:", iso2, " marks what ", iso2, " carried"));
}

// Re-reading when the record changed between the route check and the write (a re-routing or
// a joint-statement change) is cheap; giving up after this many clashes says ABORTED.
constexpr int kMaxAttempts = 5;

}  // namespace

absl::Status RoutingService::DoMarkCarriedForward(const Call& call,
                                                  const v1::MarkCarriedForwardRequest& req,
                                                  v1::CarriedForward* out) {
  auto input_id = ParseName(req.input(), {"inputs"}, "input");
  if (!input_id.ok()) return input_id.status();
  auto state = ParseName(req.state(), {"states"}, "state");
  if (!state.ok()) return state.status();
  if (auto st = TheStateItself(call.principal, (*state)[0]); !st.ok()) return st;
  if (req.request_id().size() > 128) {
    return InvalidArgument("INVALID_REQUEST", "request_id", "is longer than 128 bytes");
  }
  CarriedForward mark{(*input_id)[0], (*state)[0], req.note(), clock_->Now()};
  if (auto st = ValidateCarriedForward(mark); !st.ok()) return st;

  for (int attempt = 0;; ++attempt) {
    auto loaded = router_->Load(mark.input_id);
    if (!loaded.ok()) return loaded.status();
    const v1::Input& input = ProtoOf(*loaded->record);
    const int64_t version = loaded->version;
    std::vector<Route> routes;
    for (const auto& r : input.routes()) routes.push_back(RouteFromProto(r));
    auto processes = CarriedProcesses(mark, routes);
    if (!processes.ok()) return processes.status();

    v1::CarriedForward record;
    record.set_name(absl::StrCat(req.input(), "/carried/", mark.state));
    record.set_input(req.input());
    record.set_state(req.state());
    record.set_note(mark.note);
    record.set_marked_by(call.principal.ToString());
    TimeToProto(mark.mark_time, record.mutable_mark_time());
    auto stored = carried_->Mark(mark.input_id, version, mark.state, ToJson(record), *processes);
    if (absl::IsAborted(stored.status()) && attempt + 1 < kMaxAttempts) continue;
    if (!stored.ok()) return stored.status();
    return FromJson(stored->record, out);
  }
}

}  // namespace polylateral::routing
