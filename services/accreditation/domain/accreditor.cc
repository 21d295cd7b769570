// Accreditor's application methods: create, submit, read, withdraw, review, answer, correct
// the states present.
#include "services/accreditation/domain/accreditor.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"
#include "common/base/request_ids.h"
#include "common/base/text.h"
#include "services/accreditation/domain/request_checks.h"

namespace polylateral::accreditation {

std::string EtagOf(int64_t version) { return absl::StrCat("\"", version, "\""); }

absl::StatusOr<Application> Accreditor::CreateApplication(
    const Principal& caller, const std::string& process, const std::string& stakeholder,
    const std::string& route_id, const std::string& request_id, const std::string& fingerprint,
    absl::Time deadline) {
  if (absl::Status st = MayApplyFor(caller, process, stakeholder); !st.ok()) return st;
  Violations v;
  if (!IsReadableResourceId(stakeholder))
    v.Add("application.stakeholder", "is not a stakeholder id");
  if (!IsReadableResourceId(route_id)) v.Add("application.route_id", "must be 1..63 of [a-z0-9-]");
  CheckRequestId(request_id, v);
  if (absl::Status st = v.ToStatus("INVALID_APPLICATION"); !st.ok()) return st;
  auto info = registry_->Process(process, Now(), deadline);
  if (!info.ok()) return info.status();
  if (auto route = FindRoute(*info, route_id); !route.ok()) return route.status();
  if (auto s = registry_->Stakeholder(stakeholder, deadline); !s.ok()) return s.status();
  Transition t = NewDraft(process, NewId("app-"), stakeholder, route_id, caller.ToString(), Now(),
                          request_id.empty() ? ""
                                             : absl::StrCat("create:", process, ":",
                                                            CallerRequestKey(caller, request_id)));
  t.request_fingerprint = fingerprint;
  return store_->Commit(t);
}

absl::StatusOr<Application> Accreditor::Get(const Principal& caller, const std::string& process,
                                            const std::string& id) {
  auto app = store_->GetApplication(process, id);
  if (!app.ok()) return app.status();
  if (!MaySee(caller, *app)) {
    return NotFound("APPLICATION_NOT_FOUND",
                    absl::StrCat("processes/", process, "/applications/", id, " not found"));
  }
  return app;
}

absl::StatusOr<ApplicationListing> Accreditor::List(const Principal& caller,
                                                    const std::string& process,
                                                    const ApplicationQuery& query, int page_size,
                                                    const std::string& page_token) {
  auto limit = ResolvePageSize(page_size);
  if (!limit.ok()) return limit.status();
  if (absl::Status st = CheckApplicationQuery(query); !st.ok()) return st;
  // The plain listing keeps its tokens' fingerprint; a filtered one binds every parameter.
  const std::string canonical = CanonicalQuery(query);
  const uint64_t fingerprint =
      QueryFingerprint(canonical.empty() ? absl::StrCat("applications|", process)
                                         : absl::StrCat("applications|", process, "|", canonical));
  std::string cursor;
  if (!page_token.empty()) {
    auto c = DecodePageToken(page_token, fingerprint);
    if (!c.ok()) return c.status();
    cursor = *c;
  }
  auto page = store_->ListApplications(process, query, cursor, *limit);
  if (!page.ok()) return page.status();
  ApplicationListing out;
  for (auto& a : page->items) {
    if (MaySee(caller, a)) out.applications.push_back(std::move(a));
  }
  if (!page->next_cursor.empty())
    out.next_page_token = EncodePageToken(fingerprint, page->next_cursor);
  return out;
}

template <typename Allowed, typename Build>
absl::StatusOr<Application> Accreditor::Change(const Principal& caller, const std::string& process,
                                               const std::string& id, const std::string& etag,
                                               const std::string& op, const std::string& request_id,
                                               const std::string& fingerprint, Allowed allowed,
                                               Build build) {
  Violations v;
  CheckRequestId(request_id, v);
  if (absl::Status st = v.ToStatus(); !st.ok()) return st;
  const std::string token = request_id.empty() ? ""
                                               : absl::StrCat(op, ":", process, ":", id, ":",
                                                              CallerRequestKey(caller, request_id));
  for (int attempt = 0;; ++attempt) {
    auto app = Get(caller, process, id);
    if (!app.ok()) return app.status();
    if (absl::Status st = allowed(*app); !st.ok()) return st;
    if (!etag.empty() && etag != EtagOf(app->version)) {
      return Aborted("ETAG_MISMATCH", absl::StrCat("the application changed since ", etag));
    }
    absl::StatusOr<Transition> t = build(*app);
    if (!t.ok()) {
      // A retry of a request that was applied finds the application moved on: not an error.
      if (!token.empty() && t.status().code() == absl::StatusCode::kFailedPrecondition) {
        auto seen = store_->RequestSeen(token, fingerprint);
        if (!seen.ok() && ErrorReason(seen.status()) == "REQUEST_ID_REUSED") return seen.status();
        if (seen.ok() && *seen) return app;
      }
      return t.status();
    }
    t->request_id = token;
    t->request_fingerprint = fingerprint;
    auto stored = store_->Commit(*t);
    // Someone else (the scheduler, a concurrent call) moved the application on: read again,
    // unless the caller pinned an etag.
    if (!stored.ok() && stored.status().code() == absl::StatusCode::kAborted && etag.empty() &&
        attempt < 3) {
      continue;
    }
    return stored;
  }
}

absl::StatusOr<Application> Accreditor::Submit(const Principal& caller, const std::string& process,
                                               const std::string& id, const std::string& request_id,
                                               const std::string& fingerprint,
                                               absl::Time deadline) {
  // The registry is asked once, outside the retry loop; its answer is snapshotted.
  auto draft = Get(caller, process, id);
  if (!draft.ok()) return draft.status();
  if (absl::Status st = MayActOn(caller, *draft); !st.ok()) return st;
  auto info = registry_->Process(process, Now(), deadline);
  if (!info.ok()) return info.status();
  auto rule = FindRoute(*info, draft->route_id);
  if (!rule.ok()) return rule.status();
  auto stakeholder = registry_->Stakeholder(draft->stakeholder, deadline);
  if (!stakeholder.ok()) return stakeholder.status();
  // Inherited status by another accreditation: this service's own records, read once here.
  std::vector<Accreditation> held;
  if (rule->kind == RouteKind::kInheritedStatus) {
    for (const auto& p : rule->qualifying_processes) {
      auto acc = store_->GetAccreditation(p, draft->stakeholder);
      if (acc.ok()) {
        held.push_back(*std::move(acc));
      } else if (acc.status().code() != absl::StatusCode::kNotFound) {
        return acc.status();
      }
    }
  }
  const std::string by = caller.ToString();
  return Change(
      caller, process, id, "", "submit", request_id, fingerprint,
      [&](const Application& a) { return MayActOn(caller, a); },
      [&](const Application& a) {
        return SubmitTransition(a, *rule, info->disclosure, *stakeholder, Now(), by, held);
      });
}

absl::StatusOr<Application> Accreditor::Withdraw(const Principal& caller,
                                                 const std::string& process, const std::string& id,
                                                 const std::string& etag,
                                                 const std::string& request_id,
                                                 const std::string& fingerprint) {
  return Change(
      caller, process, id, etag, "withdraw", request_id, fingerprint,
      [&](const Application& a) { return MayActOn(caller, a); },
      [&](const Application& a) { return WithdrawTransition(a, Now(), caller.ToString()); });
}

absl::StatusOr<Application> Accreditor::Review(const Principal& caller, const std::string& process,
                                               const std::string& id, ReviewDecision decision,
                                               const std::vector<std::string>& questions,
                                               const std::string& reason, const std::string& etag,
                                               const std::string& request_id,
                                               const std::string& fingerprint,
                                               absl::Time deadline) {
  Violations v;
  if (decision == ReviewDecision::kDefer) {
    CheckTexts(questions, "questions", v);
  } else if (!questions.empty()) {
    v.Add("questions", "only a deferral asks questions");
  }
  CheckOptionalText(reason, "reason", v);
  if (absl::Status st = v.ToStatus("INVALID_REVIEW"); !st.ok()) return st;
  // A member state reviews while its state is on the route's committee now, not at
  // submission: the registry is asked once, outside the retry loop.
  std::vector<std::string> committee;
  if (caller.kind == Principal::Kind::kState) {
    auto app = Get(caller, process, id);
    if (!app.ok()) return app.status();
    auto info = registry_->Process(process, Now(), deadline);
    if (!info.ok()) return info.status();
    if (auto route = FindRoute(*info, app->route_id); route.ok()) {
      committee = std::move(route->committee_states);
    }
  }
  return Change(
      caller, process, id, etag, "review", request_id, fingerprint,
      [&](const Application& a) { return MayReview(caller, a, committee); },
      [&](const Application& a) {
        return ReviewTransition(a, decision, questions, reason, Now(), caller.ToString());
      });
}

absl::StatusOr<Application> Accreditor::Answer(const Principal& caller, const std::string& process,
                                               const std::string& id,
                                               const std::vector<std::string>& answers,
                                               const std::string& request_id,
                                               const std::string& fingerprint) {
  Violations v;
  CheckTexts(answers, "answers", v);
  if (absl::Status st = v.ToStatus("INVALID_ANSWERS"); !st.ok()) return st;
  return Change(
      caller, process, id, "", "answer", request_id, fingerprint,
      [&](const Application& a) { return MayActOn(caller, a); },
      [&](const Application& a) { return AnswerTransition(a, answers, Now(), caller.ToString()); });
}

absl::StatusOr<Application> Accreditor::CorrectStatesPresent(
    const Principal& caller, const std::string& process, const std::string& id, int states_present,
    const std::string& etag, const std::string& request_id, const std::string& fingerprint) {
  if (!IsSecretariatOf(caller, process)) {
    return PermissionDenied(
        "NOT_SECRETARIAT",
        absl::StrCat(caller.ToString(), " is not the secretariat of processes/", process));
  }
  return Change(
      caller, process, id, etag, "present", request_id, fingerprint,
      [](const Application&) { return absl::OkStatus(); },
      [&](const Application& a) {
        return CorrectStatesPresentTransition(a, states_present, Now());
      });
}

}  // namespace polylateral::accreditation
