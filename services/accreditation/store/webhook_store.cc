#include "services/accreditation/store/webhook_store.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/accreditation/store/webhook_keys.h"

// Compiled in from webhook_claim.lua and webhook_step.lua beside this file.
namespace polylateral::accreditation::lua {
extern const char kWebhookClaimLua[];
extern const char kWebhookStepLua[];
}  // namespace polylateral::accreditation::lua

namespace polylateral::accreditation {
namespace {

constexpr int kFields = 5;  // url process secret owner ct

absl::StatusOr<WebhookSubscription> FromFields(const std::string& id, const redis::ReplyView& r) {
  if (!r.is_array() || r.size() != kFields || r[0].is_nil()) {
    return NotFound("SUBSCRIPTION_NOT_FOUND", absl::StrCat("no subscription ", id));
  }
  WebhookSubscription s;
  s.id = id;
  s.url = std::string(r[0].str());
  s.process = std::string(r[1].str());
  s.secret = std::string(r[2].str());
  auto owner = ParsePrincipal(std::string(r[3].str()));
  if (!owner.ok()) return absl::InternalError("stored subscription owner unreadable");
  s.owner = *owner;
  int64_t ms = 0;
  if (absl::SimpleAtoi(r[4].str(), &ms)) s.create_time = absl::FromUnixMillis(ms);
  return s;
}

std::vector<std::string> FieldsOf(const std::string& id) {
  return {"HMGET", WebhookKeys::Subscription(id), "url", "process", "secret", "owner", "ct"};
}

}  // namespace

RedisWebhookStore::RedisWebhookStore(redis::RedisClient* redis)
    : redis_(redis),
      claim_("webhook_claim", lua::kWebhookClaimLua),
      step_("webhook_step", lua::kWebhookStepLua) {}

absl::Status RedisWebhookStore::Create(const WebhookSubscription& s, const StreamId& cursor) {
  const std::string ms = std::to_string(absl::ToUnixMillis(s.create_time));
  auto r = redis_->Pipeline({{"HSET", WebhookKeys::Subscription(s.id), "url", s.url, "process",
                              s.process, "secret", s.secret, "owner", s.owner.ToString(), "ct", ms,
                              "cur", cursor.ToString(), "att", "0", "nx", "0"},
                             {"ZADD", WebhookKeys::Subscriptions(), ms, s.id}});
  if (!r.ok()) return r.status();
  for (const redis::Reply& reply : *r) {
    if (reply.is_error()) return absl::InternalError(reply.DebugString());
  }
  return absl::OkStatus();
}

absl::StatusOr<WebhookSubscription> RedisWebhookStore::Get(const std::string& id) {
  auto r = redis_->Pipeline({FieldsOf(id)});
  if (!r.ok()) return r.status();
  return FromFields(id, (*r)[0]);
}

absl::StatusOr<std::vector<WebhookSubscription>> RedisWebhookStore::List() {
  const std::string key = WebhookKeys::Subscriptions();
  auto ids = redis_->ReadCommand({"ZRANGE", key, "0", "-1"});
  if (!ids.ok()) return ids.status();
  std::vector<std::vector<std::string>> reads;
  std::vector<std::string> names;
  for (size_t i = 0; i < ids->size(); ++i) {
    names.emplace_back((*ids)[i].str());
    reads.push_back(FieldsOf(names.back()));
  }
  std::vector<WebhookSubscription> out;
  if (reads.empty()) return out;
  auto r = redis_->Pipeline(reads);
  if (!r.ok()) return r.status();
  for (size_t i = 0; i < names.size(); ++i) {
    auto s = FromFields(names[i], (*r)[i]);
    if (s.ok()) out.push_back(*std::move(s));  // deleted between the two reads: skipped
  }
  return out;
}

absl::Status RedisWebhookStore::Delete(const std::string& id) {
  auto r = redis_->Pipeline({{"ZREM", WebhookKeys::Subscriptions(), id},
                             {"DEL", WebhookKeys::Subscription(id), WebhookKeys::DeadLetters(id)}});
  return r.status();
}

absl::StatusOr<std::optional<WebhookClaim>> RedisWebhookStore::Claim(const std::string& id,
                                                                     const std::string& replica,
                                                                     absl::Duration lease_for) {
  auto r = redis_->Eval(claim_, {WebhookKeys::Subscription(id)},
                        {replica, std::to_string(absl::ToInt64Milliseconds(lease_for))});
  if (!r.ok()) return r.status();
  if (r->is_nil()) return std::optional<WebhookClaim>();
  if (!r->is_array() || r->size() != 3) return absl::InternalError(r->DebugString());
  WebhookClaim c;
  auto cursor = StreamId::Parse((*r)[0].str());
  int64_t wait_ms = 0;
  if (!cursor.has_value() || !absl::SimpleAtoi((*r)[1].str(), &c.failed_attempts) ||
      !absl::SimpleAtoi((*r)[2].str(), &wait_ms)) {
    return absl::InternalError(r->DebugString());
  }
  c.cursor = *cursor;
  c.wait = absl::Milliseconds(wait_ms);
  return std::optional<WebhookClaim>(c);
}

absl::StatusOr<RedisWebhookStore::StepResult> RedisWebhookStore::Step(
    const std::string& id, const std::vector<std::string>& args) {
  auto r = redis_->Eval(step_, {WebhookKeys::Subscription(id), WebhookKeys::DeadLetters(id)}, args);
  if (!r.ok()) return r.status();
  switch (r->is_integer() ? r->integer() : -1) {
    case 1:
      return StepResult::kRecorded;
    case 2:
      return StepResult::kDeadLettered;
    case 0:
      return StepResult::kLost;
    default:
      return absl::InternalError(r->DebugString());
  }
}

absl::StatusOr<RedisWebhookStore::StepResult> RedisWebhookStore::Done(const std::string& id,
                                                                      const std::string& replica,
                                                                      const StreamId& expected,
                                                                      const StreamId& next) {
  return Step(id, {replica, expected.ToString(), "done", next.ToString(), "0", "",
                   std::to_string(kWebhookMaxAttempts)});
}

absl::StatusOr<RedisWebhookStore::StepResult> RedisWebhookStore::Failed(
    const std::string& id, const std::string& replica, const StreamId& expected,
    const StreamId& next, absl::Duration delay, const std::string& dead_letter) {
  return Step(id, {replica, expected.ToString(), "failed", next.ToString(),
                   std::to_string(absl::ToInt64Milliseconds(delay)), dead_letter,
                   std::to_string(kWebhookMaxAttempts)});
}

absl::StatusOr<std::vector<std::string>> RedisWebhookStore::DeadLetters(const std::string& id) {
  const std::string key = WebhookKeys::DeadLetters(id);
  auto r = redis_->ReadCommand({"LRANGE", key, "0", "-1"});
  if (!r.ok()) return r.status();
  std::vector<std::string> out;
  for (size_t i = 0; i < r->size(); ++i) out.emplace_back((*r)[i].str());
  return out;
}

}  // namespace polylateral::accreditation
