#include "services/registry/store/redis_process_store.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/request_ids.h"
#include "common/redis/script_error.h"
#include "services/registry/domain/process_rules.h"
#include "services/registry/store/audit_notes.h"
#include "services/registry/store/lua_scripts.h"
#include "services/registry/store/redis_stakeholder_store.h"
#include "services/registry/store/registry_json.h"
#include "services/registry/store/registry_keys.h"

namespace polylateral::registry {
namespace {

using Keys = RegistryKeys;

std::optional<absl::Status> Refusal(const std::string& id, const redis::ScriptError& e) {
  if (e.reason == "ID_TAKEN") {
    return AlreadyExists("PROCESS_EXISTS", absl::StrCat("processes/", id, " exists"));
  }
  if (e.reason == "NOT_FOUND") {
    return NotFound("PROCESS_NOT_FOUND", absl::StrCat("processes/", id, " not found"));
  }
  if (e.reason == "VERSION_MISMATCH") {
    return Aborted("ETAG_MISMATCH",
                   absl::StrCat("processes/", id, " was changed concurrently; read it again"));
  }
  if (e.reason == "REQUEST_ID_REUSED") return RequestIdReused();
  if (e.reason == "REPLAY_GONE") {
    return AlreadyExists("REQUEST_ALREADY_APPLIED",
                         absl::StrCat("this request_id created processes/", e.detail,
                                      ", which has since been deleted"));
  }
  return std::nullopt;
}

// A write script's reply as the status the API promises (OK when it is no error).
absl::Status WriteError(const std::string& id, const redis::ReplyView& reply) {
  return redis::ScriptErrorStatus(reply, "process",
                                  [&](const redis::ScriptError& e) { return Refusal(id, e); });
}

std::vector<std::string> IndexKeys(const Process& p) {
  std::vector<std::string> keys;
  for (const auto& label : ProcessIndexLabels(p)) keys.push_back(Keys::ProcessIndex(label));
  return keys;
}

}  // namespace

RedisProcessStore::RedisProcessStore(redis::RedisClient* redis)
    : redis_(redis),
      create_("process_create", lua::kProcessCreateLua),
      update_("process_update", lua::kProcessUpdateLua),
      delete_("process_delete", lua::kProcessDeleteLua),
      list_("process_list", lua::kIndexListLua) {
  if (auto* m = redis_->metrics()) {
    for (const auto* s : {&create_, &update_, &delete_, &list_}) m->RegisterCommand(s->name());
  }
}

absl::StatusOr<Process> RedisProcessStore::Get(const std::string& id) {
  auto reply = redis_->ReadCommand({"HGET", Keys::Process(id), "d"}, "GET");
  if (!reply.ok()) return reply.status();
  if (reply->is_nil()) {
    return NotFound("PROCESS_NOT_FOUND", absl::StrCat("processes/", id, " not found"));
  }
  return ProcessFromJson(std::string(reply->str()));
}

absl::StatusOr<Process> RedisProcessStore::Create(const Process& p, const std::string& request_key,
                                                  const std::string& fingerprint,
                                                  const WriteAudit& audit) {
  std::vector<std::string> keys = {Keys::Process(p.id), Keys::ProcessRequest(request_key),
                                   Keys::AuditLog()};
  for (auto& k : IndexKeys(p)) keys.push_back(std::move(k));
  auto reply = redis_->Eval(
      create_, keys,
      {ProcessToJson(p), p.id, request_key.empty() ? "0" : "1",
       std::to_string(kRequestIdTtlSeconds), Keys::prefix(), fingerprint, AuditNotesArg(audit)});
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(p.id, *reply);
  if (reply->size() == 2 && (*reply)[0].str() == "REPLAY") {
    return ProcessFromJson(std::string((*reply)[1].str()));
  }
  return p;
}

absl::StatusOr<Process> RedisProcessStore::Update(const Process& before, const Process& after_in,
                                                  const WriteAudit& audit) {
  Process after = after_in;
  after.version = before.version + 1;
  const auto old_index = IndexKeys(before);
  std::vector<std::string> keys = {Keys::Process(after.id), Keys::AuditLog()};
  keys.insert(keys.end(), old_index.begin(), old_index.end());
  for (auto& k : IndexKeys(after)) keys.push_back(std::move(k));
  auto reply = redis_->Eval(update_, keys,
                            {std::to_string(before.version), ProcessToJson(after), after.id,
                             std::to_string(old_index.size()), AuditNotesArg(audit)});
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(after.id, *reply);
  return after;
}

absl::Status RedisProcessStore::Delete(const Process& current, const WriteAudit& audit) {
  std::vector<std::string> keys = {Keys::Process(current.id), Keys::AuditLog()};
  for (auto& k : IndexKeys(current)) keys.push_back(std::move(k));
  auto reply = redis_->Eval(delete_, keys,
                            {std::to_string(current.version), current.id, AuditNotesArg(audit)});
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return WriteError(current.id, *reply);
  return absl::OkStatus();
}

absl::StatusOr<Page<Process>> RedisProcessStore::List(const std::string& label,
                                                      const std::string& cursor, int limit) {
  std::string start = cursor.empty() ? "-" : absl::StrCat("(", cursor);
  auto reply = redis_->Eval(
      list_, {Keys::ProcessIndex(label)},
      {start, "+", std::to_string(limit), std::to_string(kListScanBudget), Keys::prefix() + "pr:"},
      /*read_only=*/true);
  if (!reply.ok()) return reply.status();
  if (reply->is_error() || !reply->is_array() || reply->size() < 1) {
    return absl::InternalError(absl::StrCat("process list: ", reply->DebugString()));
  }
  Page<Process> page;
  page.next_cursor = std::string((*reply)[0].str());
  for (size_t i = 1; i < reply->size(); ++i) {
    if ((*reply)[i].str().empty()) continue;
    auto p = ProcessFromJson(std::string((*reply)[i].str()));
    if (!p.ok()) return p.status();
    page.items.push_back(*std::move(p));
  }
  return page;
}

}  // namespace polylateral::registry
