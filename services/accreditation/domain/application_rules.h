#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_APPLICATION_RULES_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_APPLICATION_RULES_H_

// The application state machine as pure functions: each takes the current record and returns
// the transition the store applies (new record, schedule, counters, events), or the error
// that leaves everything untouched.
//
//   DRAFT --submit--> APPROVED                 inherited status, open registration
//                  -> IN_NOTICE --deadline-->  APPROVED | REJECTED (blocked)   non-objection
//                  -> IN_REVIEW --review-->    APPROVED | REJECTED | DEFERRED  committee
//   DEFERRED --answer--> IN_REVIEW;  DEFERRED --reminders exhausted--> CLOSED
//   any non-terminal --withdraw--> WITHDRAWN
// Terminal states release the stakeholder to apply again. Notice ends and reminders are
// executed by the store's scheduler script (due_claim.lua), which mirrors NoticeEndTransition
// and ReminderTransition; store/due_mirror_test.cc holds the two to the same decisions.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/accreditation/domain/accreditation_store.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

// The route `route_id` of `process`, or FAILED_PRECONDITION ROUTE_NOT_OFFERED on
// `application.route_id`.
absl::StatusOr<RouteRule> FindRoute(const ProcessInfo& process, const std::string& route_id);

// Whether `held` -- the stakeholder's accreditation in another process, as this service
// stores it -- qualifies for an inherited-status route at `now`: its process is one of the
// route's qualifying_processes, its status is ACTIVE and its validity has not ended (one
// granted for a session still to come qualifies).
bool QualifyingAccreditation(const RouteRule& rule, const Accreditation& held, absl::Time now);

// Whether the stakeholder may use the route: FAILED_PRECONDITION NOT_ELIGIBLE (group) or
// STATUS_NOT_QUALIFYING (inherited status with neither a qualifying ECOSOC status nor, among
// `held`, a qualifying accreditation at `now`).
absl::Status CheckAdmissible(const RouteRule& rule, const StakeholderInfo& stakeholder,
                             const std::vector<Accreditation>& held = {},
                             absl::Time now = absl::InfinitePast());

// Whether `objections` objecting states block under the rule (non-objection routes).
bool ObjectionsBlock(const RouteRule& rule, int objections);
// The smallest number of objections that blocks, with the states present the rule carries.
int BlockingThreshold(const RouteRule& rule);
// The same with `states_present` (0 = all members) for a fraction rule.
int BlockingThreshold(const RouteRule& rule, int states_present);

// The states present a notice end at `now` takes (0 = all members): the secretariat's
// correction when there is one, else the session current or next at `now` among those
// snapshotted at submission, else the number snapshotted at submission.
int StatesPresentAt(const Application& app, absl::Time now);

// The secretariat corrects the states present of an application in its notice period:
// INVALID_ARGUMENT INVALID_STATES_PRESENT on `states_present` outside 0..195 (0 = all
// members); FAILED_PRECONDITION NOT_IN_NOTICE_PERIOD once the notice period has ended at `now`
// or the application is not in one.
absl::StatusOr<Transition> CorrectStatesPresentTransition(const Application& app,
                                                          int states_present, absl::Time now);

Transition NewDraft(const std::string& process, const std::string& id,
                    const std::string& stakeholder, const std::string& route_id,
                    const std::string& created_by, absl::Time now, const std::string& request_id);

// `held`: the stakeholder's accreditations in the route's qualifying_processes (inherited
// status), read from the store at submission.
absl::StatusOr<Transition> SubmitTransition(const Application& draft, const RouteRule& rule,
                                            Disclosure disclosure,
                                            const StakeholderInfo& stakeholder, absl::Time now,
                                            const std::string& by,
                                            const std::vector<Accreditation>& held = {});

// A review by `by`, recorded on the application. A deferral by a member state counts towards
// that state's deferrals in the transparency report (under the disclosure policy, like
// objections).
absl::StatusOr<Transition> ReviewTransition(const Application& app, ReviewDecision decision,
                                            const std::vector<std::string>& questions,
                                            const std::string& reason, absl::Time now,
                                            const std::string& by);
absl::StatusOr<Transition> AnswerTransition(const Application& app,
                                            const std::vector<std::string>& answers, absl::Time now,
                                            const std::string& by);
absl::StatusOr<Transition> WithdrawTransition(const Application& app, absl::Time now,
                                              const std::string& by);

// The end of the notice period at `now`, decided by the rule snapshotted at submission with
// the states present at `now` (StatesPresentAt): REJECTED ("blocked",
// BLOCKED_BY_OBJECTIONS) when `objectors` (the objecting states) reach the threshold, else
// APPROVED (GRANTED) with the accreditation GrantFor gives. The decision record keeps the
// objections counted, the threshold and the states present. FAILED_PRECONDITION NOT_DUE when the
// application is no longer in its notice period or its period has not ended at `now` (the
// schedule entry is stale: dropped without effect).
absl::StatusOr<Transition> NoticeEndTransition(const Application& app,
                                               const std::vector<std::string>& objectors,
                                               absl::Time now);
// A deferral's entry falling due at `now`: while fewer than rule.max_unanswered_reminders
// reminders went out, one more reminder and the next entry one interval later; after the
// last one, CLOSED (so the closure comes one interval after the last reminder). NOT_DUE as
// above when the application is not DEFERRED or its entry is not due.
absl::StatusOr<Transition> ReminderTransition(const Application& app, absl::Time now);

// What falls due at an application's due_time.
enum class DueAction { kNone, kNoticeEnd, kReminder, kClosure };
DueAction DueActionOf(const Application& app);

// The session current or next at `now`: the first of `sessions` (in start order) that has
// not ended at `now`; nullptr when every session has ended or there is none.
const SessionWindow* SessionAt(const std::vector<SessionWindow>& sessions, absl::Time now);

// The accreditation an approval at `now` grants. Its validity:
//  - rule.validity > 0: [now, now + validity);
//  - rule.validity == 0 and a session current or next at `now`: that session,
//    [00:00 UTC of its start date, 00:00 UTC of the day after its end date) -- so CheckAccess
//    answers NOT_YET_VALID before the session and EXPIRED after it, and the expiry is
//    scheduled at its end (due_claim.lua mirrors this for approvals at a notice end);
//  - otherwise [now, until the process ends).
Accreditation GrantFor(const Application& app, absl::Time now);

// Transparency counter names (documented in store/accreditation_keys.h).
std::string RouteOutcomeField(const std::string& route, const std::string& outcome);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_APPLICATION_RULES_H_
