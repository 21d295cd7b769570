#include "services/routing/domain/inbox_figures.h"

#include <algorithm>

namespace polylateral::routing {

void InboxTotals::Add(const InboxFigures& inbox) {
  const std::optional<InboxKind> kind = InboxKindOf(inbox.destination);
  if (!kind.has_value()) {
    ++unknown_;
    return;
  }
  InboxKindTotals& t = totals_[static_cast<size_t>(*kind)];
  ++t.inboxes;
  // Pending entries are still in the stream until acknowledged; the rest wait for a reader.
  t.depth += std::max<int64_t>(0, inbox.entries - inbox.pending);
  t.pending += inbox.pending;
  t.dead_letters += inbox.dead_letters;
  if (inbox.oldest_enqueue_ms >= 0) {
    // A clock behind the enqueueing replica's gives 0, never a negative age.
    const double age = std::max<int64_t>(0, now_ms_ - inbox.oldest_enqueue_ms) / 1000.0;
    t.oldest_age_seconds = std::max(t.oldest_age_seconds, age);
  }
}

}  // namespace polylateral::routing
