#include "services/routing/store/event_store.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/routing/store/routing_keys.h"

namespace polylateral::routing {
namespace {

using redis::ReplyView;

absl::Status Failed(const ReplyView& r, absl::string_view what) {
  return absl::UnavailableError(absl::StrCat("routing feed ", what, ": ", r.str()));
}

absl::StatusOr<RoutingChange> Decode(const ReplyView& entry) {
  RoutingChange c;
  auto pos = FeedPosition::Parse(entry[0].str());
  if (!pos) return absl::InternalError(absl::StrCat("feed entry id ", entry[0].str()));
  c.position = *pos;
  ReplyView kv = entry[1];
  for (size_t j = 0; j + 1 < kv.size(); j += 2) c.SetField(kv[j].str(), kv[j + 1].str());
  return c;
}

absl::StatusOr<std::vector<RoutingChange>> DecodeAll(const ReplyView& entries) {
  std::vector<RoutingChange> out;
  out.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    auto c = Decode(entries[i]);
    if (!c.ok()) return c.status();
    out.push_back(*std::move(c));
  }
  return out;
}

FeedPosition PositionOr00(const ReplyView& r) {
  if (!r.is_string()) return {};
  return FeedPosition::Parse(r.str()).value_or(FeedPosition{});
}

}  // namespace

absl::Status RedisEventStore::SetCap(int64_t max_len) {
  const std::string n = std::to_string(max_len);
  auto r = redis_->Command({"SET", keys::EventsCap(), n}, "SET");
  if (!r.ok()) return r.status();
  if (r->is_error()) return Failed(*r, "cap");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<RoutingChange>> RedisEventStore::After(const FeedPosition& after,
                                                                  int count) {
  const std::string start = absl::StrCat("(", after.ToString()), n = std::to_string(count);
  auto r = redis_->ReadCommand({"XRANGE", keys::Events(), start, "+", "COUNT", n}, "XRANGE");
  if (!r.ok()) return r.status();
  if (r->is_error()) return Failed(*r, "XRANGE");
  return DecodeAll(*r);
}

absl::StatusOr<std::vector<RoutingChange>> RedisEventStore::Next(const FeedPosition& after,
                                                                 int count, absl::Duration block) {
  const std::string ms = std::to_string(absl::ToInt64Milliseconds(block));
  const std::string n = std::to_string(count), from = after.ToString();
  auto r =
      redis_->Command({"XREAD", "COUNT", n, "BLOCK", ms, "STREAMS", keys::Events(), from}, "XREAD");
  if (!r.ok()) return r.status();
  if (r->is_error()) return Failed(*r, "XREAD");
  if (r->is_nil() || r->size() == 0) return std::vector<RoutingChange>{};
  return DecodeAll((*r)[0][1]);
}

absl::StatusOr<FeedBounds> RedisEventStore::Bounds() {
  auto r = redis_->ReadCommand({"XINFO", "STREAM", keys::Events()}, "XINFO");
  if (!r.ok()) return r.status();
  // No stream yet: nothing was ever written, nothing trimmed.
  if (r->is_error() && absl::StrContains(r->str(), "no such key")) return FeedBounds{};
  if (r->is_error()) return Failed(*r, "XINFO");
  FeedBounds b;
  long long length = 0, added = 0;
  for (size_t i = 0; i + 1 < r->size(); i += 2) {
    const absl::string_view name = (*r)[i].str();
    ReplyView v = (*r)[i + 1];
    if (name == "max-deleted-entry-id") {
      b.max_deleted = PositionOr00(v);
    } else if (name == "last-generated-id") {
      b.last = PositionOr00(v);
    } else if (name == "first-entry" && v.is_array() && v.size() >= 1) {
      b.first = FeedPosition::Parse(v[0].str());
    } else if (name == "length" && v.is_integer()) {
      length = v.integer();
    } else if (name == "entries-added" && v.is_integer()) {
      added = v.integer();
    }
  }
  b.trimmed = added > length;
  return b;
}

bool RedisEventStore::Complete(const FeedBounds& bounds, const FeedPosition& seen) {
  if (seen < bounds.max_deleted) return false;
  // Trimming removes the oldest entries: whatever came after `seen` and before the oldest
  // entry held may be gone, unless `seen` is the very position before it.
  return !bounds.trimmed || !(seen < Oldest(bounds));
}

FeedPosition RedisEventStore::Oldest(const FeedBounds& bounds) {
  return bounds.first ? bounds.first->Before() : bounds.last;
}

}  // namespace polylateral::routing
