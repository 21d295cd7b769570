#include "services/accreditation/store/redis_accreditation_store.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/audit/salt.h"
#include "common/base/errors.h"
#include "common/base/request_ids.h"
#include "common/redis/cached_read.h"
#include "common/redis/script_error.h"
#include "services/accreditation/store/accreditation_keys.h"
#include "services/accreditation/store/application_codec.h"
#include "services/accreditation/store/lua_scripts.h"

namespace polylateral::accreditation {
namespace {

std::string AppName(const std::string& p, const std::string& a) {
  return absl::StrCat("processes/", p, "/applications/", a);
}

// What the write scripts' refusals mean to callers; `subject` names the resource.
std::optional<absl::Status> Refusal(const redis::ScriptError& e, const std::string& subject) {
  const std::string& r = e.reason;
  if (r == "REQUEST_ID_REUSED") return RequestIdReused();
  if (r == "EXISTS") return AlreadyExists("APPLICATION_EXISTS", subject + " exists");
  if (r == "NOT_FOUND") return NotFound("NOT_FOUND", subject + " not found");
  if (r == "VERSION_MISMATCH") {
    return Aborted("ETAG_MISMATCH", subject + " was changed concurrently; read it again");
  }
  if (r == "APPLICATION_PENDING") {
    return AlreadyExists(
        "APPLICATION_PENDING",
        absl::StrCat("the stakeholder has an open application (", e.detail, ") to this process"));
  }
  if (r == "ALREADY_ACCREDITED") {
    return AlreadyExists("ALREADY_ACCREDITED", "the stakeholder is accredited to this process");
  }
  if (r == "NOT_IN_NOTICE_PERIOD") {
    return FailedPrecondition("NOT_IN_NOTICE_PERIOD", "application.state",
                              "objections are taken only while the notice period runs");
  }
  if (r == "OBJECTION_EXISTS") {
    return AlreadyExists("OBJECTION_EXISTS", "this state already objected to the application");
  }
  if (r == "OBJECTION_NOT_FOUND") {
    return NotFound("OBJECTION_NOT_FOUND", "this state has no objection to the application");
  }
  return std::nullopt;
}

absl::Status ScriptStatus(const redis::ReplyView& reply, absl::string_view script,
                          const std::string& subject) {
  return redis::ScriptErrorStatus(reply, script,
                                  [&](const redis::ScriptError& e) { return Refusal(e, subject); });
}

void AppendFields(std::vector<std::string>& args, const FieldList& fields) {
  args.push_back(std::to_string(fields.size()));
  for (const auto& [k, v] : fields) {
    args.push_back(k);
    args.push_back(v);
  }
}

void AppendEvent(std::vector<std::string>& args, const Event& e) {
  FieldList f = {{"type", e.type}};
  f.insert(f.end(), e.fields.begin(), e.fields.end());
  AppendFields(args, f);
}

void AppendCounters(std::vector<std::string>& args, const std::vector<CounterDelta>& counters) {
  args.push_back(std::to_string(counters.size()));
  for (const auto& c : counters) {
    args.push_back(c.process_field);
    args.push_back(c.global_field);
    args.push_back(std::to_string(c.delta));
  }
}

// Milliseconds as the indexes' members start with them: 16 digits, zero-padded.
std::string Padded(int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%016lld", static_cast<long long>(ms));
  return buf;
}

// "0001700000000000:app-x": creation order, unique.
std::string IndexMember(const Application& a) {
  return absl::StrCat(Padded(absl::ToUnixMillis(a.create_time)), ":", a.id);
}

}  // namespace

std::string RedisAccreditationStore::DueMember(DueKind kind, const std::string& process,
                                               const std::string& id) {
  const char* k = kind == DueKind::kNotice     ? "notice"
                  : kind == DueKind::kReminder ? "remind"
                                               : "expire";
  return absl::StrCat(k, "|", process, "|", id);
}

RedisAccreditationStore::RedisAccreditationStore(redis::RedisClient* redis, Cache* cache)
    : redis_(redis),
      cache_(cache),
      commit_("acc_app_commit", lua::kAppCommitLua),
      objection_("acc_objection", lua::kObjectionLua),
      acc_commit_("acc_accreditation_commit", lua::kAccCommitLua),
      report_("acc_report_read", lua::kReportReadLua),
      notice_list_("acc_notice_list", lua::kNoticeListLua),
      index_build_("acc_app_index_build", lua::kAppIndexBuildLua) {
  if (auto* m = redis_->metrics()) {
    for (const auto* s :
         {&commit_, &objection_, &acc_commit_, &report_, &notice_list_, &index_build_}) {
      m->RegisterCommand(s->name());
    }
    m->RegisterCommand("HGETALL");
    m->RegisterCommand("HMGET");
    m->RegisterCommand("ZCARD");
    if (cache_ != nullptr) cache_counters_ = m->RegisterCache("accreditations");
  }
}

absl::StatusOr<Application> RedisAccreditationStore::GetApplication(const std::string& p,
                                                                    const std::string& id) {
  auto replies = redis_->Pipeline(
      {{"HGETALL", Keys::App(p, id)}, {"HLEN", Keys::Objections(p, id)}}, "HGETALL");
  if (!replies.ok()) {
    replies = redis_->Pipeline({{"HGETALL", Keys::App(p, id)}, {"HLEN", Keys::Objections(p, id)}},
                               "HGETALL");
    if (!replies.ok()) return replies.status();
  }
  const auto& rec = (*replies)[0];
  if (!rec.is_array() || rec.size() == 0) {
    return NotFound("APPLICATION_NOT_FOUND", AppName(p, id) + " not found");
  }
  auto app = ApplicationFromHash(rec);
  if (!app.ok()) return app.status();
  app->objection_count = static_cast<int>((*replies)[1].integer());
  return app;
}

absl::StatusOr<std::vector<std::pair<std::string, std::optional<Application>>>>
RedisAccreditationStore::ReadRange(const std::string& p, const std::string& key,
                                   const std::string& cursor, const std::string& max, int n) {
  const std::string start = cursor.empty() ? "-" : absl::StrCat("(", cursor);
  auto ids = redis_->ReadCommand({"ZRANGEBYLEX", key, start, max, "LIMIT", "0", std::to_string(n)},
                                 "ZRANGEBYLEX");
  if (!ids.ok()) return ids.status();
  std::vector<std::pair<std::string, std::optional<Application>>> out;
  if (ids->size() == 0) return out;
  std::vector<std::vector<std::string>> cmds;
  for (size_t i = 0; i < ids->size(); ++i) {
    // Every index's member ends with ":<application id>"; ids hold no ':'.
    absl::string_view member = (*ids)[i].str();
    const std::string id(member.substr(member.rfind(':') + 1));
    cmds.push_back({"HGETALL", Keys::App(p, id)});
    cmds.push_back({"HLEN", Keys::Objections(p, id)});
  }
  auto replies = redis_->Pipeline(cmds, "HGETALL");
  if (!replies.ok()) return replies.status();
  for (size_t i = 0; i < ids->size(); ++i) {
    std::optional<Application> decoded;
    auto app = ApplicationFromHash((*replies)[2 * i]);
    if (app.ok()) {
      app->objection_count = static_cast<int>((*replies)[2 * i + 1].integer());
      decoded = *std::move(app);
    }
    out.emplace_back(std::string((*ids)[i].str()), std::move(decoded));
  }
  return out;
}

absl::StatusOr<std::string> RedisAccreditationStore::DrivingIndex(const std::string& p,
                                                                  const ApplicationQuery& q) {
  const ApplicationFilter& f = q.filter;
  std::vector<std::string> candidates;
  if (q.order == ApplicationOrder::kDeadline) {
    candidates.push_back(Keys::AppsByDeadline(p));
  } else {
    if (f.state.has_value()) {
      candidates.push_back(Keys::AppsInState(p, static_cast<int>(*f.state)));
    }
    if (!f.route_id.empty()) candidates.push_back(Keys::AppsOnRoute(p, f.route_id));
    if (!f.stakeholder.empty()) candidates.push_back(Keys::AppsOf(p, f.stakeholder));
    // Only applications in their notice period have a notice deadline.
    if (f.deadline_before != absl::InfiniteFuture()) {
      candidates.push_back(Keys::AppsInState(p, static_cast<int>(AppState::kInNotice)));
    }
  }
  std::vector<std::vector<std::string>> cmds = {{"GET", Keys::AppsIndexed(p)}};
  for (const auto& c : candidates) cmds.push_back({"ZCARD", c});
  auto sizes = redis_->Pipeline(cmds, "ZCARD");
  if (!sizes.ok()) return sizes.status();
  if ((*sizes)[0].is_nil() || (*sizes)[0].str() != "1") {
    // Applications stored before the indexes: build them once, a slice per script call.
    for (;;) {
      auto built = redis_->Eval(index_build_, {Keys::Apps(p), Keys::AppsIndexed(p)},
                                {absl::StrCat(Keys::prefix(), "app:", p, ":"), "1000"});
      if (!built.ok()) return built.status();
      if (built->is_error()) return ScriptStatus(*built, "app_index_build", "");
      if (built->integer() == 1) break;
    }
    return DrivingIndex(p, q);
  }
  size_t best = 0;
  for (size_t i = 1; i < candidates.size(); ++i) {
    if ((*sizes)[i + 1].integer() < (*sizes)[best + 1].integer()) best = i;
  }
  return candidates[best];
}

absl::StatusOr<Page<Application>> RedisAccreditationStore::ListApplications(
    const std::string& p, const ApplicationQuery& q, const std::string& cursor, int limit) {
  Page<Application> page;
  if (q.IsPlain()) {
    auto read = ReadRange(p, Keys::Apps(p), cursor, "+", limit + 1);
    if (!read.ok()) return read.status();
    const size_t n = std::min(read->size(), static_cast<size_t>(limit));
    for (size_t i = 0; i < n; ++i) {
      if ((*read)[i].second.has_value()) page.items.push_back(*std::move((*read)[i].second));
    }
    if (read->size() > n) page.next_cursor = (*read)[n - 1].first;
    return page;
  }
  auto key = DrivingIndex(p, q);
  if (!key.ok()) return key.status();
  std::string max = "+";
  if (q.order == ApplicationOrder::kDeadline &&
      q.filter.deadline_before != absl::InfiniteFuture()) {
    // Deadline members start with the deadline's 16 digits; "~" (no deadline) sorts last.
    max = absl::StrCat("(",
                       Padded(std::max<int64_t>(0, absl::ToUnixMillis(q.filter.deadline_before))));
  } else if (q.order == ApplicationOrder::kDeadline && q.filter.state == AppState::kInNotice) {
    max = "(~";  // only the members with a deadline
  }
  // Candidates are read in batches; the page ends when it is full and one more candidate
  // exists, when the index ends, or after kMaxExaminedPerPage candidates (a short page
  // whose token resumes after the last one read).
  int batch = std::min(limit + 1, kMaxExaminedPerPage);
  std::string last = cursor;
  int examined = 0;
  for (;; batch = std::min(batch * 2, kMaxExaminedPerPage)) {
    auto read = ReadRange(p, *key, last, max, batch);
    if (!read.ok()) return read.status();
    for (auto& [member, app] : *read) {
      if (static_cast<int>(page.items.size()) == limit || examined == kMaxExaminedPerPage) {
        page.next_cursor = last;
        return page;
      }
      ++examined;
      last = member;
      if (app.has_value() && Matches(q.filter, *app)) page.items.push_back(*std::move(app));
    }
    if (static_cast<int>(read->size()) < batch) return page;
  }
}

absl::StatusOr<Page<StateObjection>> RedisAccreditationStore::ListStateObjections(
    const std::string& iso2, const std::string& cursor, int limit) {
  const std::string start = cursor.empty() ? "-" : absl::StrCat("(", cursor);
  auto members = redis_->ReadCommand({"ZRANGEBYLEX", Keys::StateObjections(iso2), start, "+",
                                      "LIMIT", "0", std::to_string(limit + 1)},
                                     "ZRANGEBYLEX");
  if (!members.ok()) return members.status();
  Page<StateObjection> page;
  const size_t n = std::min(members->size(), static_cast<size_t>(limit));
  if (n == 0) return page;
  std::vector<StateObjection> found;
  std::vector<std::vector<std::string>> cmds;
  for (size_t i = 0; i < n; ++i) {
    // "<lodge ms>:<p>:<a>"
    const std::vector<std::string> parts = absl::StrSplit((*members)[i].str(), ':');
    if (parts.size() != 3) continue;
    found.push_back(StateObjection{parts[1], parts[2], Objection{iso2, "", absl::InfinitePast()}});
    cmds.push_back({"HGET", Keys::Objections(parts[1], parts[2]), iso2});
  }
  if (!cmds.empty()) {
    auto replies = redis_->Pipeline(cmds, "HGET");
    if (!replies.ok()) return replies.status();
    for (size_t i = 0; i < found.size(); ++i) {
      const auto& r = (*replies)[i];
      if (r.is_nil()) continue;  // withdrawn between the two reads
      absl::string_view v = r.str();
      const size_t bar = v.find('|');
      int64_t ms = 0;
      if (bar != absl::string_view::npos && absl::SimpleAtoi(v.substr(0, bar), &ms)) {
        found[i].objection.lodge_time = absl::FromUnixMillis(ms);
        found[i].objection.grounds = std::string(v.substr(bar + 1));
      }
      page.items.push_back(std::move(found[i]));
    }
  }
  if (members->size() > n) page.next_cursor = std::string((*members)[n - 1].str());
  return page;
}

absl::StatusOr<Application> RedisAccreditationStore::Commit(const Transition& t) {
  const Application& a = t.application;
  std::vector<std::string> keys = {Keys::App(a.process, a.id),
                                   Keys::Request(t.request_id),
                                   Keys::Open(a.process, a.stakeholder),
                                   Keys::Acc(a.process, a.stakeholder),
                                   Keys::Due(),
                                   Keys::Events(),
                                   Keys::Counters(a.process),
                                   Keys::Counters(""),
                                   Keys::Apps(a.process),
                                   Keys::Accs(a.process),
                                   Keys::DecisionTimes(a.process),
                                   Keys::DecisionTimes(""),
                                   Keys::AuditLog()};
  std::vector<std::string> args = {std::to_string(t.expected_version),
                                   t.request_id.empty() ? "0" : "1",
                                   std::to_string(kRequestIdTtlSeconds),
                                   t.claim_open ? "1" : "0",
                                   t.release_open ? "1" : "0",
                                   a.id,
                                   t.expected_version == 0 ? IndexMember(a) : "",
                                   a.stakeholder,
                                   t.request_fingerprint};
  AppendFields(args, ApplicationFields(a));
  AppendFields(args, t.grant.has_value() ? AccreditationFields(*t.grant) : FieldList{});
  args.push_back(std::to_string(t.due_remove.size()));
  for (DueKind k : t.due_remove) args.push_back(DueMember(k, a.process, a.id));
  std::vector<std::pair<std::string, std::string>> adds;
  for (const auto& [k, at] : t.due_add) {
    adds.push_back({TimeField(at), DueMember(k, a.process, a.id)});
  }
  if (t.grant.has_value() && t.grant->valid_until != absl::InfiniteFuture()) {
    adds.push_back(
        {TimeField(t.grant->valid_until), DueMember(DueKind::kExpiry, a.process, a.stakeholder)});
  }
  AppendFields(args, adds);
  AppendCounters(args, t.counters);
  args.push_back(t.decision_duration.has_value()
                     ? std::to_string(absl::ToInt64Milliseconds(*t.decision_duration))
                     : "");
  args.push_back(std::to_string(t.events.size()));
  for (const auto& e : t.events) AppendEvent(args, e);

  auto reply = redis_->Eval(commit_, keys, args);
  if (t.grant.has_value()) Forget(a.process, a.stakeholder);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return ScriptStatus(*reply, "app_commit", AppName(a.process, a.id));
  if (reply->size() == 2 && (*reply)[0].str() == "REPLAY") {
    return GetApplication(a.process, std::string((*reply)[1].str()));
  }
  Application stored = a;
  stored.objection_count = 0;
  return stored;
}

absl::StatusOr<std::vector<Objection>> RedisAccreditationStore::ListObjections(
    const std::string& p, const std::string& app) {
  auto reply = redis_->ReadCommand({"HGETALL", Keys::Objections(p, app)}, "HGETALL");
  if (!reply.ok()) return reply.status();
  std::vector<Objection> out;
  for (size_t i = 0; i + 1 < reply->size(); i += 2) {
    Objection o;
    o.state = std::string((*reply)[i].str());
    absl::string_view v = (*reply)[i + 1].str();
    const size_t bar = v.find('|');
    int64_t ms = 0;
    if (bar != absl::string_view::npos && absl::SimpleAtoi(v.substr(0, bar), &ms)) {
      o.lodge_time = absl::FromUnixMillis(ms);
      o.grounds = std::string(v.substr(bar + 1));
    }
    out.push_back(std::move(o));
  }
  std::sort(out.begin(), out.end(),
            [](const Objection& a, const Objection& b) { return a.state < b.state; });
  return out;
}

absl::Status RedisAccreditationStore::ChangeObjection(const ObjectionChange& c, const char* mode) {
  std::vector<std::string> keys = {Keys::App(c.process, c.application),
                                   Keys::Objections(c.process, c.application),
                                   Keys::Events(),
                                   Keys::Counters(c.process),
                                   Keys::Counters(""),
                                   Keys::Request(c.request_id),
                                   Keys::StateObjections(c.objection.state),
                                   Keys::AuditLog()};
  std::vector<std::string> args = {
      mode,
      c.objection.state,
      absl::StrCat(absl::ToUnixMillis(c.objection.lodge_time), "|", c.objection.grounds),
      TimeField(c.now),
      c.request_id.empty() ? "0" : "1",
      std::to_string(kRequestIdTtlSeconds)};
  AppendCounters(args, c.counters);
  AppendEvent(args, c.event);
  // The audit entry's salt hides the objecting state from readers the policy excludes.
  absl::StatusOr<std::string> salt = audit::NewEntrySaltHex();
  if (!salt.ok()) return salt.status();
  args.push_back(*std::move(salt));
  args.push_back(c.request_fingerprint);
  auto reply = redis_->Eval(objection_, keys, args);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) {
    return ScriptStatus(*reply, "objection", AppName(c.process, c.application));
  }
  return absl::OkStatus();
}

absl::Status RedisAccreditationStore::LodgeObjection(const ObjectionChange& c) {
  return ChangeObjection(c, "lodge");
}
absl::Status RedisAccreditationStore::WithdrawObjection(const ObjectionChange& c) {
  return ChangeObjection(c, "withdraw");
}

absl::StatusOr<Accreditation> RedisAccreditationStore::GetAccreditation(const std::string& p,
                                                                        const std::string& sh) {
  const std::string key = Keys::Acc(p, sh);
  // The absence is cached too (nullopt): most checks are for stakeholders never accredited.
  auto found = redis::CachedRead(
      cache_, cache_counters_, key, [&]() -> absl::StatusOr<std::optional<Accreditation>> {
        // One HMGET of the named fields, decoded by position: CheckAccess's hot path.
        std::vector<absl::string_view> argv = {"HMGET", key};
        for (const char* f : kAccreditationFieldNames) argv.emplace_back(f);
        auto reply = redis_->ReadCommand(argv, "HMGET");
        if (!reply.ok()) return reply.status();
        auto acc = AccreditationFromValues(*reply);
        if (!acc.ok() && acc.status().code() == absl::StatusCode::kNotFound) return std::nullopt;
        if (!acc.ok()) return acc.status();
        return std::optional<Accreditation>(*std::move(acc));
      });
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return NotFound("ACCREDITATION_NOT_FOUND",
                    absl::StrCat("processes/", p, "/accreditations/", sh, " not found"));
  }
  return **std::move(found);
}

void RedisAccreditationStore::Forget(const std::string& process, const std::string& stakeholder) {
  // Whatever the write's outcome (a lost reply may hide an applied write), the next read on
  // this replica goes to Redis rather than waiting for Redis's invalidation.
  if (cache_ != nullptr) cache_->Invalidate(Keys::Acc(process, stakeholder));
}

absl::StatusOr<Page<Accreditation>> RedisAccreditationStore::ListAccreditations(
    const std::string& p, const std::string& cursor, int limit) {
  const std::string start = cursor.empty() ? "-" : absl::StrCat("(", cursor);
  auto ids = redis_->ReadCommand(
      {"ZRANGEBYLEX", Keys::Accs(p), start, "+", "LIMIT", "0", std::to_string(limit + 1)},
      "ZRANGEBYLEX");
  if (!ids.ok()) return ids.status();
  Page<Accreditation> page;
  const size_t n = std::min(ids->size(), static_cast<size_t>(limit));
  if (n == 0) return page;
  std::vector<std::vector<std::string>> cmds;
  for (size_t i = 0; i < n; ++i)
    cmds.push_back({"HGETALL", Keys::Acc(p, std::string((*ids)[i].str()))});
  auto replies = redis_->Pipeline(cmds, "HGETALL");
  if (!replies.ok()) return replies.status();
  for (const auto& r : *replies) {
    auto acc = AccreditationFromHash(r);
    if (acc.ok()) page.items.push_back(*std::move(acc));
  }
  if (ids->size() > n) page.next_cursor = std::string((*ids)[n - 1].str());
  return page;
}

absl::StatusOr<Accreditation> RedisAccreditationStore::CommitAccreditation(
    const AccreditationChange& c) {
  const Accreditation& a = c.accreditation;
  std::vector<std::string> args = {
      std::to_string(c.expected_version),
      c.remove_expiry ? DueMember(DueKind::kExpiry, a.process, a.stakeholder) : ""};
  AppendFields(args, AccreditationFields(a));
  AppendEvent(args, c.event);
  auto reply = redis_->Eval(
      acc_commit_,
      {Keys::Acc(a.process, a.stakeholder), Keys::Events(), Keys::Due(), Keys::AuditLog()}, args);
  Forget(a.process, a.stakeholder);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) {
    return ScriptStatus(*reply, "acc_commit",
                        absl::StrCat("processes/", a.process, "/accreditations/", a.stakeholder));
  }
  return a;
}

absl::StatusOr<bool> RedisAccreditationStore::RequestSeen(const std::string& token,
                                                          const std::string& fingerprint) {
  auto reply = redis_->ReadCommand({"GET", Keys::Request(token)}, "other");
  if (!reply.ok()) return reply.status();
  if (reply->is_nil()) return false;
  // As the scripts store it: the result, then '\n' and the fingerprint (none in old records).
  const absl::string_view raw = reply->str();
  const size_t cut = raw.find('\n');
  if (cut != absl::string_view::npos && !fingerprint.empty() &&
      raw.substr(cut + 1) != fingerprint) {
    return RequestIdReused();
  }
  return true;
}

absl::StatusOr<ReportCounters> RedisAccreditationStore::ReadCounters(const std::string& p) {
  auto reply = redis_->Eval(report_, {Keys::Counters(p), Keys::DecisionTimes(p)}, {},
                            /*read_only=*/true);
  if (!reply.ok()) return reply.status();
  // A read refuses nothing: any error reply is Redis's own or a script bug.
  if (reply->is_error()) return ScriptStatus(*reply, "report_read", "");
  if (reply->size() != 4) {
    return absl::InternalError(absl::StrCat("report script: ", reply->DebugString()));
  }
  ReportCounters out;
  const auto fields = (*reply)[0];
  for (size_t i = 0; i + 1 < fields.size(); i += 2) {
    int64_t n = 0;
    absl::SimpleAtoi(fields[i + 1].str(), &n);
    out.fields.push_back({std::string(fields[i].str()), n});
  }
  out.decisions = (*reply)[1].integer();
  double ms = 0;
  absl::SimpleAtod((*reply)[2].str(), &ms);
  out.p50_seconds = ms / 1000;
  absl::SimpleAtod((*reply)[3].str(), &ms);
  out.p90_seconds = ms / 1000;
  return out;
}

}  // namespace polylateral::accreditation
