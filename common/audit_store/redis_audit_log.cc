#include "common/audit_store/redis_audit_log.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/audit/canonical.h"
#include "common/audit_store/audit_json.h"
#include "common/audit_store/audit_keys.h"
#include "common/base/errors.h"
#include "common/redis/script_error.h"

namespace polylateral::audit {
namespace lua {
extern const char kSealLua[];
extern const char kPublishHeadLua[];
}  // namespace lua
namespace {

// A batch is one LRANGE and one script: small enough to keep Redis responsive, large enough
// that sealing keeps up with any write rate the services take.
constexpr uint64_t kBatch = 512;

redis::RedisScript& SealScript() {
  static redis::RedisScript* s = new redis::RedisScript("audit_seal", lua::kSealLua);
  return *s;
}

redis::RedisScript& PublishScript() {
  static redis::RedisScript* s = new redis::RedisScript("audit_head", lua::kPublishHeadLua);
  return *s;
}

absl::StatusOr<uint64_t> LengthOf(redis::RedisClient* redis, const std::string& key) {
  absl::StatusOr<redis::Reply> r = redis->ReadCommand({"LLEN", key});
  if (!r.ok()) return r.status();
  if (!r->is_integer())
    return absl::InternalError(absl::StrCat("LLEN ", key, ": ", r->DebugString()));
  return static_cast<uint64_t>(r->integer());
}

absl::StatusOr<std::string> HashFromHex(absl::string_view hex) {
  if (hex.size() != 64) return absl::DataLossError(absl::StrCat("audit seal is not a hash: ", hex));
  return absl::HexStringToBytes(hex);
}

}  // namespace

absl::StatusOr<uint64_t> RedisAuditLog::Length() { return LengthOf(redis_, keys::Log(tag_)); }

absl::StatusOr<SealState> RedisAuditLog::Sealed() {
  // Seals are only ever appended, never changed: the seal at count-1 read after LLEN is the
  // one that count ends at, whatever another sealer appends in between.
  const std::string seals = keys::Seals(tag_);
  absl::StatusOr<uint64_t> count = LengthOf(redis_, seals);
  if (!count.ok()) return count.status();
  SealState state{*count, GenesisHash()};
  if (*count == 0) return state;
  absl::StatusOr<redis::Reply> r =
      redis_->ReadCommand({"LINDEX", seals, std::to_string(*count - 1)});
  if (!r.ok()) return r.status();
  absl::StatusOr<std::string> hash = HashFromHex(r->is_string() ? r->str() : "");
  if (!hash.ok()) return hash.status();
  state.hash = *std::move(hash);
  return state;
}

absl::StatusOr<uint64_t> RedisAuditLog::SealBatch(uint64_t max_entries) {
  absl::StatusOr<SealState> state = Sealed();
  if (!state.ok()) return state.status();
  const uint64_t first = state->count + 1;
  const std::string log = keys::Log(tag_);
  absl::StatusOr<redis::Reply> r = redis_->ReadCommand(
      {"LRANGE", log, std::to_string(first - 1), std::to_string(first - 1 + max_entries - 1)});
  if (!r.ok()) return r.status();
  if (!r->is_array() || r->size() == 0) return 0;
  std::vector<std::string> args = {std::to_string(first)};
  std::string prev = state->hash;
  for (size_t i = 0; i < r->size(); ++i) {
    absl::StatusOr<AuditEntry> entry = DecodeStoredEntry((*r)[i].str());
    if (!entry.ok()) return entry.status();
    if (entry->seq != first + i) {
      return absl::DataLossError(
          absl::StrCat(log, ": entry at index ", first + i - 1, " has seq ", entry->seq));
    }
    absl::StatusOr<std::string> hash = ChainHash(*entry, prev);
    if (!hash.ok()) return hash.status();
    prev = *std::move(hash);
    args.push_back(absl::BytesToHexString(prev));
  }
  absl::StatusOr<redis::Reply> sealed = redis_->Eval(SealScript(), {log, keys::Seals(tag_)}, args);
  if (!sealed.ok()) return sealed.status();
  absl::Status refused = redis::ScriptErrorStatus(
      *sealed, "audit seal", [&](const redis::ScriptError& e) -> std::optional<absl::Status> {
        if (e.reason == "SEAL_CONFLICT") {
          return absl::DataLossError(
              absl::StrCat(log, ": stored seal of entry ", e.detail, " differs (SEAL_CONFLICT)"));
        }
        // Another sealer moved on between our read and our write: nothing sealed, try again.
        if (e.reason == "SEAL_GAP" || e.reason == "SEAL_AHEAD") {
          return absl::AbortedError(absl::StrCat(log, ": ", e.reason));
        }
        return std::nullopt;
      });
  if (!refused.ok()) return refused;
  const auto now_sealed = static_cast<uint64_t>(sealed->integer());
  return now_sealed >= first ? now_sealed - first + 1 : 0;
}

absl::StatusOr<uint64_t> RedisAuditLog::SealPending(uint64_t max_entries) {
  uint64_t total = 0;
  while (total < max_entries) {
    absl::StatusOr<uint64_t> n = SealBatch(std::min(kBatch, max_entries - total));
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    total += *n;
  }
  return total;
}

absl::StatusOr<std::vector<SealedEntry>> RedisAuditLog::Read(uint64_t from_seq, uint64_t limit) {
  std::vector<SealedEntry> out;
  if (from_seq == 0 || limit == 0) return out;
  const std::string start = std::to_string(from_seq - 1);
  const std::string stop = std::to_string(from_seq - 1 + limit - 1);
  absl::StatusOr<std::vector<redis::Reply>> r = redis_->Pipeline(
      {{"LRANGE", keys::Log(tag_), start, stop}, {"LRANGE", keys::Seals(tag_), start, stop}},
      "audit_read");
  if (!r.ok()) return r.status();
  const redis::Reply& entries = (*r)[0];
  const redis::Reply& seals = (*r)[1];
  if (!entries.is_array()) return absl::InternalError(entries.DebugString());
  out.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    absl::StatusOr<AuditEntry> entry = DecodeStoredEntry(entries[i].str());
    if (!entry.ok()) return entry.status();
    SealedEntry e{*std::move(entry), ""};
    if (seals.is_array() && i < seals.size()) {
      absl::StatusOr<std::string> hash = HashFromHex(seals[i].str());
      if (!hash.ok()) return hash.status();
      e.hash = *std::move(hash);
    }
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<SignedHead> RedisAuditLog::PublishHead(const HeadSigner& signer, absl::Time now) {
  absl::StatusOr<SealState> state = Sealed();
  if (!state.ok()) return state.status();
  SignedHead head{tag_, state->count, state->hash, absl::ToUnixMillis(now), "", ""};
  if (absl::Status s = signer.Sign(head); !s.ok()) return s;
  absl::StatusOr<redis::Reply> r =
      redis_->Eval(PublishScript(), {keys::Head(tag_), keys::Heads(tag_)},
                   {std::to_string(head.seq), EncodeHead(head)});
  if (!r.ok()) return r.status();
  if (absl::Status s = redis::ScriptErrorStatus(
          *r, "audit head", [](const redis::ScriptError&) { return std::nullopt; });
      !s.ok()) {
    return s;
  }
  return head;
}

absl::StatusOr<SignedHead> RedisAuditLog::LatestHead() {
  absl::StatusOr<redis::Reply> r = redis_->ReadCommand({"GET", keys::Head(tag_)});
  if (!r.ok()) return r.status();
  if (r->is_nil()) {
    return NotFound("HEAD_NOT_PUBLISHED", absl::StrCat("no signed head of ", tag_, " yet"));
  }
  return DecodeHead(r->str());
}

}  // namespace polylateral::audit
