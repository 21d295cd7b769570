#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_FIGURES_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_FIGURES_H_

// What operators watch of delivery: per kind of inbox, how much waits for a reader, how much
// a reader holds without acknowledging, how old the oldest of those is, and how much went to
// the dead-letter lists.

#include <array>
#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "services/routing/domain/inbox_destination.h"

namespace polylateral::routing {

// One inbox as the store reads it.
struct InboxFigures {
  std::string destination;
  int64_t entries = 0;  // in the stream: not yet handed out, or handed out and not acknowledged
  int64_t pending = 0;  // handed out to a reader, not acknowledged
  int64_t oldest_enqueue_ms = -1;  // the oldest entry still in the stream; -1: none
  int64_t dead_letters = 0;
};

struct InboxKindTotals {
  int64_t depth = 0;  // entries not yet handed out to any reader
  int64_t pending = 0;
  double oldest_age_seconds = 0;  // of the oldest entry undelivered or pending; 0: none
  int64_t dead_letters = 0;
  int64_t inboxes = 0;
};

// Sums inboxes into their kind's totals; a name of no kind is skipped (and counted).
class InboxTotals {
 public:
  explicit InboxTotals(absl::Time now) : now_ms_(absl::ToUnixMillis(now)) {}
  void Add(const InboxFigures& inbox);
  const InboxKindTotals& of(InboxKind kind) const { return totals_[static_cast<size_t>(kind)]; }
  int64_t unknown() const { return unknown_; }

 private:
  int64_t now_ms_;
  std::array<InboxKindTotals, kInboxKinds.size()> totals_{};
  int64_t unknown_ = 0;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_FIGURES_H_
