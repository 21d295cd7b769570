#include "services/accreditation/domain/application_rules.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/vocabulary/un_states.h"

namespace polylateral::accreditation {
namespace {

absl::Status WrongState(const Application& app, absl::string_view wanted) {
  return FailedPrecondition("WRONG_STATE", "application.state",
                            absl::StrCat("is ", AppStateName(app.state), "; ", wanted));
}

constexpr char kStatePrefix[] = "state:";

std::string Ms(absl::Time t) { return std::to_string(absl::ToUnixMillis(t)); }

Event MakeEvent(const std::string& type, const Application& app, absl::Time now,
                const std::string& by) {
  Event e;
  e.type = type;
  e.fields = {{"process", app.process},
              {"application", app.id},
              {"stakeholder", app.stakeholder},
              {"route", app.route_id},
              {"state", AppStateName(app.state)},
              {"rights", JoinNumbers(app.rule.granted_rights)},
              {"at", Ms(now)},
              {"reason", app.decision_reason},
              {"by", by}};
  return e;
}

Transition Next(const Application& app) {
  Transition t;
  t.expected_version = app.version;
  t.application = app;
  t.application.version = app.version + 1;
  return t;
}

DecisionKind DecisionKindOf(const std::string& outcome) {
  if (outcome == "approved") return DecisionKind::kGranted;
  if (outcome == "blocked") return DecisionKind::kBlockedByObjections;
  if (outcome == "rejected") return DecisionKind::kRejectedByCommittee;
  if (outcome == "withdrawn") return DecisionKind::kWithdrawn;
  if (outcome == "closed") return DecisionKind::kClosedUnanswered;
  return DecisionKind::kUnspecified;
}

// Moves t.application to a terminal `state` with everything a decision carries: counters
// (outcome by route, approval rates by group and region), the decision time, the release of
// the stakeholder, the accreditation on approval, and the events.
void Decide(Transition& t, AppState state, const std::string& outcome, const std::string& reason,
            absl::Time now, const std::string& by) {
  Application& a = t.application;
  a.state = state;
  a.decide_time = now;
  a.due_time = absl::InfinitePast();
  a.decision_reason = reason;
  a.decided_by = by;
  a.decision_kind = DecisionKindOf(outcome);
  t.release_open = true;
  t.counters.push_back({RouteOutcomeField(a.route_id, outcome),
                        RouteOutcomeField(RouteKindName(a.rule.kind), outcome), 1});
  if (state != AppState::kWithdrawn) {
    const bool ok = state == AppState::kApproved;
    for (const auto& [prefix, value] : std::vector<std::pair<std::string, int>>{
             {"g:", static_cast<int>(a.group)}, {"rg:", static_cast<int>(a.region)}}) {
      const std::string base = absl::StrCat(prefix, value);
      t.counters.push_back({base + ":dec", base + ":dec", 1});
      if (ok) t.counters.push_back({base + ":ok", base + ":ok", 1});
    }
    if (a.submit_time != absl::InfinitePast()) t.decision_duration = now - a.submit_time;
  }
  t.events.push_back(MakeEvent(absl::StrCat("application.", outcome), a, now, by));
  if (state == AppState::kApproved) {
    t.grant = GrantFor(a, now);
    Event granted = MakeEvent("accreditation.granted", a, now, by);
    // An accreditation event carries the accreditation's status, not the application's.
    for (auto& [k, v] : granted.fields) {
      if (k == "state") v = AccStatusName(t.grant->status);
    }
    granted.fields.push_back({"valid_until", t.grant->valid_until == absl::InfiniteFuture()
                                                 ? ""
                                                 : Ms(t.grant->valid_until)});
    t.events.push_back(std::move(granted));
  }
}

}  // namespace

std::string RouteOutcomeField(const std::string& route, const std::string& outcome) {
  return absl::StrCat("r:", route, ":", outcome);
}

absl::StatusOr<RouteRule> FindRoute(const ProcessInfo& process, const std::string& route_id) {
  for (const auto& r : process.routes) {
    if (r.route_id == route_id) return r;
  }
  return FailedPrecondition(
      "ROUTE_NOT_OFFERED", "application.route_id",
      absl::StrCat("processes/", process.id, " offers no route \"", route_id, "\""));
}

bool QualifyingAccreditation(const RouteRule& rule, const Accreditation& held, absl::Time now) {
  const auto& q = rule.qualifying_processes;
  return std::find(q.begin(), q.end(), held.process) != q.end() &&
         held.status == AccStatus::kActive && now < held.valid_until;
}

namespace {

bool EcosocQualifies(const RouteRule& rule, const StakeholderInfo& s) {
  return std::find(rule.qualifying_ecosoc.begin(), rule.qualifying_ecosoc.end(), s.ecosoc_status) !=
         rule.qualifying_ecosoc.end();
}

// The first of `held` that qualifies, or nullptr.
const Accreditation* QualifyingHeld(const RouteRule& rule, const std::vector<Accreditation>& held,
                                    absl::Time now) {
  for (const auto& a : held) {
    if (QualifyingAccreditation(rule, a, now)) return &a;
  }
  return nullptr;
}

}  // namespace

absl::Status CheckAdmissible(const RouteRule& rule, const StakeholderInfo& s,
                             const std::vector<Accreditation>& held, absl::Time now) {
  if (!rule.eligible_groups.empty() &&
      std::find(rule.eligible_groups.begin(), rule.eligible_groups.end(), s.group) ==
          rule.eligible_groups.end()) {
    return FailedPrecondition(
        "NOT_ELIGIBLE", "application.stakeholder",
        absl::StrCat("route ", rule.route_id, " is not open to the stakeholder's group"));
  }
  if (rule.kind == RouteKind::kInheritedStatus && !EcosocQualifies(rule, s) &&
      QualifyingHeld(rule, held, now) == nullptr) {
    return FailedPrecondition(
        "STATUS_NOT_QUALIFYING", "application.stakeholder",
        absl::StrCat("route ", rule.route_id,
                     " needs an ECOSOC status or an active accreditation the stakeholder lacks"));
  }
  return absl::OkStatus();
}

int BlockingThreshold(const RouteRule& rule) {
  return BlockingThreshold(rule, rule.states_present);
}

int BlockingThreshold(const RouteRule& rule, int states_present) {
  switch (rule.objection_kind) {
    case ObjectionRuleKind::kAtLeastN:
      return std::max(1, rule.min_objecting_states);
    case ObjectionRuleKind::kFractionPresent: {
      const int present = states_present > 0 ? states_present : vocabulary::kUnMemberStates;
      // A tiny epsilon keeps 1/3 of 99 at 33, not 34, after floating-point rounding.
      return std::max(
          1, static_cast<int>(std::ceil(rule.fraction_of_states_present * present - 1e-9)));
    }
    default:
      return 1;  // any single objection, and the safe reading of an unspecified rule
  }
}

bool ObjectionsBlock(const RouteRule& rule, int objections) {
  return objections >= BlockingThreshold(rule);
}

Transition NewDraft(const std::string& process, const std::string& id,
                    const std::string& stakeholder, const std::string& route_id,
                    const std::string& created_by, absl::Time now, const std::string& request_id) {
  Transition t;
  t.expected_version = 0;
  t.request_id = request_id;
  t.claim_open = true;
  Application& a = t.application;
  a.process = process;
  a.id = id;
  a.stakeholder = stakeholder;
  a.route_id = route_id;
  a.state = AppState::kDraft;
  a.version = 1;
  a.create_time = now;
  a.created_by = created_by;
  return t;
}

absl::StatusOr<Transition> SubmitTransition(const Application& draft, const RouteRule& rule,
                                            Disclosure disclosure, const StakeholderInfo& s,
                                            absl::Time now, const std::string& by,
                                            const std::vector<Accreditation>& held) {
  if (draft.state != AppState::kDraft) return WrongState(draft, "only a draft is submitted");
  if (absl::Status st = CheckAdmissible(rule, s, held, now); !st.ok()) return st;
  Transition t = Next(draft);
  Application& a = t.application;
  a.rule = rule;
  a.disclosure = disclosure;
  a.group = s.group;
  a.region = s.region;
  a.submit_time = now;
  a.state = AppState::kSubmitted;
  t.counters.push_back({RouteOutcomeField(a.route_id, "submitted"),
                        RouteOutcomeField(RouteKindName(rule.kind), "submitted"), 1});
  t.events.push_back(MakeEvent("application.submitted", a, now, by));
  switch (rule.kind) {
    case RouteKind::kInheritedStatus: {
      const Accreditation* q = EcosocQualifies(rule, s) ? nullptr : QualifyingHeld(rule, held, now);
      Decide(t, AppState::kApproved, "approved",
             q == nullptr ? "qualifying status held"
                          : absl::StrCat("accredited to processes/", q->process),
             now, "route");
      break;
    }
    case RouteKind::kOpen:
      Decide(t, AppState::kApproved, "approved", "open registration", now, "route");
      break;
    case RouteKind::kNonObjection:
      a.state = AppState::kInNotice;
      a.due_time = now + rule.notice_period;
      a.notice_end = a.due_time;
      t.due_add.push_back({DueKind::kNotice, a.due_time});
      break;
    case RouteKind::kCommitteeReview:
      a.state = AppState::kInReview;
      break;
    default:
      return FailedPrecondition("ROUTE_NOT_OFFERED", "application.route_id",
                                "the route has no known kind");
  }
  return t;
}

absl::StatusOr<Transition> ReviewTransition(const Application& app, ReviewDecision decision,
                                            const std::vector<std::string>& questions,
                                            const std::string& reason, absl::Time now,
                                            const std::string& by) {
  if (app.state != AppState::kInReview) {
    return WrongState(app, "only an application in review is reviewed");
  }
  Transition t = Next(app);
  t.application.reviews.push_back(
      {decision, by, now,
       decision == ReviewDecision::kDefer ? static_cast<int>(questions.size()) : 0});
  switch (decision) {
    case ReviewDecision::kApprove:
      Decide(t, AppState::kApproved, "approved",
             reason.empty() ? "approved by the committee" : reason, now, by);
      break;
    case ReviewDecision::kReject:
      Decide(t, AppState::kRejected, "rejected",
             reason.empty() ? "rejected by the committee" : reason, now, by);
      break;
    case ReviewDecision::kDefer: {
      Application& a = t.application;
      a.state = AppState::kDeferred;
      a.deferrals += 1;
      a.unanswered_reminders = 0;
      a.questions = questions;
      a.answers.clear();
      a.decision_reason = reason;
      a.due_time = now + a.rule.reminder_interval;
      t.due_add.push_back({DueKind::kReminder, a.due_time});
      t.counters.push_back({"defer", "defer", 1});
      if (a.deferrals == 2) t.counters.push_back({"redefer", "redefer", 1});
      if (absl::StartsWith(by, kStatePrefix)) {
        const std::string field = absl::StrCat("dfr:", static_cast<int>(a.disclosure), ":",
                                               by.substr(sizeof(kStatePrefix) - 1));
        t.counters.push_back({field, field, 1});
      }
      t.events.push_back(MakeEvent("application.deferred", a, now, by));
      break;
    }
  }
  return t;
}

absl::StatusOr<Transition> AnswerTransition(const Application& app,
                                            const std::vector<std::string>& answers, absl::Time now,
                                            const std::string& by) {
  if (app.state != AppState::kDeferred) {
    return WrongState(app, "only a deferred application is answered");
  }
  Transition t = Next(app);
  Application& a = t.application;
  a.state = AppState::kInReview;
  a.answers = answers;
  a.unanswered_reminders = 0;
  a.due_time = absl::InfinitePast();
  t.due_remove.push_back(DueKind::kReminder);
  t.events.push_back(MakeEvent("application.answered", a, now, by));
  return t;
}

absl::StatusOr<Transition> WithdrawTransition(const Application& app, absl::Time now,
                                              const std::string& by) {
  if (IsTerminal(app.state)) return WrongState(app, "a decided application cannot be withdrawn");
  Transition t = Next(app);
  t.due_remove = {DueKind::kNotice, DueKind::kReminder};
  const bool was_draft = app.state == AppState::kDraft;
  Decide(t, AppState::kWithdrawn, "withdrawn", "withdrawn by the applicant", now, by);
  // A draft never entered the figures.
  if (was_draft) t.counters.clear();
  return t;
}

namespace {

absl::Status NotDue(const Application& app, absl::string_view wanted) {
  return FailedPrecondition("NOT_DUE", "application.state",
                            absl::StrCat("is ", AppStateName(app.state), "; ", wanted));
}

constexpr char kScheduler[] = "scheduler";

}  // namespace

absl::StatusOr<Transition> NoticeEndTransition(const Application& app,
                                               const std::vector<std::string>& objectors,
                                               absl::Time now) {
  if (app.state != AppState::kInNotice || app.due_time > now) {
    return NotDue(app, "only a notice period that has ended is decided");
  }
  Transition t = Next(app);
  const int n = static_cast<int>(objectors.size());
  Application& a = t.application;
  a.decision_objections = n;
  a.decision_states_present = StatesPresentAt(app, now);
  a.decision_threshold = BlockingThreshold(app.rule, a.decision_states_present);
  if (n < a.decision_threshold) {
    Decide(t, AppState::kApproved, "approved", "notice period ended without blocking objections",
           now, kScheduler);
    return t;
  }
  Decide(t, AppState::kRejected, "blocked", absl::StrCat("blocked by ", n, " objection(s)"), now,
         kScheduler);
  t.counters.push_back({"blkn", "blkn", 1});
  const std::string policy = std::to_string(static_cast<int>(app.disclosure));
  for (const auto& state : objectors) {
    const std::string field = absl::StrCat("blk:", policy, ":", state);
    t.counters.push_back({field, field, 1});
  }
  return t;
}

absl::StatusOr<Transition> ReminderTransition(const Application& app, absl::Time now) {
  if (app.state != AppState::kDeferred || app.due_time > now) {
    return NotDue(app, "only a deferral whose reminder is due is reminded");
  }
  Transition t = Next(app);
  Application& a = t.application;
  // Every reminder is sent; the entry after the last one closes, one interval later.
  if (a.unanswered_reminders >= a.rule.max_unanswered_reminders) {
    Decide(t, AppState::kClosed, "closed",
           absl::StrCat(a.unanswered_reminders, " reminders unanswered"), now, kScheduler);
    return t;
  }
  a.unanswered_reminders += 1;
  a.due_time = now + a.rule.reminder_interval;
  t.due_add.push_back({DueKind::kReminder, a.due_time});
  Event e = MakeEvent("application.reminded", a, now, kScheduler);
  for (auto& [k, v] : e.fields) {
    if (k == "reason") v = absl::StrCat(a.unanswered_reminders, " reminder(s) unanswered");
  }
  t.events.push_back(std::move(e));
  return t;
}

DueAction DueActionOf(const Application& app) {
  switch (app.state) {
    case AppState::kInNotice:
      return DueAction::kNoticeEnd;
    case AppState::kDeferred:
      return app.unanswered_reminders < app.rule.max_unanswered_reminders ? DueAction::kReminder
                                                                          : DueAction::kClosure;
    default:
      return DueAction::kNone;
  }
}

int StatesPresentAt(const Application& app, absl::Time now) {
  if (app.states_present_correction >= 0) return app.states_present_correction;
  if (const SessionWindow* s = SessionAt(app.rule.sessions, now); s != nullptr) {
    return s->states_present;
  }
  return app.rule.states_present;
}

absl::StatusOr<Transition> CorrectStatesPresentTransition(const Application& app,
                                                          int states_present, absl::Time now) {
  // The registry's bound on a session's states present: members and observer states.
  if (states_present < 0 || states_present > 195) {
    return InvalidArgument("INVALID_STATES_PRESENT", "states_present",
                           "must be 0..195 (0: all members)");
  }
  if (app.state != AppState::kInNotice || app.due_time <= now) {
    return FailedPrecondition("NOT_IN_NOTICE_PERIOD", "application.state",
                              absl::StrCat("is ", AppStateName(app.state),
                                           "; the states present are corrected only while the "
                                           "notice period runs"));
  }
  Transition t = Next(app);
  t.application.states_present_correction = states_present;
  return t;
}

const SessionWindow* SessionAt(const std::vector<SessionWindow>& sessions, absl::Time now) {
  for (const auto& s : sessions) {
    if (s.until > now) return &s;
  }
  return nullptr;
}

Accreditation GrantFor(const Application& app, absl::Time now) {
  Accreditation acc;
  acc.process = app.process;
  acc.stakeholder = app.stakeholder;
  acc.application = app.id;
  acc.route_id = app.route_id;
  acc.rights = app.rule.granted_rights;
  acc.status = AccStatus::kActive;
  acc.valid_from = now;
  acc.valid_until = absl::InfiniteFuture();
  if (app.rule.validity > absl::ZeroDuration()) {
    acc.valid_until = now + app.rule.validity;
  } else if (const SessionWindow* s = SessionAt(app.rule.sessions, now); s != nullptr) {
    acc.valid_from = s->from;
    acc.valid_until = s->until;
  }
  acc.version = 1;
  return acc;
}

}  // namespace polylateral::accreditation
