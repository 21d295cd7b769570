#include "services/routing/domain/input_router.h"

#include <map>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/request_ids.h"
#include "services/routing/domain/input_validation.h"
#include "services/routing/domain/joint_statement.h"
#include "services/routing/domain/routing_policy.h"

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

// A joint statement starts with its author as the lead and nobody else.
void StartJoint(Input& input) {
  if (input.kind != InputKind::kJointStatement) return;
  input.joint = JointStatement{};
  input.joint->lead_id = input.author_id;
}

}  // namespace

std::vector<QueuedRoute> InputRouter::Queued(const std::vector<Route>& routes) const {
  std::vector<QueuedRoute> out;
  out.reserve(routes.size());
  for (const auto& r : routes) out.push_back({r.destination, codec_->EncodeRoute(r)});
  return out;
}

absl::StatusOr<std::unique_ptr<InputRecord>> InputRouter::Submit(const Principal& who, Input input,
                                                                 const InputRecord& submitted,
                                                                 const std::string& request_id,
                                                                 const std::string& fingerprint,
                                                                 absl::Time deadline) {
  if (!IsOperator(who) && !IsStakeholder(who, input.author_id)) {
    return PermissionDenied("NOT_AUTHOR", "only the author itself submits its input");
  }
  StartJoint(input);
  if (request_id.size() > 128) {
    return InvalidArgument("INVALID_REQUEST", "request_id", "is longer than 128 bytes");
  }
  if (auto st = ValidateInput(input); !st.ok()) return st;
  const absl::Time now = clock_->Now();
  const RoutingInput ri = ForRouting(input);
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

    SubmissionStamp stamp;
    stamp.id = id;
    stamp.create_time = now;
    stamp.author_group = gathered->author.group;
    stamp.author_region = gathered->author.region;
    stamp.joint = input.joint;
    stamp.decision = *decision;
    std::unique_ptr<InputRecord> record = codec_->Stamped(submitted, stamp);

    NewInput n;
    n.id = id;
    n.author_id = input.author_id;
    n.submitted_by = who.ToString();
    n.record = codec_->Encode(*record);
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
      return std::move(first->record);
    }
    return record;
  }
}

absl::StatusOr<RoutingDecision> InputRouter::Preview(Input input, absl::Time at,
                                                     absl::Time deadline) {
  StartJoint(input);
  if (auto st = ValidateInput(input); !st.ok()) return st;
  const RoutingInput ri = ForRouting(input);
  auto gathered = facts_->Gather(ri, at, deadline);
  if (!gathered.ok()) return gathered.status();
  return PreviewRoute(ri, gathered->facts, at);
}

absl::StatusOr<LoadedRecord> InputRouter::Load(const std::string& id) {
  auto stored = store_->Get(id);
  if (!stored.ok()) return stored.status();
  auto record = codec_->Decode(stored->record);
  if (!record.ok()) return record.status();
  return LoadedRecord{std::move(*record), stored->version};
}

absl::StatusOr<std::unique_ptr<InputRecord>> InputRouter::Mutate(
    const std::string& input_id, const std::function<absl::Status(JointStatement&)>& change) {
  // Optimistic concurrency: forty signatories confirming at once retry, never overwrite.
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto loaded = Load(input_id);
    if (!loaded.ok()) return loaded.status();
    InputRecord& record = *loaded->record;
    if (codec_->Kind(record) != InputKind::kJointStatement) {
      return FailedPrecondition("NOT_JOINT_STATEMENT", "input",
                                absl::StrCat(codec_->Name(record), " is not a joint statement"));
    }
    JointStatement js = codec_->Joint(record);
    if (auto st = change(js); !st.ok()) return st;
    codec_->SetJoint(record, js);
    absl::Status st = store_->Replace(input_id, loaded->version, codec_->Encode(record));
    if (st.ok()) return std::move(loaded->record);
    if (ErrorReason(st) != "CONCURRENT_CHANGE") return st;
  }
  return Aborted("CONCURRENT_CHANGE", "the input kept changing; retry");
}

absl::StatusOr<std::unique_ptr<InputRecord>> InputRouter::ChangeSignatory(
    const Principal& who, const std::string& input_id, const std::string& stakeholder,
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

absl::StatusOr<std::unique_ptr<InputRecord>> InputRouter::Publish(const Principal& who,
                                                                  const std::string& input_id,
                                                                  const std::string& text) {
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
    auto record = codec_->Decode(stored->record);
    if (!record.ok()) return record.status();
    auto input = codec_->Read(**record);
    if (!input.ok()) return input.status();
    const RoutingInput ri = ForRouting(*input);
    const absl::Time now = clock_->Now();
    auto gathered = facts_->Gather(ri, now, deadline);
    if (!gathered.ok()) return gathered.status();
    auto change = Reroute(ri, codec_->Routes(**record), gathered->facts, now, DescribeEvent(event),
                          codec_->Exclusions(**record));
    if (!change.ok()) return change.status();
    if (!change->to_record()) return false;
    codec_->Rerouted(**record, *change, now);
    std::vector<std::string> withdrawn;
    withdrawn.reserve(change->withdrawn.size());
    for (const auto& r : change->withdrawn) withdrawn.push_back(r.destination);
    absl::Status st = store_->Reroute(
        id, stored->version, codec_->Encode(**record), withdrawn, Queued(change->added),
        static_cast<int64_t>(change->decision.routes.size()), now, change->cause);
    if (st.ok()) return change->changed();
    if (ErrorReason(st) != "CONCURRENT_CHANGE") return st;
  }
  return Aborted("CONCURRENT_CHANGE", "the input kept changing during re-routing");
}

}  // namespace polylateral::routing
