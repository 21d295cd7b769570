#include "services/routing/domain/routing_change.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace polylateral::routing {
namespace {

std::vector<std::string> SplitList(absl::string_view value) {
  return absl::StrSplit(value, ',', absl::SkipEmpty());
}

}  // namespace

std::optional<FeedPosition> FeedPosition::Parse(absl::string_view text) {
  const size_t dash = text.find('-');
  if (dash == absl::string_view::npos || dash == 0 || dash + 1 == text.size()) return std::nullopt;
  FeedPosition p;
  const absl::string_view ms = text.substr(0, dash), seq = text.substr(dash + 1);
  // SimpleAtoi accepts a sign and spaces; a position has digits only.
  for (absl::string_view part : {ms, seq}) {
    for (char c : part) {
      if (c < '0' || c > '9') return std::nullopt;
    }
  }
  if (!absl::SimpleAtoi(ms, &p.ms) || !absl::SimpleAtoi(seq, &p.seq)) return std::nullopt;
  return p;
}

std::string FeedPosition::ToString() const { return absl::StrCat(ms, "-", seq); }

FeedPosition FeedPosition::Before() const {
  if (seq > 0) return {ms, seq - 1};
  if (ms == 0) return {0, 0};
  return {ms - 1, UINT64_MAX};
}

ChangeKind ChangeKindFromName(absl::string_view name) {
  static constexpr std::pair<absl::string_view, ChangeKind> kNames[] = {
      {"input.submitted", ChangeKind::kInputSubmitted},
      {"input.rerouted", ChangeKind::kInputRerouted},
      {"delivery.acked", ChangeKind::kDeliveryAcked},
      {"delivery.dead_lettered", ChangeKind::kDeliveryDeadLettered},
      {"dead_letter.requeued", ChangeKind::kDeadLetterRequeued},
      {"dead_letter.dropped", ChangeKind::kDeadLetterDropped},
      {"outcome.registered", ChangeKind::kOutcomeRegistered},
      {"uptake.recorded", ChangeKind::kUptakeRecorded},
      {"carried.forward", ChangeKind::kCarriedForward},
  };
  for (const auto& [n, kind] : kNames) {
    if (n == name) return kind;
  }
  return ChangeKind::kUnknown;
}

void RoutingChange::SetField(absl::string_view name, absl::string_view value) {
  if (name == "k") {
    kind = ChangeKindFromName(value);
  } else if (name == "in") {
    input_id = std::string(value);
  } else if (name == "a") {
    author_id = std::string(value);
  } else if (name == "d") {
    destinations = SplitList(value);
  } else if (name == "w") {
    withdrawn = SplitList(value);
  } else if (name == "dest") {
    destination = std::string(value);
  } else if (name == "del") {
    delivery_id = std::string(value);
  } else if (name == "p") {
    process_ids = SplitList(value);
  } else if (name == "o") {
    outcome_id = std::string(value);
  } else if (name == "u") {
    uptake_status = std::string(value);
  } else if (name == "s") {
    state = std::string(value);
  }
}

}  // namespace polylateral::routing
