#include "services/composition/store/redis_body_store.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/base/errors.h"
#include "common/redis/script_error.h"
#include "services/composition/store/audit_logs.h"
#include "services/composition/store/composition_keys.h"

namespace polylateral::composition {

namespace lua {
extern const char kBodyWriteLua[];
extern const char kBodySnapshotLua[];
}  // namespace lua

namespace {

using Keys = CompositionKeys;

std::string Name(const BodyKey& key) {
  return absl::StrCat("processes/", key.process_id, "/bodies/", key.body_id);
}

std::optional<absl::Status> Refusal(const BodyKey& key, const redis::ScriptError& e) {
  const std::string name = Name(key);
  if (e.reason == "BODY_EXISTS") return AlreadyExists("BODY_EXISTS", name + " exists");
  if (e.reason == "BODY_NOT_FOUND") return NotFound("BODY_NOT_FOUND", name + " not found");
  if (e.reason == "BODY_DRAWN") {
    return FailedPrecondition("BODY_DRAWN", name, "the body is drawn; nominations are closed");
  }
  if (e.reason == "BODY_FULL") {
    return FailedPrecondition("BODY_FULL", name, "the body takes no more nominations");
  }
  if (e.reason == "NOMINATION_EXISTS") {
    return AlreadyExists("NOMINATION_EXISTS", "a nomination with this id exists");
  }
  if (e.reason == "CANDIDATE_TAKEN") {
    return AlreadyExists(
        "CANDIDATE_ALREADY_NOMINATED",
        absl::StrCat("the candidate is already nominated as ", name, "/nominations/", e.detail));
  }
  if (e.reason == "NOMINATION_NOT_FOUND") {
    return NotFound("NOMINATION_NOT_FOUND", "no such nomination of " + name);
  }
  if (e.reason == "NOMINATION_CHANGED") {
    return Aborted("NOMINATION_CHANGED", "the nomination was replaced meanwhile; read it again");
  }
  if (e.reason == "NOMINATIONS_CHANGED") {
    return Aborted("NOMINATIONS_CHANGED",
                   name + ": a nomination arrived or left during the solve; draw again");
  }
  return std::nullopt;
}

absl::Status WriteError(const BodyKey& key, const redis::ReplyView& reply) {
  return redis::ScriptErrorStatus(reply, "body",
                                  [&](const redis::ScriptError& e) { return Refusal(key, e); });
}

// The body's hash fields d (record), st (N|D) and dr (the draw's record).
StoredBody Decode(const redis::ReplyView& d, const redis::ReplyView& st,
                  const redis::ReplyView& dr) {
  StoredBody body;
  body.record = std::string(d.str());
  body.drawn = st.str() == "D";
  if (body.drawn) body.draw = std::string(dr.str());
  return body;
}

}  // namespace

RedisBodyStore::RedisBodyStore(redis::RedisClient* redis)
    : redis_(redis),
      write_("body_write", lua::kBodyWriteLua),
      snapshot_("body_snapshot", lua::kBodySnapshotLua) {
  if (auto* m = redis_->metrics()) {
    m->RegisterCommand(write_.name());
    m->RegisterCommand(snapshot_.name());
  }
}

absl::Status RedisBodyStore::Write(const BodyKey& key, const std::vector<std::string>& args) {
  const std::string& p = key.process_id;
  auto reply = redis_->Eval(write_,
                            {Keys::Body(p, key.body_id), Keys::Nominations(p, key.body_id),
                             Keys::NominatedCandidates(p, key.body_id), Keys::AuditLog(p)},
                            args);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(key, *reply);
  return absl::OkStatus();
}

absl::Status RedisBodyStore::Create(const BodyKey& key, const std::string& record) {
  return Write(key, {"create", record});
}

absl::StatusOr<StoredBody> RedisBodyStore::Get(const BodyKey& key) {
  auto replies =
      redis_->Pipeline({{"HMGET", Keys::Body(key.process_id, key.body_id), "d", "st", "dr"},
                        {"HLEN", Keys::Nominations(key.process_id, key.body_id)}},
                       "HMGET");
  if (!replies.ok()) return replies.status();
  const redis::Reply& h = (*replies)[0];
  if (!h.is_array() || h.size() != 3 || h[0].is_nil()) {
    return NotFound("BODY_NOT_FOUND", Name(key) + " not found");
  }
  StoredBody body = Decode(h[0], h[1], h[2]);
  body.nomination_count = static_cast<int>((*replies)[1].integer());
  return body;
}

absl::StatusOr<BodySnapshot> RedisBodyStore::Snapshot(const BodyKey& key) {
  auto reply = redis_->Eval(
      snapshot_,
      {Keys::Body(key.process_id, key.body_id), Keys::Nominations(key.process_id, key.body_id)},
      {});
  if (!reply.ok()) return reply.status();
  if (!reply->is_array() || reply->size() < 4) {
    return NotFound("BODY_NOT_FOUND", Name(key) + " not found");
  }
  const redis::Reply& r = *reply;
  BodySnapshot out;
  out.body = Decode(r[0], r[1], r[3]);
  if (!absl::SimpleAtoi(r[2].str(), &out.version)) {
    return absl::DataLossError("stored body without a nominations version");
  }
  std::vector<std::pair<std::string, std::string>> noms;
  for (size_t i = 4; i + 1 < r.size(); i += 2) {
    noms.emplace_back(std::string(r[i].str()), std::string(r[i + 1].str()));
  }
  std::sort(noms.begin(), noms.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [id, n] : noms) out.nominations.push_back(std::move(n));
  out.body.nomination_count = static_cast<int>(out.nominations.size());
  return out;
}

absl::Status RedisBodyStore::Nominate(const BodyKey& key, const NominationRecord& nomination,
                                      int max_nominations) {
  return Write(key, {"nominate", nomination.id, nomination.candidate_id, nomination.record,
                     std::to_string(max_nominations)});
}

absl::StatusOr<std::string> RedisBodyStore::GetNomination(const BodyKey& key,
                                                          const std::string& nomination_id) {
  auto reply =
      redis_->ReadCommand({"HGET", Keys::Nominations(key.process_id, key.body_id), nomination_id});
  if (!reply.ok()) return reply.status();
  if (reply->is_nil()) {
    return NotFound("NOMINATION_NOT_FOUND",
                    absl::StrCat(Name(key), "/nominations/", nomination_id, " not found"));
  }
  return std::string(reply->str());
}

absl::Status RedisBodyStore::Withdraw(const BodyKey& key, const NominationRecord& read) {
  return Write(key, {"withdraw", read.id, read.candidate_id, read.record});
}

absl::Status RedisBodyStore::RecordDraw(const BodyKey& key, int64_t version,
                                        const std::string& draw, const DrawStamp& stamp) {
  if (absl::Status s = RegisterAuditLog(redis_, key.process_id); !s.ok()) return s;
  std::vector<std::string> args = {"draw",
                                   std::to_string(version),
                                   draw,
                                   stamp.drawn_by,
                                   std::to_string(stamp.time_ms),
                                   Name(key),
                                   stamp.seed,
                                   stamp.seed_sha256,
                                   absl::StrJoin(stamp.member_ids, ","),
                                   std::to_string(stamp.panel_index)};
  if (stamp.uniform) {
    args.insert(
        args.end(),
        {std::to_string(stamp.uniform->panels), std::to_string(stamp.uniform->panel_number),
         stamp.uniform->public_draw ? "public_draw" : "seed", stamp.uniform->panels_sha256});
  }
  return Write(key, args);
}

}  // namespace polylateral::composition
