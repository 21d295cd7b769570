// Accreditor's objection, accreditation, access and report methods.
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"
#include "common/base/request_ids.h"
#include "common/vocabulary/un_states.h"
#include "services/accreditation/domain/accreditor.h"
#include "services/accreditation/domain/request_checks.h"

namespace polylateral::accreditation {
namespace {

ObjectionChange MakeObjectionChange(const Application& app, const Objection& o, absl::Time now,
                                    const std::string& type, int64_t delta, const std::string& by) {
  ObjectionChange c;
  c.process = app.process;
  c.application = app.id;
  c.objection = o;
  c.now = now;
  const std::string policy = std::to_string(static_cast<int>(app.disclosure));
  c.counters = {{"objn", "objn", delta},
                {absl::StrCat("obj:", policy, ":", o.state),
                 absl::StrCat("obj:", policy, ":", o.state), delta}};
  c.event.type = type;
  // The fact of the objection only: the stream is read by other services (routing) and kept
  // long, while grounds are disclosed through the API under the process's disclosure rules.
  c.event.fields = {{"process", app.process},
                    {"application", app.id},
                    {"stakeholder", app.stakeholder},
                    {"route", app.route_id},
                    {"state", AppStateName(app.state)},
                    {"objecting_state", o.state},
                    {"at", std::to_string(absl::ToUnixMillis(now))},
                    {"by", by}};
  return c;
}

}  // namespace

absl::StatusOr<Objection> Accreditor::Lodge(const Principal& caller, const std::string& process,
                                            const std::string& id, const std::string& state,
                                            const std::string& grounds,
                                            const std::string& request_id,
                                            const std::string& fingerprint, absl::Time deadline) {
  if (absl::Status st = MayObjectAs(caller, state); !st.ok()) return st;
  Violations v;
  if (!LooksLikeIso2(state)) v.Add("state", "must be states/{ISO 3166-1 alpha-2}");
  CheckText(grounds, "grounds", v);
  CheckRequestId(request_id, v);
  if (absl::Status st = v.ToStatus("INVALID_OBJECTION"); !st.ok()) return st;
  auto app = Get(caller, process, id);
  if (!app.ok()) return app.status();
  if (absl::Status st = registry_->State(state, deadline); !st.ok()) return st;
  Objection o{state, grounds, Now()};
  ObjectionChange c =
      MakeObjectionChange(*app, o, o.lodge_time, "objection.lodged", 1, caller.ToString());
  if (!request_id.empty()) {
    c.request_id = absl::StrCat("object:", process, ":", id, ":", state, ":",
                                CallerRequestKey(caller, request_id));
    c.request_fingerprint = fingerprint;
  }
  if (absl::Status st = store_->LodgeObjection(c); !st.ok()) return st;
  return o;
}

absl::StatusOr<Objection> Accreditor::WithdrawObjection(const Principal& caller,
                                                        const std::string& process,
                                                        const std::string& id,
                                                        const std::string& state) {
  if (absl::Status st = MayObjectAs(caller, state); !st.ok()) return st;
  auto app = Get(caller, process, id);
  if (!app.ok()) return app.status();
  auto all = store_->ListObjections(process, id);
  if (!all.ok()) return all.status();
  for (const Objection& o : *all) {
    if (o.state != state) continue;
    ObjectionChange c =
        MakeObjectionChange(*app, o, Now(), "objection.withdrawn", -1, caller.ToString());
    if (absl::Status st = store_->WithdrawObjection(c); !st.ok()) return st;
    return o;
  }
  return NotFound("OBJECTION_NOT_FOUND",
                  absl::StrCat("states/", state, " has no objection to this application"));
}

absl::StatusOr<ObjectionListing> Accreditor::ListObjections(const Principal& caller,
                                                            const std::string& process,
                                                            const std::string& id) {
  auto app = Get(caller, process, id);
  if (!app.ok()) return app.status();
  auto all = store_->ListObjections(process, id);
  if (!all.ok()) return all.status();
  ObjectionListing out;
  out.total = static_cast<int>(all->size());
  for (auto& o : *all) {
    if (SeesObjection(caller, *app, o.state)) out.visible.push_back(std::move(o));
  }
  return out;
}

absl::StatusOr<StateObjectionListing> Accreditor::ListStateObjections(
    const Principal& caller, const std::string& iso2, int page_size,
    const std::string& page_token) {
  if (absl::Status st = MayListObjectionsOf(caller, iso2); !st.ok()) return st;
  if (vocabulary::FindUnState(iso2) == nullptr) {
    return InvalidArgument("UNKNOWN_STATE", "parent",
                           absl::StrCat("states/", iso2, " is no UN member or observer state"));
  }
  auto limit = ResolvePageSize(page_size);
  if (!limit.ok()) return limit.status();
  const uint64_t fingerprint = QueryFingerprint(absl::StrCat("state-objections|", iso2));
  std::string cursor;
  if (!page_token.empty()) {
    auto c = DecodePageToken(page_token, fingerprint);
    if (!c.ok()) return c.status();
    cursor = *c;
  }
  auto page = store_->ListStateObjections(iso2, cursor, *limit);
  if (!page.ok()) return page.status();
  StateObjectionListing out;
  out.objections = std::move(page->items);
  if (!page->next_cursor.empty()) {
    out.next_page_token = EncodePageToken(fingerprint, page->next_cursor);
  }
  return out;
}

absl::StatusOr<Accreditation> Accreditor::GetAccreditation(const std::string& process,
                                                           const std::string& stakeholder) {
  return store_->GetAccreditation(process, stakeholder);
}

absl::StatusOr<AccreditationListing> Accreditor::ListAccreditations(const std::string& process,
                                                                    int page_size,
                                                                    const std::string& page_token) {
  auto limit = ResolvePageSize(page_size);
  if (!limit.ok()) return limit.status();
  const uint64_t fingerprint = QueryFingerprint(absl::StrCat("accreditations|", process));
  std::string cursor;
  if (!page_token.empty()) {
    auto c = DecodePageToken(page_token, fingerprint);
    if (!c.ok()) return c.status();
    cursor = *c;
  }
  auto page = store_->ListAccreditations(process, cursor, *limit);
  if (!page.ok()) return page.status();
  AccreditationListing out;
  out.accreditations = std::move(page->items);
  if (!page->next_cursor.empty()) {
    out.next_page_token = EncodePageToken(fingerprint, page->next_cursor);
  }
  return out;
}

absl::StatusOr<Accreditation> Accreditor::ChangeAccreditation(
    const Principal& caller, const std::string& process, const std::string& stakeholder,
    AccreditationAction action, const std::string& reason, const std::string& etag) {
  if (!IsSecretariatOf(caller, process)) {
    return PermissionDenied(
        "NOT_SECRETARIAT",
        absl::StrCat(caller.ToString(), " is not the secretariat of processes/", process));
  }
  Violations v;
  if (action == AccreditationAction::kReinstate) {
    CheckOptionalText(reason, "reason", v);
  } else {
    CheckText(reason, "reason", v);
  }
  if (absl::Status st = v.ToStatus("INVALID_REASON"); !st.ok()) return st;
  auto acc = store_->GetAccreditation(process, stakeholder);
  if (!acc.ok()) return acc.status();
  if (!etag.empty() && etag != EtagOf(acc->version)) {
    return Aborted("ETAG_MISMATCH", absl::StrCat("the accreditation changed since ", etag));
  }
  auto change = ChangeStatus(*acc, action, reason, Now(), caller.ToString());
  if (!change.ok()) return change.status();
  return store_->CommitAccreditation(*change);
}

absl::StatusOr<AccessCheck> Accreditor::CheckAccess(const std::string& stakeholder,
                                                    const std::string& process,
                                                    vocabulary::ParticipationRight right,
                                                    absl::Time at) {
  if (at == absl::InfinitePast()) at = clock_->Now();
  AccessCheck out;
  auto acc = store_->GetAccreditation(process, stakeholder);
  if (acc.ok()) {
    out.accreditation = *std::move(acc);
  } else if (acc.status().code() != absl::StatusCode::kNotFound) {
    return acc.status();
  }
  out.decision = DecideAccess(out.accreditation, right, at);
  return out;
}

absl::StatusOr<Report> Accreditor::GetReport(const Principal& caller, const std::string& process) {
  auto counters = store_->ReadCounters(process);
  if (!counters.ok()) return counters.status();
  return BuildReport(*counters, caller, process);
}

}  // namespace polylateral::accreditation
