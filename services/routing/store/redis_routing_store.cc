#include "services/routing/store/redis_routing_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/request_ids.h"
#include "common/redis/script_error.h"
#include "services/routing/domain/state_facts_rules.h"
#include "services/routing/store/lua_scripts.h"
#include "services/routing/store/routing_keys.h"

namespace polylateral::routing {
namespace {

using redis::RedisScript;
using redis::ReplyView;

RedisScript& Script(const char* name, const char* source) {
  // One per script for the process: the SHA learned once serves every store instance.
  static absl::Mutex mu;
  static auto* scripts = new std::vector<std::unique_ptr<RedisScript>>();
  absl::MutexLock lock(&mu);
  for (auto& s : *scripts) {
    if (s->name() == name) return *s;
  }
  scripts->push_back(std::make_unique<RedisScript>(name, source));
  return *scripts->back();
}

absl::Status ScriptFailed(const ReplyView& r, absl::string_view what) {
  return absl::InternalError(absl::StrCat("routing script ", what, ": ", r.str()));
}

int64_t Int(const ReplyView& r) {
  if (r.is_integer()) return r.integer();
  int64_t v = 0;
  if (r.is_string()) (void)absl::SimpleAtoi(r.str(), &v);
  return v;
}

// "<ms>-<seq>", as XADD makes them.
bool IsStreamId(absl::string_view id) {
  const size_t dash = id.find('-');
  if (dash == absl::string_view::npos || dash == 0 || dash + 1 == id.size() || id.size() > 41) {
    return false;
  }
  for (size_t i = 0; i < id.size(); ++i) {
    if (i != dash && (id[i] < '0' || id[i] > '9')) return false;
  }
  return true;
}

std::string Ms(absl::Time t) { return std::to_string(absl::ToUnixMillis(t)); }

// What the input scripts' refusals mean to callers.
std::optional<absl::Status> InputRefusal(const redis::ScriptError& e, const std::string& id) {
  if (e.reason == "NOT_FOUND") return NotFound("INPUT_NOT_FOUND", absl::StrCat("inputs/", id));
  if (e.reason == "VERSION_MISMATCH") {
    return Aborted("CONCURRENT_CHANGE", absl::StrCat("inputs/", id, " changed concurrently"));
  }
  if (e.reason == "EXISTS") {
    return AlreadyExists("INPUT_EXISTS", absl::StrCat("inputs/", id, " exists"));
  }
  if (e.reason == "REQUEST_ID_REUSED") return RequestIdReused();
  if (e.reason == "FACTS_CHANGED") {
    return Aborted("FACTS_CHANGED", "consultations or relay declarations changed; decide again");
  }
  return std::nullopt;
}

absl::Status InputScriptStatus(const ReplyView& r, absl::string_view script,
                               const std::string& id) {
  return redis::ScriptErrorStatus(r, absl::StrCat("routing ", script),
                                  [&](const redis::ScriptError& e) { return InputRefusal(e, id); });
}

}  // namespace

absl::StatusOr<std::string> RedisRoutingStore::Submit(const NewInput& in) {
  std::vector<std::string> keys = {
      keys::Input(in.id),
      in.request_id.empty() ? std::string(keys::kNoKey) : keys::Request(in.request_id),
      keys::Inputs(),
      keys::ByAuthor(in.author_id),
      in.facts_version.empty() ? std::string(keys::kNoKey) : keys::FactsVersion(),
      keys::AuditLog(),
      keys::Inboxes()};
  std::vector<std::string> args = {in.id,        in.record,       Ms(in.now),
                                   in.author_id, in.submitted_by, std::to_string(in.routes.size())};
  for (const auto& r : in.routes) {
    args.push_back(keys::Inbox(r.destination));
    args.push_back(r.destination);
    args.push_back(r.record);
  }
  args.push_back(std::to_string(in.dims.size()));
  for (const auto& d : in.dims) {
    args.push_back(keys::Report(d.process_id));
    args.push_back(d.dims);
    args.push_back(d.process_id);
  }
  args.push_back(in.facts_version);
  args.push_back(in.request_fingerprint);
  auto r = redis_->Eval(Script("rt_submit", lua::kSubmitLua), keys, args);
  if (!r.ok()) return r.status();
  if (r->is_error()) return InputScriptStatus(*r, "submit", in.id);
  if (!r->is_array() || r->size() != 2) return ScriptFailed(*r, "submit");
  return std::string((*r)[1].str());
}

absl::StatusOr<StoredInput> RedisRoutingStore::Get(const std::string& id) {
  auto r = redis_->ReadCommand({"HMGET", keys::Input(id), "d", "v", "routes", "acked"}, "HMGET");
  if (!r.ok()) return r.status();
  if (!r->is_array() || (*r)[0].is_nil()) {
    return NotFound("INPUT_NOT_FOUND", absl::StrCat("inputs/", id, " does not exist"));
  }
  return StoredInput{std::string((*r)[0].str()), Int((*r)[1]), Int((*r)[2]), Int((*r)[3])};
}

absl::Status RedisRoutingStore::Replace(const std::string& id, int64_t version,
                                        const std::string& record) {
  auto r = redis_->Eval(Script("rt_cas", lua::kCasLua), {keys::Input(id)},
                        {std::to_string(version), record});
  if (!r.ok()) return r.status();
  return InputScriptStatus(*r, "cas", id);
}

absl::Status RedisRoutingStore::Reroute(const std::string& id, int64_t version,
                                        const std::string& record,
                                        const std::vector<std::string>& withdrawn,
                                        const std::vector<QueuedRoute>& added, int64_t route_count,
                                        absl::Time now, const std::string& cause) {
  std::vector<std::string> args = {
      std::to_string(version),         record, Ms(now), id, std::string(keys::kInboxPrefix),
      std::to_string(withdrawn.size())};
  args.insert(args.end(), withdrawn.begin(), withdrawn.end());
  args.push_back(std::to_string(added.size()));
  for (const auto& a : added) {
    args.push_back(a.destination);
    args.push_back(a.record);
  }
  args.push_back(std::to_string(route_count));
  args.push_back(cause);
  auto r = redis_->Eval(Script("rt_reroute", lua::kRerouteLua),
                        {keys::Input(id), keys::AuditLog(), keys::Inboxes()}, args);
  if (!r.ok()) return r.status();
  return InputScriptStatus(*r, "cas", id);
}

absl::StatusOr<std::vector<std::string>> RedisRoutingStore::ListIds(const std::string& author,
                                                                    int64_t offset, int64_t limit) {
  const std::string key = author.empty() ? keys::Inputs() : keys::ByAuthor(author);
  const std::string start = std::to_string(offset), stop = std::to_string(offset + limit - 1);
  auto r = redis_->ReadCommand({"ZREVRANGE", key, start, stop}, "ZREVRANGE");
  if (!r.ok()) return r.status();
  std::vector<std::string> out;
  for (size_t i = 0; i < r->size(); ++i) out.emplace_back((*r)[i].str());
  return out;
}

absl::StatusOr<std::vector<PulledDelivery>> RedisRoutingStore::Pull(const std::string& destination,
                                                                    const PullOptions& o,
                                                                    absl::Time now) {
  auto r = redis_->Eval(
      Script("rt_pull", lua::kPullLua),
      {keys::Inbox(destination), keys::DeadLetters(destination), keys::Done(destination)},
      {o.consumer, std::to_string(o.count),
       std::to_string(absl::ToInt64Milliseconds(o.visibility_timeout)),
       std::to_string(o.max_deliveries), Ms(now), std::string(keys::kInputPrefix)});
  if (!r.ok()) return r.status();
  if (r->is_error()) return ScriptFailed(*r, "pull");
  std::vector<PulledDelivery> out;
  for (size_t i = 0; i < r->size(); ++i) {
    ReplyView e = (*r)[i];
    out.push_back({std::string(e[0].str()), std::string(e[1].str()), std::string(e[2].str()),
                   std::string(e[3].str()), Int(e[4]), Int(e[5])});
  }
  return out;
}

absl::StatusOr<bool> RedisRoutingStore::Ack(const std::string& destination,
                                            const std::string& delivery_id) {
  auto acked = AckMany(destination, {delivery_id});
  if (!acked.ok()) return acked.status();
  return acked->front();
}

absl::StatusOr<std::vector<bool>> RedisRoutingStore::AckMany(
    const std::string& destination, const std::vector<std::string>& delivery_ids) {
  std::vector<std::string> args = {std::string(keys::kInputPrefix)};
  for (const auto& id : delivery_ids) {
    // Checked here so that the script never stops half-way on a malformed id.
    if (!IsStreamId(id)) {
      return InvalidArgument("INVALID_REQUEST", "delivery_id", "is not a delivery id");
    }
    args.push_back(id);
  }
  auto r = redis_->Eval(Script("rt_ack", lua::kAckLua),
                        {keys::Inbox(destination), keys::Done(destination)}, args);
  if (!r.ok()) return r.status();
  if (r->is_error() || !r->is_array() || r->size() != delivery_ids.size()) {
    return ScriptFailed(*r, "ack");
  }
  std::vector<bool> out;
  out.reserve(delivery_ids.size());
  for (size_t i = 0; i < r->size(); ++i) out.push_back(Int((*r)[i]) == 1);
  return out;
}

absl::StatusOr<std::vector<std::string>> RedisRoutingStore::DeadLetters(
    const std::string& destination) {
  auto r = redis_->ReadCommand({"LRANGE", keys::DeadLetters(destination), "0", "-1"}, "LRANGE");
  if (!r.ok()) return r.status();
  std::vector<std::string> out;
  for (size_t i = 0; i < r->size(); ++i) out.emplace_back((*r)[i].str());
  return out;
}

absl::StatusOr<bool> RedisRoutingStore::CreateConsultation(const std::string& id,
                                                           const std::string& state,
                                                           const std::string& record) {
  auto r = redis_->Command({"HSETNX", keys::ConsultationState(), id, state}, "HSETNX");
  if (!r.ok()) return r.status();
  if (r->integer() == 0) return false;
  if (auto st = PutConsultation(id, state, record); !st.ok()) return st;
  return true;
}

absl::Status RedisRoutingStore::PutFact(const std::string& hash, const std::string& id,
                                        const std::string& record) {
  // The record and the version bump together (MULTI/EXEC), so that no reader sees one
  // without the other.
  auto r = redis_->Pipeline(
      {{"MULTI"}, {"HSET", hash, id, record}, {"INCR", keys::FactsVersion()}, {"EXEC"}}, "HSET");
  if (!r.ok()) return r.status();
  const redis::Reply& exec = r->back();
  if (!exec.is_array() || exec.size() != 2) {
    return absl::InternalError(absl::StrCat("routing fact write failed: ", exec.DebugString()));
  }
  return absl::OkStatus();
}

absl::Status RedisRoutingStore::PutConsultation(const std::string& id, const std::string& state,
                                                const std::string& record) {
  return PutFact(keys::Consultations(state), id, record);
}

absl::StatusOr<std::pair<std::string, std::string>> RedisRoutingStore::GetConsultation(
    const std::string& id) {
  auto state = redis_->ReadCommand({"HGET", keys::ConsultationState(), id}, "HGET");
  if (!state.ok()) return state.status();
  if (state->is_nil()) {
    return NotFound("CONSULTATION_NOT_FOUND", absl::StrCat("consultations/", id));
  }
  std::string iso2(state->str());
  auto rec = redis_->ReadCommand({"HGET", keys::Consultations(iso2), id}, "HGET");
  if (!rec.ok()) return rec.status();
  if (rec->is_nil()) return NotFound("CONSULTATION_NOT_FOUND", absl::StrCat("consultations/", id));
  return std::make_pair(iso2, std::string(rec->str()));
}

absl::StatusOr<std::vector<std::string>> RedisRoutingStore::StateConsultations(
    const std::string& state) {
  auto r = redis_->ReadCommand({"HVALS", keys::Consultations(state)}, "HVALS");
  if (!r.ok()) return r.status();
  std::vector<std::string> out;
  for (size_t i = 0; i < r->size(); ++i) out.emplace_back((*r)[i].str());
  return out;
}

absl::Status RedisRoutingStore::PutRelay(const std::string& id, const std::string& record) {
  return PutFact(keys::Relays(), id, record);
}

absl::Status RedisRoutingStore::ChangeRelay(const char* mode, const std::string& id,
                                            const std::string& state, const std::string& record,
                                            int max_per_state) {
  auto r = redis_->Eval(
      Script("rt_relay", lua::kRelayLua),
      {keys::Relays(), keys::RelaysOf(state), keys::FactsVersion(), keys::RelaysIndexed()},
      {mode, id, record, std::to_string(max_per_state), std::string(keys::kRelaysOfPrefix)});
  if (!r.ok()) return r.status();
  return redis::ScriptErrorStatus(
      *r, "routing relay", [&](const redis::ScriptError& e) -> std::optional<absl::Status> {
        if (e.reason == "TOO_MANY_RELAYS") return TooManyRelays(state, max_per_state);
        if (e.reason == "RELAY_NOT_FOUND") {
          return NotFound("RELAY_NOT_FOUND", absl::StrCat("relays/", id, " does not exist"));
        }
        return std::nullopt;
      });
}

absl::Status RedisRoutingStore::DeclareRelay(const std::string& id, const std::string& state,
                                             const std::string& record, int max_per_state) {
  return ChangeRelay("declare", id, state, record, max_per_state);
}

absl::Status RedisRoutingStore::DeleteRelay(const std::string& id, const std::string& state) {
  return ChangeRelay("delete", id, state, "", 0);
}

absl::StatusOr<std::string> RedisRoutingStore::GetRelay(const std::string& id) {
  auto r = redis_->ReadCommand({"HGET", keys::Relays(), id}, "HGET");
  if (!r.ok()) return r.status();
  if (r->is_nil())
    return NotFound("RELAY_NOT_FOUND", absl::StrCat("relays/", id, " does not exist"));
  return std::string(r->str());
}

absl::StatusOr<OwnFacts> RedisRoutingStore::ReadOwnFacts(const std::string& state) {
  std::vector<std::vector<std::string>> cmds = {{"GET", keys::FactsVersion()},
                                                {"HVALS", keys::Relays()}};
  if (!state.empty()) cmds.push_back({"HVALS", keys::Consultations(state)});
  auto r = redis_->Pipeline(cmds, "facts");
  if (!r.ok()) return r.status();
  for (const auto& reply : *r) {
    if (reply.is_error()) return ScriptFailed(reply, "facts");
  }
  OwnFacts out;
  out.version = (*r)[0].is_nil() ? "0" : std::string((*r)[0].str());
  for (size_t i = 0; i < (*r)[1].size(); ++i) out.relays.emplace_back((*r)[1][i].str());
  if (!state.empty()) {
    for (size_t i = 0; i < (*r)[2].size(); ++i) out.consultations.emplace_back((*r)[2][i].str());
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> RedisRoutingStore::Relays() {
  auto r = redis_->ReadCommand({"HVALS", keys::Relays()}, "HVALS");
  if (!r.ok()) return r.status();
  std::vector<std::string> out;
  for (size_t i = 0; i < r->size(); ++i) out.emplace_back((*r)[i].str());
  return out;
}

absl::Status RedisRoutingStore::PutOutcome(const std::string& id, const std::string& record,
                                           const std::string& seen_process) {
  auto r = redis_->Eval(Script("rt_outcome", lua::kOutcomeLua), {keys::Outcome(id)},
                        {record, seen_process});
  if (!r.ok()) return r.status();
  return redis::ScriptErrorStatus(
      *r, "routing outcome", [&](const redis::ScriptError& e) -> std::optional<absl::Status> {
        if (e.reason != "OUTCOME_CHANGED") return std::nullopt;
        return Aborted(
            "OUTCOME_CHANGED",
            absl::StrCat("outcomes/", id,
                         " was registered for another process meanwhile; register again"));
      });
}

absl::StatusOr<std::string> RedisRoutingStore::GetOutcome(const std::string& id) {
  auto r = redis_->ReadCommand({"GET", keys::Outcome(id)}, "GET");
  if (!r.ok()) return r.status();
  if (r->is_nil()) return NotFound("OUTCOME_NOT_FOUND", absl::StrCat("outcomes/", id));
  return std::string(r->str());
}

absl::Status RedisRoutingStore::RecordUptake(const std::string& input_id,
                                             const std::string& process_id,
                                             const std::string& status_name,
                                             const std::string& record,
                                             const std::string& recorded_by,
                                             const std::string& outcome_id, absl::Time now) {
  auto r = redis_->Eval(
      Script("rt_uptake", lua::kUptakeLua),
      {keys::Uptake(input_id), keys::Input(input_id), keys::Report(process_id), keys::AuditLog()},
      {process_id, status_name, record, recorded_by, outcome_id, Ms(now)});
  if (!r.ok()) return r.status();
  return redis::ScriptErrorStatus(
      *r, "routing uptake", [&](const redis::ScriptError& e) -> std::optional<absl::Status> {
        if (e.reason != "NOT_IN_PROCESS") return InputRefusal(e, input_id);
        return FailedPrecondition(
            "INPUT_NOT_IN_PROCESS", "uptake.input",
            absl::StrCat("inputs/", input_id, " was not routed into processes/", process_id));
      });
}

absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> RedisRoutingStore::ReportCounters(
    const std::string& process_id) {
  auto r = redis_->ReadCommand({"HGETALL", keys::Report(process_id)}, "HGETALL");
  if (!r.ok()) return r.status();
  std::vector<std::pair<std::string, int64_t>> out;
  for (size_t i = 0; i + 1 < r->size(); i += 2) {
    out.emplace_back(std::string((*r)[i].str()), Int((*r)[i + 1]));
  }
  return out;
}

}  // namespace polylateral::routing
