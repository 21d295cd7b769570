#include "services/accreditation/api/webhooks.h"

#include <openssl/rand.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/resource_name.h"
#include "common/log/log.h"
#include "google/protobuf/util/json_util.h"
#include "services/accreditation/api/event_mapping.h"
#include "services/accreditation/api/webhook_sender.h"

namespace polylateral::accreditation {
namespace {

constexpr int kBatch = 50;

std::string NewSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) return "";
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(bytes), sizeof(bytes)));
}

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t ms = absl::ToUnixMillis(t);
  out->set_seconds(ms / 1000);
  out->set_nanos(static_cast<int32_t>((ms % 1000) * 1000000));
}

v1::Subscription ToProto(const WebhookSubscription& s) {
  v1::Subscription out;
  out.set_name(absl::StrCat("subscriptions/", s.id));
  out.set_url(s.url);
  if (!s.process.empty()) out.set_process(absl::StrCat("processes/", s.process));
  out.set_owner(s.owner.ToString());
  TimeToProto(s.create_time, out.mutable_create_time());
  return out;
}

std::string Json(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(m, &out, o);
  return out;
}

}  // namespace

Webhooks::Webhooks(RedisWebhookStore* store, EventHub* hub, WebhookOptions options)
    : store_(store), hub_(hub), options_(options), replica_(NewId("r")) {}

Webhooks::~Webhooks() { Stop(); }

void Webhooks::Start() {
  if (options_.deliver && !thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

void Webhooks::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  hub_->WakeAll();
  if (thread_.joinable()) thread_.join();
}

bool Webhooks::Stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

absl::StatusOr<v1::Subscription> Webhooks::Create(const Principal& caller,
                                                  const v1::Subscription& in) {
  if (auto st = MaySubscribe(caller); !st.ok()) return st;
  Violations v;
  WebhookSubscription s;
  if (auto st = CheckWebhookUrl(in.url(), options_.allow_http_loopback, "subscription.url");
      !st.ok()) {
    for (const auto& fv : ErrorViolations(st)) v.Add(fv.field, fv.description);
  }
  if (!in.process().empty()) {
    auto ids = ParseResourceName(in.process(), {"processes"}, "subscription.process");
    if (ids.ok()) {
      s.process = (*ids)[0];
    } else {
      v.Add("subscription.process", "must be processes/{process}");
    }
  }
  if (!in.secret().empty()) {
    if (auto st = CheckWebhookSecret(in.secret(), "subscription.secret"); !st.ok()) {
      for (const auto& fv : ErrorViolations(st)) v.Add(fv.field, fv.description);
    }
  }
  if (!v.empty()) {
    const std::string reason = v.list().front().field == "subscription.url"      ? "INVALID_URL"
                               : v.list().front().field == "subscription.secret" ? "INVALID_SECRET"
                                                                                 : "INVALID_NAME";
    return v.ToStatus(reason);
  }
  auto all = store_->List();
  if (!all.ok()) return all.status();
  const auto owned =
      std::count_if(all->begin(), all->end(),
                    [&caller](const WebhookSubscription& o) { return o.owner == caller; });
  if (owned >= kWebhookMaxPerPrincipal) {
    return ResourceExhausted("TOO_MANY_SUBSCRIPTIONS",
                             absl::StrCat("at most ", kWebhookMaxPerPrincipal,
                                          " subscriptions per principal; delete one first"));
  }
  s.id = NewId();
  s.url = in.url();
  s.secret = in.secret().empty() ? NewSecret() : in.secret();
  if (s.secret.empty()) return absl::InternalError("no random bytes for a webhook secret");
  s.owner = caller;
  s.create_time = absl::FromUnixMillis(absl::ToUnixMillis(absl::Now()));
  // Deliveries start with the events committed after the subscription.
  std::optional<StreamId> start = hub_->head();
  if (!start.has_value()) {
    auto newest = hub_->stream()->Newest();
    if (!newest.ok()) return newest.status();
    start = *newest;
  }
  if (auto st = store_->Create(s, *start); !st.ok()) return st;
  v1::Subscription out = ToProto(s);
  out.set_secret(s.secret);  // the one time it is shown
  return out;
}

absl::StatusOr<WebhookSubscription> Webhooks::Visible(const Principal& caller,
                                                      const std::string& name,
                                                      const std::string& field) {
  auto ids = ParseResourceName(name, {"subscriptions"}, field);
  if (!ids.ok()) return ids.status();
  auto s = store_->Get((*ids)[0]);
  if (!s.ok()) return s.status();
  // Another principal's subscription does not exist for the caller.
  if (!MaySeeSubscription(caller, *s)) {
    return NotFound("SUBSCRIPTION_NOT_FOUND", absl::StrCat("no subscription ", name));
  }
  return s;
}

absl::StatusOr<v1::Subscription> Webhooks::Get(const Principal& caller, const std::string& name) {
  auto s = Visible(caller, name, "name");
  if (!s.ok()) return s.status();
  return ToProto(*s);
}

absl::StatusOr<v1::ListSubscriptionsResponse> Webhooks::List(const Principal& caller) {
  auto all = store_->List();
  if (!all.ok()) return all.status();
  v1::ListSubscriptionsResponse out;
  for (const WebhookSubscription& s : *all) {
    if (MaySeeSubscription(caller, s)) *out.add_subscriptions() = ToProto(s);
  }
  return out;
}

absl::Status Webhooks::Delete(const Principal& caller, const std::string& name) {
  auto s = Visible(caller, name, "name");
  if (!s.ok()) return s.status();
  return store_->Delete(s->id);
}

absl::StatusOr<v1::ListDeadLettersResponse> Webhooks::DeadLetters(const Principal& caller,
                                                                  const std::string& parent) {
  auto s = Visible(caller, parent, "parent");
  if (!s.ok()) return s.status();
  auto letters = store_->DeadLetters(s->id);
  if (!letters.ok()) return letters.status();
  v1::ListDeadLettersResponse out;
  for (const std::string& json : *letters) {
    if (!google::protobuf::util::JsonStringToMessage(json, out.add_dead_letters()).ok()) {
      return absl::InternalError("a stored dead letter is unreadable");
    }
  }
  return out;
}

absl::Duration Webhooks::Deliver(const WebhookSubscription& s) {
  auto claim = store_->Claim(s.id, replica_, options_.lease);
  if (!claim.ok()) {
    log::Warning("webhook claim failed", {{"error", claim.status().ToString()}});
    return options_.idle;
  }
  if (!claim->has_value()) return options_.lease / 2;  // another replica delivers it
  const WebhookClaim c = **claim;
  if (c.wait > absl::ZeroDuration()) return c.wait;
  EventHub::Batch batch = hub_->Next(c.cursor, kBatch, absl::ZeroDuration());
  std::vector<EventHub::Item> items = std::move(batch.items);
  if (!batch.covered) {
    auto replayed = hub_->Replay(c.cursor, kBatch);
    if (!replayed.ok()) {
      log::Warning("webhook replay failed", {{"error", replayed.status().ToString()}});
      return options_.idle;
    }
    items = *std::move(replayed);
  }
  if (items.empty()) return options_.idle;
  StreamId cursor = c.cursor;
  int failed = c.failed_attempts;
  for (const EventHub::Item& item : items) {
    if (Stopping()) break;
    const FeedEvent& fe = *item.event;
    std::optional<DisclosedEvent> shown;
    const std::string* p = EventField(fe.event, "process");
    if (s.process.empty() || (p != nullptr && *p == s.process)) shown = DiscloseEvent(s.owner, fe);
    if (!shown.has_value()) continue;  // skipped: the cursor passes it with the next step
    v1::Event event;
    ToProto(item.id, *shown, &event);
    const std::string body = Json(event);
    absl::Status sent = PostWebhook(s.url, s.secret, event.token(), body, options_.timeout);
    if (sent.ok()) {
      auto st = store_->Done(s.id, replica_, c.cursor, item.id);
      if (!st.ok() || *st != RedisWebhookStore::StepResult::kRecorded) return options_.idle;
      return absl::ZeroDuration();  // the next event goes in the next round, re-claimed
    }
    ++failed;
    v1::DeadLetter letter;
    *letter.mutable_event() = event;
    letter.set_attempts(failed);
    letter.set_last_error(std::string(sent.message()));
    TimeToProto(absl::Now(), letter.mutable_fail_time());
    const absl::Duration delay =
        WebhookBackoff(failed, options_.backoff_base, options_.backoff_cap);
    auto st = store_->Failed(s.id, replica_, c.cursor, item.id, delay, Json(letter));
    if (!st.ok()) return options_.idle;
    if (*st == RedisWebhookStore::StepResult::kDeadLettered) {
      log::Warning("webhook event dead-lettered",
                   {{"subscription", s.id}, {"error", std::string(sent.message())}});
      return absl::ZeroDuration();
    }
    return delay;
  }
  // Nothing in the batch for the owner's eyes: the cursor passes all of it.
  cursor = items.back().id;
  auto st = store_->Done(s.id, replica_, c.cursor, cursor);
  if (!st.ok()) return options_.idle;
  return absl::ZeroDuration();
}

void Webhooks::Run() {
  while (!Stopping()) {
    absl::Duration wait = options_.idle;
    auto subs = store_->List();
    if (subs.ok()) {
      for (const WebhookSubscription& s : *subs) {
        if (Stopping()) return;
        wait = std::min(wait, Deliver(s));
      }
    } else {
      log::Warning("webhook subscriptions unreadable", {{"error", subs.status().ToString()}});
    }
    if (wait <= absl::ZeroDuration()) continue;
    // New events end the wait at once.
    std::optional<StreamId> head = hub_->head();
    hub_->Next(head.value_or(StreamId{}), 1, wait);
  }
}

}  // namespace polylateral::accreditation
