#include "common/server/stream_slots.h"

#include <utility>
#include <vector>

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::server {
namespace {

Principal Who(absl::string_view text) {
  auto p = ParsePrincipal(text);
  EXPECT_TRUE(p.ok()) << p.status();
  return *p;
}

StreamSlots::Limits TestLimits(int total, int per_principal) {
  StreamSlots::Limits l;
  l.max_total = total;
  l.max_per_principal = per_principal;
  l.what = "test streams";
  l.total_reason = "SERVER_BUSY";
  return l;
}

TEST(StreamSlotsTest, OneCallerGetsItsCapThenTooManyStreamsWhileOthersStillGetSlots) {
  StreamSlots slots(TestLimits(10, 2));
  const Principal acme = Who("stakeholder:acme");
  std::vector<StreamSlots::Slot> held;
  for (int i = 0; i < 2; ++i) {
    auto s = slots.Acquire(acme);
    ASSERT_TRUE(s.ok()) << s.status();
    held.push_back(*std::move(s));
  }
  auto third = slots.Acquire(acme);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ErrorReason(third.status()), "TOO_MANY_STREAMS");
  EXPECT_NE(third.status().message().find("max_streams_per_principal"), absl::string_view::npos);
  EXPECT_EQ(slots.open_for(acme), 2);

  auto other = slots.Acquire(Who("state:BR"));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(slots.open(), 3);

  // A stream that ends frees its slot for the same caller.
  held.pop_back();
  EXPECT_EQ(slots.open_for(acme), 1);
  EXPECT_TRUE(slots.Acquire(acme).ok());  // acquired and at once released again
  EXPECT_EQ(slots.open(), 2);
}

TEST(StreamSlotsTest, TheServiceCapRefusesWithItsOwnReasonAndFreesOnRelease) {
  StreamSlots slots(TestLimits(2, 5));
  auto a = slots.Acquire(Who("stakeholder:a"));
  auto b = slots.Acquire(Who("stakeholder:b"));
  ASSERT_TRUE(a.ok() && b.ok());
  auto c = slots.Acquire(Who("stakeholder:c"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(ErrorReason(c.status()), "SERVER_BUSY");
  a->Release();
  a->Release();  // once only
  EXPECT_EQ(slots.open(), 1);
  EXPECT_TRUE(slots.Acquire(Who("stakeholder:c")).ok());
}

TEST(StreamSlotsTest, AnonymousCallersShareOneCountAndMovedSlotsFreeOnce) {
  StreamSlots slots(TestLimits(10, 1));
  auto first = slots.Acquire(Principal::Anonymous());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(ErrorReason(slots.Acquire(Principal::Anonymous()).status()), "TOO_MANY_STREAMS");
  StreamSlots::Slot moved = *std::move(first);
  StreamSlots::Slot again;
  again = std::move(moved);
  EXPECT_TRUE(again.held());
  EXPECT_EQ(slots.open(), 1);
  again.Release();
  EXPECT_EQ(slots.open(), 0);
  EXPECT_EQ(slots.open_for(Principal::Anonymous()), 0);
}

}  // namespace
}  // namespace polylateral::server
