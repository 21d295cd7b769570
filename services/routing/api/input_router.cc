#include "services/routing/api/input_router.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/request_ids.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/domain/input_validation.h"
#include "services/routing/domain/joint_statement.h"

namespace polylateral::routing {
namespace {

bool IsOperator(const Principal& p) { return p.kind == Principal::Kind::kOperator; }
bool IsStakeholder(const Principal& p, const std::string& id) {
  return p.kind == Principal::Kind::kStakeholder && p.id == id;
}

// The uptake-report dimensions per process the input was routed into.
std::vector<ReportDims> Dims(const RoutingDecision& d, const StakeholderInfo& author) {
  std::map<std::string, std::set<std::string>> extra;
  for (const auto& r : d.routes) {
    if (r.process_id.empty()) continue;
    auto& e = extra[r.process_id];
    e.insert(absl::StrCat("k:", static_cast<int>(r.kind)));
    if (r.kind == RouteKind::kVertical && !r.via.empty()) e.insert(absl::StrCat("s:", r.via));
  }
  std::vector<ReportDims> out;
  for (const auto& [process, e] : extra) {
    std::string dims = absl::StrCat("t,g:", static_cast<int>(author.group),
                                    ",r:", static_cast<int>(author.region));
    for (const auto& x : e) absl::StrAppend(&dims, ",", x);
    out.push_back({process, dims});
  }
  return out;
}

std::vector<QueuedRoute> Queued(const std::vector<Route>& routes) {
  std::vector<QueuedRoute> out;
  for (const auto& r : routes) {
    v1::Route p;
    RouteToProto(r, &p);
    out.push_back({r.destination, EncodeRecord(p)});
  }
  return out;
}

}  // namespace

absl::StatusOr<v1::Input> InputRouter::Submit(const Principal& who, const v1::Input& req,
                                              const std::string& request_id,
                                              const std::string& fingerprint, absl::Time deadline) {
  auto input = InputFromProto(req);
  if (!input.ok()) return input.status();
  if (!IsOperator(who) && !IsStakeholder(who, input->author_id)) {
    return PermissionDenied("NOT_AUTHOR", "only the author itself submits its input");
  }
  if (input->kind == InputKind::kJointStatement) {
    input->joint = JointStatement{};
    input->joint->lead_id = input->author_id;
  }
  if (request_id.size() > 128) {
    return InvalidArgument("INVALID_REQUEST", "request_id", "is longer than 128 bytes");
  }
  if (auto st = ValidateInput(*input); !st.ok()) return st;
  const absl::Time now = clock_->Now();
  const RoutingInput ri = ForRouting(*input);
  const std::string id = NewId("in");
  // Decided on cached facts first; if the script finds the consultations or relays changed
  // meanwhile, nothing was written: decide again on fresh ones.
  constexpr int kAttempts = 3;
  for (int attempt = 0;; ++attempt) {
    auto gathered =
        facts_->Gather(ri, now, deadline, attempt == 0 ? Freshness::kCached : Freshness::kFresh);
    if (!gathered.ok()) return gathered.status();
    auto decision = DecideRoutes(ri, gathered->facts, now);
    if (!decision.ok()) return decision.status();

    v1::Input record = req;
    record.set_name(absl::StrCat("inputs/", id));
    TimeToProto(now, record.mutable_create_time());
    record.set_author_group(static_cast<type::v1::StakeholderGroup>(gathered->author.group));
    record.set_author_region(static_cast<type::v1::Region>(gathered->author.region));
    record.clear_route_changes();
    if (input->joint.has_value()) {
      JointToProto(*input->joint, record.mutable_joint_statement());
    } else {
      record.clear_joint_statement();
    }
    DecisionToProto(*decision, &record);

    NewInput n;
    n.id = id;
    n.author_id = input->author_id;
    n.record = EncodeRecord(record);
    n.request_id = CallerRequestKey(who, request_id);
    n.request_fingerprint = fingerprint;
    n.now = now;
    n.routes = Queued(decision->routes);
    n.dims = Dims(*decision, gathered->author);
    n.facts_version = gathered->facts_version;
    auto stored_id = store_->Submit(n);
    if (!stored_id.ok()) {
      if (ErrorReason(stored_id.status()) == "FACTS_CHANGED" && attempt + 1 < kAttempts) continue;
      return stored_id.status();
    }
    if (*stored_id != id) {  // a retried request: the first result
      auto first = Load(*stored_id);
      if (!first.ok()) return first.status();
      record = std::move(first->first);
    }
    ForReaders(&record);
    return record;
  }
}

absl::StatusOr<RoutingDecision> InputRouter::Preview(const v1::Input& req, absl::Time at,
                                                     absl::Time deadline) {
  auto input = InputFromProto(req);
  if (!input.ok()) return input.status();
  if (input->kind == InputKind::kJointStatement) {
    input->joint = JointStatement{};
    input->joint->lead_id = input->author_id;
  }
  if (auto st = ValidateInput(*input); !st.ok()) return st;
  const RoutingInput ri = ForRouting(*input);
  auto gathered = facts_->Gather(ri, at, deadline);
  if (!gathered.ok()) return gathered.status();
  return PreviewRoute(ri, gathered->facts, at);
}

absl::StatusOr<std::pair<v1::Input, int64_t>> InputRouter::Load(const std::string& id) {
  auto stored = store_->Get(id);
  if (!stored.ok()) return stored.status();
  v1::Input in;
  if (auto st = FromJson(stored->record, &in); !st.ok()) return st;
  return std::make_pair(std::move(in), stored->version);
}

absl::StatusOr<v1::Input> InputRouter::Mutate(
    const std::string& input_id, const std::function<absl::Status(JointStatement&)>& change) {
  // Optimistic concurrency: forty signatories confirming at once retry, never overwrite.
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto loaded = Load(input_id);
    if (!loaded.ok()) return loaded.status();
    auto& [record, version] = *loaded;
    if (record.kind() != v1::Input::JOINT_STATEMENT) {
      return FailedPrecondition("NOT_JOINT_STATEMENT", "input",
                                absl::StrCat(record.name(), " is not a joint statement"));
    }
    JointStatement js = JointFromProto(record.author().substr(record.author().find('/') + 1),
                                       record.joint_statement());
    if (auto st = change(js); !st.ok()) return st;
    JointToProto(js, record.mutable_joint_statement());
    absl::Status st = store_->Replace(input_id, version, EncodeRecord(record));
    if (st.ok()) {
      ForReaders(&record);
      return record;
    }
    if (ErrorReason(st) != "CONCURRENT_CHANGE") return st;
  }
  return Aborted("CONCURRENT_CHANGE", "the input kept changing; retry");
}

absl::StatusOr<v1::Input> InputRouter::ChangeSignatory(const Principal& who,
                                                       const std::string& input_id,
                                                       const std::string& stakeholder,
                                                       SignatoryOp op) {
  const absl::Time now = clock_->Now();
  return Mutate(input_id, [&](JointStatement& js) -> absl::Status {
    if (op == SignatoryOp::kInvite) {
      if (!IsOperator(who) && !IsStakeholder(who, js.lead_id)) {
        return PermissionDenied("NOT_AUTHOR", "only the lead invites signatories");
      }
      return InviteSignatory(js, stakeholder, now);
    }
    if (!IsOperator(who) && !IsStakeholder(who, stakeholder)) {
      return PermissionDenied("NOT_SIGNATORY", "only the signatory itself confirms");
    }
    return ConfirmSignatory(js, stakeholder, now);
  });
}

absl::StatusOr<v1::Input> InputRouter::Publish(const Principal& who, const std::string& input_id,
                                               std::string text) {
  const absl::Time now = clock_->Now();
  return Mutate(input_id, [&](JointStatement& js) -> absl::Status {
    if (!IsOperator(who) && !IsStakeholder(who, js.lead_id)) {
      return PermissionDenied("NOT_AUTHOR", "only the lead publishes");
    }
    return PublishVersion(js, text, now);
  });
}

absl::StatusOr<int> InputRouter::ReactTo(const AccreditationEvent& event, absl::Time deadline) {
  auto ids = store_->ListIds(event.stakeholder_id, 0, 1000);
  if (!ids.ok()) return ids.status();
  int changed = 0;
  for (const auto& id : *ids) {
    auto c = RerouteOne(id, event, deadline);
    if (!c.ok()) return c.status();
    changed += *c ? 1 : 0;
  }
  return changed;
}

absl::StatusOr<bool> InputRouter::RerouteOne(const std::string& id, const AccreditationEvent& event,
                                             absl::Time deadline) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    auto stored = store_->Get(id);
    if (!stored.ok()) return stored.status();
    // Delivered everywhere: nothing is queued any more, the routes are history.
    if (stored->routes > 0 && stored->acked >= stored->routes) return false;
    v1::Input record;
    if (auto st = FromJson(stored->record, &record); !st.ok()) return st;
    auto input = InputFromProto(record);
    if (!input.ok()) return input.status();
    const RoutingInput ri = ForRouting(*input);
    const absl::Time now = clock_->Now();
    auto gathered = facts_->Gather(ri, now, deadline);
    if (!gathered.ok()) return gathered.status();
    std::vector<Route> current;
    for (const auto& r : record.routes()) current.push_back(RouteFromProto(r));
    auto change = Reroute(ri, current, gathered->facts, now, DescribeEvent(event));
    if (!change.ok()) return change.status();
    if (!change->changed()) return false;
    DecisionToProto(change->decision, &record);
    auto* rc = record.add_route_changes();
    TimeToProto(now, rc->mutable_change_time());
    rc->set_cause(change->cause);
    for (const auto& r : change->withdrawn) RouteToProto(r, rc->add_withdrawn());
    for (const auto& r : change->added) RouteToProto(r, rc->add_added());
    std::vector<std::string> withdrawn;
    for (const auto& r : change->withdrawn) withdrawn.push_back(r.destination);
    absl::Status st =
        store_->Reroute(id, stored->version, EncodeRecord(record), withdrawn, Queued(change->added),
                        static_cast<int64_t>(change->decision.routes.size()), now);
    if (st.ok()) return true;
    if (ErrorReason(st) != "CONCURRENT_CHANGE") return st;
  }
  return Aborted("CONCURRENT_CHANGE", "the input kept changing during re-routing");
}

}  // namespace polylateral::routing
