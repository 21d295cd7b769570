#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_CHANGE_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_CHANGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace polylateral::routing {

// A place in routing's change feed: the feed entry's id, "<ms>-<seq>" (the commit time in
// milliseconds and a sequence within it). Positions order the feed; the resume token a
// watcher receives is one, written as text.
struct FeedPosition {
  uint64_t ms = 0;
  uint64_t seq = 0;

  // "<ms>-<seq>" with both parts decimal; nullopt for anything else.
  static std::optional<FeedPosition> Parse(absl::string_view text);
  std::string ToString() const;
  // The position just before this one: resuming from it replays this entry.
  FeedPosition Before() const;

  bool operator<(const FeedPosition& o) const { return ms != o.ms ? ms < o.ms : seq < o.seq; }
  bool operator==(const FeedPosition& o) const { return ms == o.ms && seq == o.seq; }
  bool operator<=(const FeedPosition& o) const { return !(o < *this); }
};

// What a feed entry reports. The names are those the Lua scripts write (event_append.lua).
enum class ChangeKind {
  kUnknown,  // an entry written by a newer version: skipped
  kInputSubmitted,
  kInputRerouted,
  kDeliveryAcked,
  kDeliveryDeadLettered,
  kDeadLetterRequeued,
  kDeadLetterDropped,
  kOutcomeRegistered,
  kUptakeRecorded,
  kCarriedForward,
};
ChangeKind ChangeKindFromName(absl::string_view name);

// One committed change of routing's data, as the feed holds it (ids without their
// collection prefix: input "abc", process "p", state "BR").
struct RoutingChange {
  FeedPosition position;
  ChangeKind kind = ChangeKind::kUnknown;
  std::string input_id;
  std::string author_id;
  std::vector<std::string> destinations;  // submitted, or added by a re-routing
  std::vector<std::string> withdrawn;     // withdrawn by a re-routing
  std::string destination;                // the inbox of a delivery event
  std::string delivery_id;
  std::vector<std::string> process_ids;
  std::string outcome_id;
  std::string uptake_status;  // the UptakeStatus name
  std::string state;          // ISO2 of a carried-forward mark

  // Sets the field a feed entry names (unknown names are ignored: newer writers may add
  // fields); comma-separated lists for d, w and p.
  void SetField(absl::string_view name, absl::string_view value);
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_CHANGE_H_
