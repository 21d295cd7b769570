#include "services/registry/store/redis_stakeholder_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/request_ids.h"
#include "common/redis/cached_read.h"
#include "common/redis/script_error.h"
#include "services/registry/domain/stakeholder_rules.h"
#include "services/registry/store/audit_notes.h"
#include "services/registry/store/lua_scripts.h"
#include "services/registry/store/registry_json.h"
#include "services/registry/store/registry_keys.h"

namespace polylateral::registry {
namespace {

using Keys = RegistryKeys;

// The field a reference error points at: affiliations come first in the script's list.
std::string ReferenceField(const Stakeholder& s, const std::string& index) {
  size_t i = 0;
  absl::SimpleAtoi(index, &i);
  if (i < s.affiliations.size()) return absl::StrCat("stakeholder.affiliations[", i, "]");
  return absl::StrCat("stakeholder.network_members[", i - s.affiliations.size(), "]");
}

std::string ReferenceId(const Stakeholder& s, const std::string& index) {
  size_t i = 0;
  absl::SimpleAtoi(index, &i);
  auto refs = s.References();
  return i < refs.size() ? refs[i] : "";
}

// Maps a script's error reply to the status the API promises.
std::optional<absl::Status> Refusal(const Stakeholder& s, const redis::ScriptError& e) {
  if (e.reason == "ID_TAKEN") {
    return AlreadyExists("STAKEHOLDER_EXISTS", absl::StrCat("stakeholders/", s.id, " exists"));
  }
  if (e.reason == "NAME_TAKEN") {
    return AlreadyExists("DUPLICATE_STAKEHOLDER_NAME",
                         absl::StrCat("'", s.display_name, "' (", s.country,
                                      ") is already registered as stakeholders/", e.detail));
  }
  if (e.reason == "REF_MISSING") {
    return InvalidArgument(
        "UNKNOWN_REFERENCE", ReferenceField(s, e.detail),
        absl::StrCat("stakeholders/", ReferenceId(s, e.detail), " does not exist"));
  }
  if (e.reason == "REF_NOT_ORG") {
    return FailedPrecondition(
        "AFFILIATION_NOT_ORGANISATION", ReferenceField(s, e.detail),
        absl::StrCat("stakeholders/", ReferenceId(s, e.detail), " is not an organisation"));
  }
  if (e.reason == "NOT_FOUND") {
    return NotFound("STAKEHOLDER_NOT_FOUND", absl::StrCat("stakeholders/", s.id, " not found"));
  }
  if (e.reason == "VERSION_MISMATCH") {
    return Aborted("ETAG_MISMATCH",
                   absl::StrCat("stakeholders/", s.id, " was changed concurrently; read it again"));
  }
  if (e.reason == "REFERRERS_CHANGED") {
    return Aborted("REFERRERS_CHANGED", absl::StrCat("the stakeholders naming stakeholders/", s.id,
                                                     " changed concurrently; read them again"));
  }
  if (e.reason == "REQUEST_ID_REUSED") return RequestIdReused();
  if (e.reason == "REPLAY_GONE") {
    return AlreadyExists("REQUEST_ALREADY_APPLIED",
                         absl::StrCat("this request_id created stakeholders/", e.detail,
                                      ", which has since been deleted"));
  }
  return std::nullopt;
}

// A write script's reply as the status the API promises (OK when it is no error).
absl::Status WriteError(const Stakeholder& s, const redis::ReplyView& reply) {
  return redis::ScriptErrorStatus(reply, "stakeholder",
                                  [&](const redis::ScriptError& e) { return Refusal(s, e); });
}

std::vector<std::string> IndexKeys(const Stakeholder& s) {
  std::vector<std::string> keys;
  for (const auto& label : StakeholderIndexLabels(s)) keys.push_back(Keys::Index(label));
  return keys;
}

}  // namespace

RedisStakeholderStore::RedisStakeholderStore(redis::RedisClient* redis, Cache* cache)
    : redis_(redis),
      cache_(cache),
      create_("stakeholder_create", lua::kStakeholderCreateLua),
      update_("stakeholder_update", lua::kStakeholderUpdateLua),
      delete_("stakeholder_delete", lua::kStakeholderDeleteLua),
      list_("stakeholder_list", lua::kIndexListLua) {
  if (auto* m = redis_->metrics()) {
    for (const auto* s : {&create_, &update_, &delete_, &list_}) m->RegisterCommand(s->name());
    if (cache_ != nullptr) cache_counters_ = m->RegisterCache("stakeholders");
  }
}

absl::StatusOr<Stakeholder> RedisStakeholderStore::Get(const std::string& id) {
  const std::string key = Keys::Stakeholder(id);
  return redis::CachedRead(cache_, cache_counters_, key, [&]() -> absl::StatusOr<Stakeholder> {
    auto reply = redis_->ReadCommand({"HGET", key, "d"}, "GET");
    if (!reply.ok()) return reply.status();
    if (reply->is_nil()) {
      return NotFound("STAKEHOLDER_NOT_FOUND", absl::StrCat("stakeholders/", id, " not found"));
    }
    if (!reply->is_string()) return absl::InternalError(reply->DebugString());
    return StakeholderFromJson(std::string(reply->str()));
  });
}

void RedisStakeholderStore::Forget(const std::string& id) {
  // Whatever the write's outcome (even a lost reply: it may have been applied), the next
  // read on this replica goes to Redis rather than waiting for Redis's invalidation.
  if (cache_ != nullptr) cache_->Invalidate(Keys::Stakeholder(id));
}

absl::StatusOr<Stakeholder> RedisStakeholderStore::Create(const Stakeholder& s,
                                                          const std::string& request_key,
                                                          const std::string& fingerprint,
                                                          const WriteAudit& audit) {
  const std::string unique = StakeholderUniqueKey(s);
  std::vector<std::string> keys = {Keys::Stakeholder(s.id), Keys::Unique(unique),
                                   Keys::StakeholderRequest(request_key), Keys::AuditLog()};
  for (auto& k : IndexKeys(s)) keys.push_back(std::move(k));
  std::vector<std::string> args = {StakeholderToJson(s),
                                   StakeholderSortKey(s),
                                   std::to_string(static_cast<int>(s.kind)),
                                   s.id,
                                   unique.empty() ? "0" : "1",
                                   request_key.empty() ? "0" : "1",
                                   std::to_string(kRequestIdTtlSeconds),
                                   Keys::prefix(),
                                   std::to_string(s.affiliations.size()),
                                   fingerprint,
                                   AuditNotesArg(audit)};
  for (auto& r : s.References()) args.push_back(std::move(r));
  auto reply = redis_->Eval(create_, keys, args);
  Forget(s.id);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(s, *reply);
  if (reply->size() == 2 && (*reply)[0].str() == "REPLAY") {
    return StakeholderFromJson(std::string((*reply)[1].str()));
  }
  return s;
}

absl::StatusOr<Stakeholder> RedisStakeholderStore::Update(const Stakeholder& before,
                                                          const Stakeholder& after_in,
                                                          const WriteAudit& audit) {
  Stakeholder after = after_in;
  after.version = before.version + 1;
  const std::string old_unique = StakeholderUniqueKey(before);
  const std::string new_unique = StakeholderUniqueKey(after);
  const std::vector<std::string> old_index = IndexKeys(before);
  std::vector<std::string> keys = {Keys::Stakeholder(after.id), Keys::Unique(old_unique),
                                   Keys::Unique(new_unique), Keys::AuditLog()};
  keys.insert(keys.end(), old_index.begin(), old_index.end());
  for (auto& k : IndexKeys(after)) keys.push_back(std::move(k));
  std::vector<std::string> args = {std::to_string(before.version),
                                   StakeholderToJson(after),
                                   StakeholderSortKey(after),
                                   after.id,
                                   old_unique.empty() ? "0" : "1",
                                   new_unique.empty() ? "0" : "1",
                                   std::to_string(old_index.size()),
                                   Keys::prefix(),
                                   std::to_string(before.affiliations.size()),
                                   std::to_string(before.network_members.size()),
                                   std::to_string(after.affiliations.size()),
                                   std::to_string(after.network_members.size()),
                                   AuditNotesArg(audit)};
  for (auto& r : before.References()) args.push_back(std::move(r));
  for (auto& r : after.References()) args.push_back(std::move(r));
  auto reply = redis_->Eval(update_, keys, args);
  Forget(after.id);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(after, *reply);
  return after;
}

absl::Status RedisStakeholderStore::Delete(const Stakeholder& current,
                                           const std::vector<Stakeholder>& referrers,
                                           const std::vector<Stakeholder>& referrers_after,
                                           const WriteAudit& audit) {
  const std::string unique = StakeholderUniqueKey(current);
  std::vector<std::string> keys = {Keys::Stakeholder(current.id), Keys::Unique(unique),
                                   Keys::AuditLog()};
  for (auto& k : IndexKeys(current)) keys.push_back(std::move(k));
  std::vector<std::string> args = {std::to_string(current.version),  current.id,
                                   unique.empty() ? "0" : "1",       Keys::prefix(),
                                   std::to_string(referrers.size()), AuditNotesArg(audit)};
  for (size_t i = 0; i < referrers.size(); ++i) {
    Stakeholder after = referrers_after[i];
    after.version = referrers[i].version + 1;
    args.push_back(referrers[i].id);
    args.push_back(std::to_string(referrers[i].version));
    args.push_back(StakeholderToJson(after));
  }
  for (auto& r : current.References()) args.push_back(std::move(r));
  auto reply = redis_->Eval(delete_, keys, args);
  Forget(current.id);
  for (const Stakeholder& r : referrers) Forget(r.id);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(current, *reply);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Stakeholder>> RedisStakeholderStore::Referrers(const std::string& id) {
  auto ids = redis_->ReadCommand({"SMEMBERS", absl::StrCat(Keys::prefix(), "rb:", id)}, "SMEMBERS");
  if (!ids.ok()) return ids.status();
  if (!ids->is_array()) return absl::InternalError(ids->DebugString());
  std::vector<Stakeholder> out;
  if (ids->size() == 0) return out;
  // Read past the cache: the delete that follows checks these versions.
  std::vector<std::vector<std::string>> reads;
  for (size_t i = 0; i < ids->size(); ++i) {
    reads.push_back({"HGET", Keys::Stakeholder(std::string((*ids)[i].str())), "d"});
  }
  auto records = redis_->Pipeline(reads, "HGET");
  if (!records.ok()) return records.status();
  for (const auto& record : *records) {
    if (!record.is_string()) continue;  // deleted since SMEMBERS: no longer a referrer
    auto s = StakeholderFromJson(std::string(record.str()));
    if (!s.ok()) return s.status();
    out.push_back(*std::move(s));
  }
  return out;
}

absl::StatusOr<Page<Stakeholder>> RedisStakeholderStore::List(
    const std::vector<std::string>& labels, const std::string& prefix, const std::string& cursor,
    int limit) {
  std::vector<std::string> keys;
  keys.reserve(labels.size());
  for (const auto& l : labels) keys.push_back(Keys::Index(l));
  std::string start = cursor.empty() ? (prefix.empty() ? "-" : absl::StrCat("[", prefix))
                                     : absl::StrCat("(", cursor);
  // Sort keys are UTF-8, which never contains the byte 0xFF: "prefix\xff" bounds the range.
  std::string end = prefix.empty() ? "+" : absl::StrCat("[", prefix, "\xff");
  auto reply = redis_->Eval(
      list_, keys,
      {start, end, std::to_string(limit), std::to_string(kListScanBudget), Keys::prefix() + "sh:"},
      /*read_only=*/true);
  if (!reply.ok()) return reply.status();
  if (reply->is_error() || !reply->is_array() || reply->size() < 1) {
    return absl::InternalError(absl::StrCat("stakeholder list: ", reply->DebugString()));
  }
  Page<Stakeholder> page;
  page.next_cursor = std::string((*reply)[0].str());
  for (size_t i = 1; i < reply->size(); ++i) {
    // A record deleted between index read and fetch cannot happen inside one script; an empty
    // string would mean a dangling index entry, which is skipped rather than failing the page.
    if ((*reply)[i].str().empty()) continue;
    auto s = StakeholderFromJson(std::string((*reply)[i].str()));
    if (!s.ok()) return s.status();
    page.items.push_back(*std::move(s));
  }
  return page;
}

}  // namespace polylateral::registry
