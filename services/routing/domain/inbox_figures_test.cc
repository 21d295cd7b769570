#include "services/routing/domain/inbox_figures.h"

#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

const absl::Time kNow = absl::FromUnixMillis(1'800'000'000'000);

InboxFigures Inbox(const std::string& dest, int64_t entries, int64_t pending, int64_t age_ms,
                   int64_t dead) {
  return {dest, entries, pending, age_ms < 0 ? -1 : absl::ToUnixMillis(kNow) - age_ms, dead};
}

TEST(InboxTotalsTest, SumsEachKindApart) {
  InboxTotals totals(kNow);
  totals.Add(Inbox("processes/gm/plenary", 5, 2, 90'000, 1));
  totals.Add(Inbox("processes/gm/groups/cip", 3, 0, 4'000, 0));
  totals.Add(Inbox("states/FR/inbox", 1, 1, 2'500, 2));
  totals.Add(Inbox("networks/jcs", 0, 0, -1, 4));
  totals.Add(Inbox("not/a/destination/at/all", 9, 9, 9, 9));

  const InboxKindTotals& process = totals.of(InboxKind::kProcessChannel);
  EXPECT_EQ(process.inboxes, 2);
  EXPECT_EQ(process.depth, 3 + 3);
  EXPECT_EQ(process.pending, 2);
  EXPECT_DOUBLE_EQ(process.oldest_age_seconds, 90.0);
  EXPECT_EQ(process.dead_letters, 1);
  const InboxKindTotals& state = totals.of(InboxKind::kState);
  EXPECT_EQ(state.depth, 0);
  EXPECT_EQ(state.pending, 1);
  EXPECT_DOUBLE_EQ(state.oldest_age_seconds, 2.5);
  EXPECT_EQ(state.dead_letters, 2);
  const InboxKindTotals& network = totals.of(InboxKind::kNetwork);
  EXPECT_EQ(network.depth, 0);
  EXPECT_DOUBLE_EQ(network.oldest_age_seconds, 0);
  EXPECT_EQ(network.dead_letters, 4);
  EXPECT_EQ(totals.of(InboxKind::kClearingHouse).inboxes, 0);
  EXPECT_EQ(totals.unknown(), 1);
}

TEST(InboxTotalsTest, AnEntryFromAClockAheadIsNoNegativeAge) {
  InboxTotals totals(kNow);
  totals.Add(Inbox("clearing-house", 1, 0, -1, 0));
  InboxFigures ahead{"clearing-house", 1, 0, absl::ToUnixMillis(kNow) + 5'000, 0};
  totals.Add(ahead);
  EXPECT_DOUBLE_EQ(totals.of(InboxKind::kClearingHouse).oldest_age_seconds, 0);
  EXPECT_EQ(totals.of(InboxKind::kClearingHouse).depth, 2);
}

}  // namespace
}  // namespace polylateral::routing
