// RoutingService's state methods: consultations and relay declarations (vertical track data).
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/api/routing_service.h"
#include "services/routing/domain/state_facts_rules.h"

namespace polylateral::routing {
namespace {

absl::Status OwnState(const Principal& who, const std::string& iso2) {
  if (who.kind == Principal::Kind::kOperator) return absl::OkStatus();
  if (who.kind == Principal::Kind::kState && who.id == iso2) return absl::OkStatus();
  return PermissionDenied("NOT_OWN_STATE", absl::StrCat("only state:", iso2, " acts for ", iso2));
}

absl::Status CheckThemes(const google::protobuf::RepeatedPtrField<std::string>& themes,
                         const std::string& field, Violations& v) {
  if (themes.size() > 10) v.Add(field, "at most 10 themes");
  for (int i = 0; i < themes.size(); ++i) {
    if (!IsReadableResourceId(BareTheme(themes[i]))) {
      v.Add(absl::StrCat(field, "[", i, "]"), "is not a theme id");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RoutingService::DoCreateConsultation(const Call& call,
                                                  const v1::CreateConsultationRequest& req,
                                                  v1::Consultation* out) {
  v1::Consultation c = req.consultation();
  auto state = ParseName(c.state(), {"states"}, "consultation.state");
  if (!state.ok()) return state.status();
  if (auto st = OwnState(call.principal, (*state)[0]); !st.ok()) return st;
  if (auto st = CheckKnownState((*state)[0], "consultation.state"); !st.ok()) return st;
  Violations v;
  if (c.title().empty() || c.title().size() > 200) v.Add("consultation.title", "1..200 bytes");
  if (!c.process().empty() && !ParseName(c.process(), {"processes"}, "").ok()) {
    v.Add("consultation.process", "must be processes/{id}");
  }
  if (c.process().empty() && c.themes().empty()) {
    v.Add("consultation.themes", "a process or at least one theme is required");
  }
  CheckThemes(c.themes(), "consultation.themes", v).IgnoreError();
  std::string id = req.consultation_id().empty() ? NewId("c") : req.consultation_id();
  if (!IsValidResourceId(id)) v.Add("consultation_id", "1..63 of [a-z0-9-]");
  if (!v.empty()) return v.ToStatus("INVALID_REQUEST");
  c.set_name(absl::StrCat("consultations/", id));
  if (!c.has_open_time()) TimeToProto(clock_->Now(), c.mutable_open_time());
  auto created = store_->CreateConsultation(id, (*state)[0], ToJson(c));
  if (!created.ok()) return created.status();
  if (!*created) return AlreadyExists("CONSULTATION_EXISTS", c.name() + " exists");
  *out = std::move(c);
  return absl::OkStatus();
}

absl::Status RoutingService::DoCloseConsultation(const Call& call,
                                                 const v1::CloseConsultationRequest& req,
                                                 v1::Consultation* out) {
  auto id = ParseName(req.name(), {"consultations"}, "name");
  if (!id.ok()) return id.status();
  auto stored = store_->GetConsultation((*id)[0]);
  if (!stored.ok()) return stored.status();
  if (auto st = OwnState(call.principal, stored->first); !st.ok()) return st;
  v1::Consultation c;
  if (auto st = FromJson(stored->second, &c); !st.ok()) return st;
  const absl::Time now = clock_->Now();
  if (!c.has_close_time() || TimeFromProto(c.close_time()) > now) {
    TimeToProto(now, c.mutable_close_time());
    if (auto st = store_->PutConsultation((*id)[0], stored->first, ToJson(c)); !st.ok()) return st;
  }
  *out = std::move(c);
  return absl::OkStatus();
}

absl::Status RoutingService::DoDeclareRelay(const Call& call, const v1::DeclareRelayRequest& req,
                                            v1::RelayDeclaration* out) {
  v1::RelayDeclaration r = req.relay();
  auto state = ParseName(r.state(), {"states"}, "relay.state");
  if (!state.ok()) return state.status();
  if (auto st = OwnState(call.principal, (*state)[0]); !st.ok()) return st;
  if (auto st = CheckKnownState((*state)[0], "relay.state"); !st.ok()) return st;
  Violations v;
  if (r.themes().empty()) v.Add("relay.themes", "at least one theme is required");
  CheckThemes(r.themes(), "relay.themes", v).IgnoreError();
  if (!r.process().empty() && !ParseName(r.process(), {"processes"}, "").ok()) {
    v.Add("relay.process", "must be processes/{id}");
  }
  if (!v.empty()) return v.ToStatus("INVALID_REQUEST");
  const std::string id = NewId("r");
  r.set_name(absl::StrCat("relays/", id));
  if (!r.has_since()) TimeToProto(clock_->Now(), r.mutable_since());
  if (auto st = store_->DeclareRelay(id, (*state)[0], ToJson(r), state_facts_.max_relays_per_state);
      !st.ok()) {
    return st;
  }
  *out = std::move(r);
  return absl::OkStatus();
}

absl::Status RoutingService::DoDeleteRelay(const Call& call, const v1::DeleteRelayRequest& req,
                                           v1::Empty*) {
  auto id = ParseName(req.name(), {"relays"}, "name");
  if (!id.ok()) return id.status();
  auto stored = store_->GetRelay((*id)[0]);
  if (!stored.ok()) return stored.status();
  v1::RelayDeclaration r;
  if (auto st = FromJson(*stored, &r); !st.ok()) return st;
  auto state = ParseName(r.state(), {"states"}, "relay.state");
  if (!state.ok()) return state.status();
  if (auto st = OwnState(call.principal, (*state)[0]); !st.ok()) return st;
  return store_->DeleteRelay((*id)[0], (*state)[0]);
}

}  // namespace polylateral::routing
