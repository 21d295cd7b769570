#include "services/composition/store/redis_body_store.h"

#include <algorithm>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/base/errors.h"
#include "services/composition/store/composition_keys.h"

namespace polylateral::composition {

namespace lua {
extern const char kBodyWriteLua[];
extern const char kBodySnapshotLua[];
}  // namespace lua

namespace {

// The bytes kept for `m`: fields this build does not know would be stored verbatim (a caller
// could store megabytes past every size check), so they are dropped, at every depth.
std::string Stored(const google::protobuf::Message& m) {
  std::unique_ptr<google::protobuf::Message> known(m.New());
  known->CopyFrom(m);
  known->DiscardUnknownFields();
  return known->SerializeAsString();
}

using Keys = CompositionKeys;

std::string Name(const BodyKey& key) {
  return absl::StrCat("processes/", key.process_id, "/bodies/", key.body_id);
}

absl::Status WriteError(const BodyKey& key, absl::string_view reply) {
  // Redis prefixes "ERR " to a script error that is a single word.
  absl::ConsumePrefix(&reply, "ERR ");
  const size_t space = reply.find(' ');
  absl::string_view code = reply.substr(0, space);
  absl::string_view detail = space == absl::string_view::npos ? "" : reply.substr(space + 1);
  const std::string name = Name(key);
  if (code == "BODY_EXISTS") return AlreadyExists("BODY_EXISTS", name + " exists");
  if (code == "BODY_NOT_FOUND") return NotFound("BODY_NOT_FOUND", name + " not found");
  if (code == "BODY_DRAWN") {
    return FailedPrecondition("BODY_DRAWN", name, "the body is drawn; nominations are closed");
  }
  if (code == "BODY_FULL") {
    return FailedPrecondition("BODY_FULL", name, "the body takes no more nominations");
  }
  if (code == "NOMINATION_EXISTS") {
    return AlreadyExists("NOMINATION_EXISTS", "a nomination with this id exists");
  }
  if (code == "CANDIDATE_TAKEN") {
    return AlreadyExists(
        "CANDIDATE_ALREADY_NOMINATED",
        absl::StrCat("the candidate is already nominated as ", name, "/nominations/", detail));
  }
  if (code == "NOMINATION_NOT_FOUND") {
    return NotFound("NOMINATION_NOT_FOUND", "no such nomination of " + name);
  }
  if (code == "NOMINATION_CHANGED") {
    return Aborted("NOMINATION_CHANGED", "the nomination was replaced meanwhile; read it again");
  }
  if (code == "NOMINATIONS_CHANGED") {
    return Aborted("NOMINATIONS_CHANGED",
                   name + ": a nomination arrived or left during the solve; draw again");
  }
  return absl::InternalError(absl::StrCat("body script: ", reply));
}

// Fills the output-only fields from the stored hash fields.
absl::Status Decode(const redis::ReplyView& d, const redis::ReplyView& st,
                    const redis::ReplyView& dr, v1::Body* body) {
  if (!body->ParseFromString(std::string(d.str()))) {
    return absl::DataLossError("stored body does not parse");
  }
  const bool drawn = st.str() == "D";
  body->set_state(drawn ? v1::DRAWN : v1::NOMINATING);
  if (drawn && !body->mutable_draw()->ParseFromString(std::string(dr.str()))) {
    return absl::DataLossError("stored draw does not parse");
  }
  return absl::OkStatus();
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
                             Keys::NominatedCandidates(p, key.body_id)},
                            args);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(key, reply->str());
  return absl::OkStatus();
}

absl::Status RedisBodyStore::Create(const BodyKey& key, const v1::Body& body) {
  return Write(key, {"create", Stored(body)});
}

absl::StatusOr<v1::Body> RedisBodyStore::Get(const BodyKey& key) {
  auto replies =
      redis_->Pipeline({{"HMGET", Keys::Body(key.process_id, key.body_id), "d", "st", "dr"},
                        {"HLEN", Keys::Nominations(key.process_id, key.body_id)}},
                       "HMGET");
  if (!replies.ok()) return replies.status();
  const redis::Reply& h = (*replies)[0];
  if (!h.is_array() || h.size() != 3 || h[0].is_nil()) {
    return NotFound("BODY_NOT_FOUND", Name(key) + " not found");
  }
  v1::Body body;
  if (absl::Status s = Decode(h[0], h[1], h[2], &body); !s.ok()) return s;
  body.set_nomination_count(static_cast<int32_t>((*replies)[1].integer()));
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
  if (absl::Status s = Decode(r[0], r[1], r[3], &out.body); !s.ok()) return s;
  if (!absl::SimpleAtoi(r[2].str(), &out.version)) {
    return absl::DataLossError("stored body without a nominations version");
  }
  std::vector<std::pair<std::string, v1::Nomination>> noms;
  for (size_t i = 4; i + 1 < r.size(); i += 2) {
    v1::Nomination n;
    if (!n.ParseFromString(std::string(r[i + 1].str()))) {
      return absl::DataLossError("stored nomination does not parse");
    }
    noms.emplace_back(std::string(r[i].str()), std::move(n));
  }
  std::sort(noms.begin(), noms.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [id, n] : noms) out.nominations.push_back(std::move(n));
  out.body.set_nomination_count(static_cast<int32_t>(out.nominations.size()));
  return out;
}

absl::Status RedisBodyStore::Nominate(const BodyKey& key, const std::string& nomination_id,
                                      const v1::Nomination& nomination, int max_nominations) {
  return Write(key, {"nominate", nomination_id, nomination.candidate().id(), Stored(nomination),
                     std::to_string(max_nominations)});
}

absl::StatusOr<v1::Nomination> RedisBodyStore::GetNomination(const BodyKey& key,
                                                             const std::string& nomination_id) {
  auto reply =
      redis_->ReadCommand({"HGET", Keys::Nominations(key.process_id, key.body_id), nomination_id});
  if (!reply.ok()) return reply.status();
  if (reply->is_nil()) {
    return NotFound("NOMINATION_NOT_FOUND",
                    absl::StrCat(Name(key), "/nominations/", nomination_id, " not found"));
  }
  v1::Nomination n;
  if (!n.ParseFromString(std::string(reply->str()))) {
    return absl::DataLossError("stored nomination does not parse");
  }
  return n;
}

absl::Status RedisBodyStore::Withdraw(const BodyKey& key, const std::string& nomination_id,
                                      const v1::Nomination& read) {
  return Write(key, {"withdraw", nomination_id, read.candidate().id(), Stored(read)});
}

absl::Status RedisBodyStore::RecordDraw(const BodyKey& key, int64_t version,
                                        const v1::BodyDraw& draw) {
  return Write(key, {"draw", std::to_string(version), Stored(draw)});
}

}  // namespace polylateral::composition
