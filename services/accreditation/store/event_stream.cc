#include "services/accreditation/store/event_stream.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/accreditation/store/accreditation_keys.h"

namespace polylateral::accreditation {
namespace {

absl::Status Unexpected(const redis::ReplyView& r) {
  return absl::InternalError(absl::StrCat("unexpected stream reply: ", r.DebugString()));
}

// [[id, [field, value, ...]], ...]
absl::StatusOr<std::vector<StreamEntry>> Entries(const redis::ReplyView& r) {
  std::vector<StreamEntry> out;
  if (r.is_nil()) return out;
  if (!r.is_array()) return Unexpected(r);
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    redis::ReplyView entry = r[i];
    if (!entry.is_array() || entry.size() != 2 || !entry[1].is_array()) return Unexpected(r);
    auto id = StreamId::Parse(entry[0].str());
    if (!id.has_value()) return Unexpected(r);
    StreamEntry e;
    e.id = *id;
    redis::ReplyView fields = entry[1];
    for (size_t k = 0; k + 1 < fields.size(); k += 2) {
      std::string name(fields[k].str());
      std::string value(fields[k + 1].str());
      if (name == "type") {
        e.event.type = std::move(value);
      } else {
        e.event.fields.emplace_back(std::move(name), std::move(value));
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::optional<StreamId> StreamId::Parse(absl::string_view text) {
  const size_t dash = text.find('-');
  if (dash == absl::string_view::npos || dash == 0 || dash + 1 == text.size()) return std::nullopt;
  for (char c : text) {
    if (c != '-' && (c < '0' || c > '9')) return std::nullopt;
  }
  StreamId id;
  if (!absl::SimpleAtoi(text.substr(0, dash), &id.ms) ||
      !absl::SimpleAtoi(text.substr(dash + 1), &id.seq)) {
    return std::nullopt;
  }
  return id;
}

std::string StreamId::ToString() const { return absl::StrCat(ms, "-", seq); }

absl::StatusOr<std::vector<StreamEntry>> RedisEventStream::After(const StreamId& after, int count) {
  const std::string key = Keys::Events();
  const std::string from = absl::StrCat("(", after.ToString());
  const std::string n = std::to_string(count);
  auto r = redis_->ReadCommand({"XRANGE", key, from, "+", "COUNT", n}, "XRANGE");
  if (!r.ok()) return r.status();
  return Entries(*r);
}

absl::StatusOr<StreamId> RedisEventStream::Newest() {
  const std::string key = Keys::Events();
  auto r = redis_->ReadCommand({"XREVRANGE", key, "+", "-", "COUNT", "1"}, "XREVRANGE");
  if (!r.ok()) return r.status();
  auto entries = Entries(*r);
  if (!entries.ok()) return entries.status();
  return entries->empty() ? StreamId{} : entries->front().id;
}

absl::StatusOr<std::optional<StreamId>> RedisEventStream::Oldest() {
  const std::string key = Keys::Events();
  auto r = redis_->ReadCommand({"XRANGE", key, "-", "+", "COUNT", "1"}, "XRANGE");
  if (!r.ok()) return r.status();
  auto entries = Entries(*r);
  if (!entries.ok()) return entries.status();
  if (entries->empty()) return std::optional<StreamId>();
  return std::optional<StreamId>(entries->front().id);
}

absl::StatusOr<std::vector<StreamEntry>> RedisEventStream::Wait(const StreamId& after,
                                                                absl::Duration block, int count) {
  const std::string key = Keys::Events();
  const std::string from = after.ToString();
  const std::string ms = std::to_string(absl::ToInt64Milliseconds(block));
  const std::string n = std::to_string(count);
  auto r = redis_->Command({"XREAD", "COUNT", n, "BLOCK", ms, "STREAMS", key, from}, "XREAD");
  if (!r.ok()) return r.status();
  // [[key, entries]] or nil on timeout.
  if (r->is_nil()) return std::vector<StreamEntry>();
  if (!r->is_array() || r->size() != 1 || !(*r)[0].is_array() || (*r)[0].size() != 2) {
    return Unexpected(*r);
  }
  return Entries((*r)[0][1]);
}

}  // namespace polylateral::accreditation
