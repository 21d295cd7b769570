#include "services/routing/store/dead_letter_store.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/redis/script_error.h"
#include "nlohmann/json.hpp"
#include "services/routing/store/routing_keys.h"

namespace polylateral::routing {

namespace lua {
extern const char kDeadLetterLua[];
}  // namespace lua

namespace {

absl::Status NotOnTheList(const std::string& destination, const std::string& delivery_id) {
  return NotFound("DEAD_LETTER_NOT_FOUND",
                  absl::StrCat("no dead letter ", delivery_id, " for ", destination));
}

// A list entry that is not the JSON pull.lua writes is skipped, never fatal to the listing.
bool Parse(absl::string_view raw, StoredDeadLetter* out) {
  auto j = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("delivery_id") || !j["delivery_id"].is_string() ||
      !j.contains("input") || !j["input"].is_string()) {
    return false;
  }
  out->delivery_id = j["delivery_id"].get<std::string>();
  out->input_id = j["input"].get<std::string>();
  out->delivery_count = j.value("deliveries", int64_t{0});
  out->moved_ms = j.value("moved_ms", int64_t{0});
  out->reason = j.value("reason", std::string());
  return true;
}

}  // namespace

absl::StatusOr<DeadLetterPage> RedisDeadLetterStore::List(const std::string& destination,
                                                          int64_t offset, int64_t limit) {
  const std::string key = keys::DeadLetters(destination);
  auto len = redis_->ReadCommand({"LLEN", key}, "LLEN");
  if (!len.ok()) return len.status();
  DeadLetterPage page;
  page.total = len->integer();
  auto r = redis_->ReadCommand(
      {"LRANGE", key, std::to_string(offset), std::to_string(offset + limit - 1)}, "LRANGE");
  if (!r.ok()) return r.status();
  for (size_t i = 0; i < r->size(); ++i) {
    StoredDeadLetter d;
    if (Parse((*r)[i].str(), &d)) page.items.push_back(std::move(d));
  }
  return page;
}

absl::StatusOr<StoredDeadLetter> RedisDeadLetterStore::Find(const std::string& destination,
                                                            const std::string& delivery_id) {
  auto r = redis_->ReadCommand({"LRANGE", keys::DeadLetters(destination), "0", "-1"}, "LRANGE");
  if (!r.ok()) return r.status();
  for (size_t i = 0; i < r->size(); ++i) {
    StoredDeadLetter d;
    if (Parse((*r)[i].str(), &d) && d.delivery_id == delivery_id) return d;
  }
  return NotOnTheList(destination, delivery_id);
}

absl::StatusOr<redis::Reply> RedisDeadLetterStore::Run(const char* op,
                                                       const std::string& destination,
                                                       const StoredDeadLetter& d,
                                                       const std::string& route_record,
                                                       absl::Time now, const std::string& by) {
  static redis::RedisScript* const script =
      new redis::RedisScript("rt_dead_letter", lua::kDeadLetterLua);
  auto r = redis_->Eval(*script,
                        {keys::DeadLetters(destination), keys::Inbox(destination),
                         keys::Input(d.input_id), keys::AuditLog(), keys::Inboxes()},
                        {op, d.delivery_id, d.input_id, destination, route_record,
                         std::to_string(absl::ToUnixMillis(now)), by});
  if (!r.ok()) return r.status();
  if (r->is_error()) {
    return redis::ScriptErrorStatus(
        *r, "routing dead letter", [&](const redis::ScriptError& e) -> std::optional<absl::Status> {
          if (e.reason == "NOT_FOUND") return NotOnTheList(destination, d.delivery_id);
          return std::nullopt;
        });
  }
  return r;
}

absl::StatusOr<std::string> RedisDeadLetterStore::Requeue(const std::string& destination,
                                                          const StoredDeadLetter& d,
                                                          const std::string& route_record,
                                                          absl::Time now, const std::string& by) {
  auto r = Run("requeue", destination, d, route_record, now, by);
  if (!r.ok()) return r.status();
  return std::string(r->str());
}

absl::Status RedisDeadLetterStore::Drop(const std::string& destination, const StoredDeadLetter& d,
                                        absl::Time now, const std::string& by) {
  return Run("drop", destination, d, "", now, by).status();
}

}  // namespace polylateral::routing
