#include "services/composition/store/redis_delegation_store.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/request_ids.h"
#include "common/redis/script_error.h"
#include "services/composition/store/audit_logs.h"
#include "services/composition/store/composition_keys.h"
#include "services/composition/store/delegation_json.h"

namespace polylateral::composition {

namespace lua {
extern const char kDelegationWriteLua[];
}  // namespace lua

namespace {

using Keys = CompositionKeys;
// A retried create within this window returns the first result.
constexpr int kRequestIdTtlSeconds = 24 * 3600;

std::string Name(const Delegation& d) {
  return absl::StrCat("processes/", d.process_id, "/sessions/", d.session_id, "/delegations/",
                      d.state);
}

std::optional<absl::Status> Refusal(const Delegation& d, const redis::ScriptError& e) {
  if (e.reason == "EXISTS") return AlreadyExists("DELEGATION_EXISTS", Name(d) + " exists");
  if (e.reason == "NOT_FOUND") return NotFound("DELEGATION_NOT_FOUND", Name(d) + " not found");
  if (e.reason == "VERSION_MISMATCH") {
    return Aborted("ETAG_MISMATCH", Name(d) + " was changed concurrently; read it again");
  }
  if (e.reason == "REQUEST_ID_REUSED") return RequestIdReused();
  if (e.reason == "REPLAY_GONE") {
    return AlreadyExists("REQUEST_ALREADY_APPLIED",
                         "this request_id created a delegation that has since been deleted");
  }
  return std::nullopt;
}

absl::Status WriteError(const Delegation& d, const redis::ReplyView& reply) {
  return redis::ScriptErrorStatus(reply, "delegation",
                                  [&](const redis::ScriptError& e) { return Refusal(d, e); });
}

template <typename Map>
void AppendPairs(const Map& m, std::vector<std::string>& args) {
  args.push_back(std::to_string(m.size()));
  for (const auto& [field, value] : m) {
    args.push_back(field);
    args.push_back(absl::StrCat(value));
  }
}

absl::StatusOr<Delegation> FromHash(const redis::ReplyView& d, const redis::ReplyView& v) {
  int64_t version = 0;
  if (!absl::SimpleAtoi(v.str(), &version)) {
    return absl::DataLossError("stored delegation without a version");
  }
  return DelegationFromJson(std::string(d.str()), version);
}

}  // namespace

RedisDelegationStore::RedisDelegationStore(redis::RedisClient* redis)
    : redis_(redis), write_("delegation_write", lua::kDelegationWriteLua) {
  if (auto* m = redis_->metrics()) m->RegisterCommand(write_.name());
}

absl::StatusOr<Delegation> RedisDelegationStore::Get(const std::string& process_id,
                                                     const std::string& session_id,
                                                     const std::string& state) {
  auto reply =
      redis_->ReadCommand({"HMGET", Keys::Record(process_id, session_id, state), "d", "v"});
  if (!reply.ok()) return reply.status();
  if (!reply->is_array() || reply->size() != 2 || (*reply)[0].is_nil()) {
    return NotFound("DELEGATION_NOT_FOUND",
                    absl::StrCat("processes/", process_id, "/sessions/", session_id,
                                 "/delegations/", state, " not found"));
  }
  return FromHash((*reply)[0], (*reply)[1]);
}

absl::StatusOr<DelegationPage> RedisDelegationStore::List(const std::string& process_id,
                                                          const std::string& session_id,
                                                          const std::string& cursor, int limit) {
  const std::string start = cursor.empty() ? "-" : absl::StrCat("(", cursor);
  const std::string count = std::to_string(limit + 1);
  auto states = redis_->ReadCommand(
      {"ZRANGEBYLEX", Keys::SessionIndex(process_id, session_id), start, "+", "LIMIT", "0", count});
  if (!states.ok()) return states.status();
  DelegationPage page;
  std::vector<std::vector<std::string>> gets;
  for (size_t i = 0; i < states->size() && static_cast<int>(i) < limit; ++i) {
    gets.push_back(
        {"HMGET", Keys::Record(process_id, session_id, std::string((*states)[i].str())), "d", "v"});
  }
  if (static_cast<int>(states->size()) > limit) {
    page.next_cursor = std::string((*states)[limit - 1].str());
  }
  if (gets.empty()) return page;
  auto replies = redis_->Pipeline(gets, "HMGET");
  if (!replies.ok()) return replies.status();
  for (const redis::Reply& r : *replies) {
    if (!r.is_array() || r.size() != 2 || r[0].is_nil()) continue;  // deleted in between
    auto d = FromHash(r[0], r[1]);
    if (!d.ok()) return d.status();
    page.items.push_back(*std::move(d));
  }
  return page;
}

absl::StatusOr<redis::Reply> RedisDelegationStore::Write(
    const std::string& op, const Delegation& d, int64_t expected_version, const std::string& json,
    const OpennessDelta& delta, const std::string& request_id, const std::string& fingerprint,
    const WriteStamp& by) {
  const std::string& p = d.process_id;
  if (absl::Status s = RegisterAuditLog(redis_, p); !s.ok()) return s;
  std::vector<std::string> keys = {Keys::Record(p, d.session_id, d.state),
                                   Keys::SessionIndex(p, d.session_id),
                                   Keys::SessionCounters(p, d.session_id),
                                   Keys::Sessions(p),
                                   Keys::ProcessCounters(p),
                                   Keys::Request(p, request_id),
                                   Keys::AuditLog(p)};
  std::vector<std::string> args = {op,
                                   d.state,
                                   d.session_id,
                                   std::to_string(expected_version),
                                   json,
                                   request_id.empty() ? "0" : "1",
                                   std::to_string(kRequestIdTtlSeconds),
                                   Keys::Prefix(p),
                                   Keys::RelativeRecord(d.session_id, d.state),
                                   fingerprint};
  AppendPairs(delta.session, args);
  AppendPairs(delta.process, args);
  AppendPairs(delta.process_set, args);
  const auto non_governmental = std::count_if(d.members.begin(), d.members.end(),
                                              [](const auto& m) { return IsNonGovernmental(m); });
  args.push_back(by.principal);
  args.push_back(std::to_string(absl::ToUnixMillis(by.time)));
  args.push_back(std::to_string(d.members.size()));
  args.push_back(std::to_string(non_governmental));
  return redis_->Eval(write_, keys, args);
}

absl::StatusOr<Delegation> RedisDelegationStore::Create(const Delegation& d,
                                                        const OpennessDelta& delta,
                                                        const std::string& request_key,
                                                        const std::string& fingerprint,
                                                        const WriteStamp& by) {
  auto reply = Write("create", d, 0, DelegationToJson(d), delta, request_key, fingerprint, by);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(d, *reply);
  if (reply->size() == 3 && (*reply)[0].str() == "REPLAY")
    return FromHash((*reply)[1], (*reply)[2]);
  return d;
}

absl::StatusOr<Delegation> RedisDelegationStore::Update(const Delegation& before,
                                                        const Delegation& after,
                                                        const OpennessDelta& delta,
                                                        const WriteStamp& by) {
  auto reply = Write("update", after, before.version, DelegationToJson(after), delta, "", "", by);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(after, *reply);
  return after;
}

absl::Status RedisDelegationStore::Delete(const Delegation& current, const OpennessDelta& delta,
                                          const WriteStamp& by) {
  auto reply = Write("delete", current, current.version, "", delta, "", "", by);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(current, *reply);
  return absl::OkStatus();
}

absl::StatusOr<OpennessCounters> RedisDelegationStore::Counters(const std::string& process_id) {
  auto sessions = redis_->ReadCommand({"SMEMBERS", Keys::Sessions(process_id)});
  if (!sessions.ok()) return sessions.status();
  std::vector<std::string> ids;
  std::vector<std::vector<std::string>> cmds = {{"HGETALL", Keys::ProcessCounters(process_id)}};
  for (size_t i = 0; i < sessions->size(); ++i) {
    ids.emplace_back((*sessions)[i].str());
    cmds.push_back({"HGETALL", Keys::SessionCounters(process_id, ids.back())});
  }
  auto replies = redis_->Pipeline(cmds, "HGETALL");
  if (!replies.ok()) return replies.status();
  OpennessCounters out;
  const redis::Reply& proc = (*replies)[0];
  for (size_t i = 0; i + 1 < proc.size(); i += 2) {
    out.process[std::string(proc[i].str())] = std::string(proc[i + 1].str());
  }
  for (size_t s = 0; s < ids.size(); ++s) {
    const redis::Reply& h = (*replies)[s + 1];
    auto& counters = out.sessions[ids[s]];
    for (size_t i = 0; i + 1 < h.size(); i += 2) {
      long long v = 0;
      if (absl::SimpleAtoi(h[i + 1].str(), &v)) counters[std::string(h[i].str())] = v;
    }
  }
  return out;
}

}  // namespace polylateral::composition
