#include "services/accreditation/api/accreditation_mapping.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "common/base/resource_name.h"
#include "common/server/proto_checks.h"
#include "common/vocabulary/groups.h"
#include "services/accreditation/domain/accreditor.h"

namespace polylateral::accreditation {
namespace {

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t ms = absl::ToUnixMillis(t);
  out->set_seconds(ms / 1000);
  out->set_nanos(static_cast<int32_t>((ms % 1000) * 1000000));
}
bool IsSet(absl::Time t) { return t != absl::InfinitePast() && t != absl::InfiniteFuture(); }

// A report row's key: the value's name, or its number when the vocabulary has no such value.
std::string KeyName(std::string_view name, int v) {
  return name.empty() ? absl::StrCat(v) : std::string(name);
}
std::string GroupName(int v) {
  return KeyName(vocabulary::StakeholderGroupName(static_cast<vocabulary::StakeholderGroup>(v)), v);
}
std::string RegionName(int v) {
  return KeyName(vocabulary::RegionName(static_cast<vocabulary::Region>(v)), v);
}

// The mapping casts the domain's decision enums to the proto's.
static_assert(static_cast<int>(DecisionKind::kGranted) == v1::Decision::GRANTED);
static_assert(static_cast<int>(DecisionKind::kBlockedByObjections) ==
              v1::Decision::BLOCKED_BY_OBJECTIONS);
static_assert(static_cast<int>(DecisionKind::kRejectedByCommittee) ==
              v1::Decision::REJECTED_BY_COMMITTEE);
static_assert(static_cast<int>(DecisionKind::kWithdrawn) == v1::Decision::WITHDRAWN);
static_assert(static_cast<int>(DecisionKind::kClosedUnanswered) == v1::Decision::CLOSED_UNANSWERED);
static_assert(static_cast<int>(ObjectionRuleKind::kAnySingle) ==
              v1::Decision::ANY_SINGLE_OBJECTION);
static_assert(static_cast<int>(ObjectionRuleKind::kAtLeastN) == v1::Decision::AT_LEAST_N_STATES);
static_assert(static_cast<int>(ObjectionRuleKind::kFractionPresent) ==
              v1::Decision::FRACTION_OF_STATES_PRESENT);
static_assert(static_cast<int>(ReviewDecision::kApprove) == v1::Review::APPROVED);
static_assert(static_cast<int>(ReviewDecision::kReject) == v1::Review::REJECTED);
static_assert(static_cast<int>(ReviewDecision::kDefer) == v1::Review::DEFERRED);

v1::Application::DueAction DueActionToProto(DueAction action) {
  switch (action) {
    case DueAction::kNoticeEnd:
      return v1::Application::NOTICE_END;
    case DueAction::kReminder:
      return v1::Application::REMINDER;
    case DueAction::kClosure:
      return v1::Application::CLOSURE;
    case DueAction::kNone:
      break;
  }
  return v1::Application::DUE_ACTION_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParseName(const std::string& name,
                                                   const std::vector<std::string>& collections,
                                                   const std::string& field) {
  return ParseResourceName(name, {collections.begin(), collections.end()}, field);
}

absl::StatusOr<ApplicationQuery> ApplicationQueryFromProto(const v1::ListApplicationsRequest& r) {
  ApplicationQuery q;
  if (absl::Status s = server::CheckEnum(r.state(), "state"); !s.ok()) return s;
  if (r.state() != v1::Application::STATE_UNSPECIFIED) {
    q.filter.state = static_cast<AppState>(r.state());
  }
  q.filter.route_id = r.route_id();
  if (!r.stakeholder().empty()) {
    auto sh = ParseName(r.stakeholder(), {"stakeholders"}, "stakeholder");
    if (!sh.ok()) return sh.status();
    q.filter.stakeholder = (*sh)[0];
  }
  if (r.has_deadline_before()) {
    auto before = server::TimeFromProto(r.deadline_before(), "deadline_before");
    if (!before.ok()) return before.status();
    q.filter.deadline_before = *before;
  }
  auto order = ParseApplicationOrder(r.order_by());
  if (!order.ok()) return order.status();
  q.order = *order;
  return q;
}

void ApplicationToProto(const Application& a, v1::Application* out) {
  out->set_name(absl::StrCat("processes/", a.process, "/applications/", a.id));
  out->set_stakeholder(absl::StrCat("stakeholders/", a.stakeholder));
  out->set_route_id(a.route_id);
  out->set_state(static_cast<v1::Application::State>(a.state));
  out->set_route_kind(static_cast<v1::RouteKind>(a.rule.kind));
  for (auto r : a.rule.granted_rights) {
    out->add_rights(static_cast<type::v1::ParticipationRight>(r));
  }
  if (IsSet(a.create_time)) TimeToProto(a.create_time, out->mutable_create_time());
  if (IsSet(a.submit_time)) TimeToProto(a.submit_time, out->mutable_submit_time());
  if (IsSet(a.decide_time)) TimeToProto(a.decide_time, out->mutable_decide_time());
  if (IsSet(a.due_time)) TimeToProto(a.due_time, out->mutable_due_time());
  out->set_deferral_count(a.deferrals);
  out->set_unanswered_reminders(a.unanswered_reminders);
  for (const auto& q : a.questions) out->add_questions(q);
  for (const auto& x : a.answers) out->add_answers(x);
  out->set_decision_reason(a.decision_reason);
  out->set_objection_count(a.objection_count);
  out->set_etag(EtagOf(a.version));
  if (IsSet(a.notice_end)) TimeToProto(a.notice_end, out->mutable_notice_end_time());
  if (!a.notice_list.empty()) {
    out->set_notice_list(absl::StrCat("processes/", a.process, "/noticeLists/", a.notice_list));
  }
  if (a.states_present_correction >= 0) {
    out->set_states_present_correction(a.states_present_correction);
  }
  for (const Review& r : a.reviews) {
    v1::Review* out_review = out->add_reviews();
    out_review->set_outcome(static_cast<v1::Review::Outcome>(r.decision));
    out_review->set_reviewed_by(r.by);
    if (IsSet(r.time)) TimeToProto(r.time, out_review->mutable_review_time());
    out_review->set_question_count(r.questions);
  }
  out->set_due_action(DueActionToProto(DueActionOf(a)));
  if (a.decision_kind != DecisionKind::kUnspecified) {
    v1::Decision* d = out->mutable_decision();
    d->set_kind(static_cast<v1::Decision::Kind>(a.decision_kind));
    d->set_decided_by(a.decided_by);
    if (IsSet(a.decide_time)) TimeToProto(a.decide_time, d->mutable_decide_time());
    // The objection figures belong to a notice end; other decisions applied no blocking rule.
    if (a.rule.kind == RouteKind::kNonObjection && a.decision_threshold > 0) {
      d->set_objection_rule(static_cast<v1::Decision::ObjectionRule>(a.rule.objection_kind));
      d->set_blocking_threshold(a.decision_threshold);
      d->set_states_present(a.decision_states_present);
      d->set_objections_counted(a.decision_objections);
    }
  }
}

void AccreditationToProto(const Accreditation& a, v1::Accreditation* out) {
  out->set_name(absl::StrCat("processes/", a.process, "/accreditations/", a.stakeholder));
  out->set_stakeholder(absl::StrCat("stakeholders/", a.stakeholder));
  for (auto r : a.rights) out->add_rights(static_cast<type::v1::ParticipationRight>(r));
  out->set_status(static_cast<v1::Accreditation::Status>(a.status));
  if (IsSet(a.valid_from)) TimeToProto(a.valid_from, out->mutable_valid_from());
  if (IsSet(a.valid_until)) TimeToProto(a.valid_until, out->mutable_valid_until());
  out->set_application(absl::StrCat("processes/", a.process, "/applications/", a.application));
  out->set_route_id(a.route_id);
  out->set_status_reason(a.status_reason);
  out->set_etag(EtagOf(a.version));
}

void ObjectionToProto(const std::string& process, const std::string& app, const Objection& o,
                      v1::Objection* out) {
  out->set_name(
      absl::StrCat("processes/", process, "/applications/", app, "/objections/", o.state));
  out->set_state(absl::StrCat("states/", o.state));
  out->set_grounds(o.grounds);
  if (IsSet(o.lodge_time)) TimeToProto(o.lodge_time, out->mutable_lodge_time());
}

void ReportToProto(const Report& r, v1::TransparencyReport* out) {
  out->set_process(absl::StrCat("processes/", r.process.empty() ? "-" : r.process));
  for (const auto& o : r.outcomes) {
    auto* x = out->add_outcomes();
    x->set_route(o.route);
    x->set_outcome(o.outcome);
    x->set_count(o.count);
  }
  out->set_objections_total(r.objections_total);
  out->set_applications_blocked(r.applications_blocked);
  for (const auto& s : r.states) {
    auto* x = out->add_states();
    x->set_state(absl::StrCat("states/", s.state));
    x->set_objections(s.objections);
    x->set_share(s.share);
    x->set_applicants_blocked(s.applicants_blocked);
    x->set_deferrals(s.deferrals);
  }
  out->set_states_withheld(r.states_withheld);
  out->set_decision_seconds_p50(r.p50_seconds);
  out->set_decision_seconds_p90(r.p90_seconds);
  out->set_decisions(r.decisions);
  for (const auto& g : r.by_group) {
    auto* x = out->add_by_group();
    x->set_key(GroupName(g.key));
    x->set_decided(g.decided);
    x->set_approved(g.approved);
    x->set_rate(g.rate);
  }
  for (const auto& g : r.by_region) {
    auto* x = out->add_by_region();
    x->set_key(RegionName(g.key));
    x->set_decided(g.decided);
    x->set_approved(g.approved);
    x->set_rate(g.rate);
  }
  out->set_deferrals(r.deferrals);
  out->set_repeat_deferrals(r.repeat_deferrals);
}

}  // namespace polylateral::accreditation
