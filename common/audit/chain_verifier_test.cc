#include "common/audit/chain_verifier.h"

#include <vector>

#include "common/audit/canonical.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace {

struct Sealed {
  AuditEntry entry;
  std::string hash;
};

std::vector<Sealed> Log(int n) {
  std::vector<Sealed> out;
  std::string prev = GenesisHash();
  for (int i = 1; i <= n; ++i) {
    AuditEntry e{
        static_cast<uint64_t>(i),
        1000 + i,
        "stakeholder:s",
        "routing.route",
        "inputs/in" + std::to_string(i),
        {PlainField("destination", "d" + std::to_string(i)), SensitiveField("grounds", "g")}};
    prev = *ChainHash(e, prev);
    out.push_back({e, prev});
  }
  return out;
}

SignedHead HeadOf(const std::vector<Sealed>& log, size_t seq) {
  return SignedHead{"{rt}", seq, seq == 0 ? GenesisHash() : log[seq - 1].hash, 1, "", ""};
}

// Feeds `log` (with or without the seals) and returns the break, seq 0 when none.
ChainBreak Check(const std::vector<Sealed>& log, const SignedHead& head, bool with_seals) {
  ChainVerifier v(head);
  for (const Sealed& s : log) {
    if (!v.Add(s.entry, with_seals ? s.hash : "")) break;
  }
  v.Finish();
  return v.broken() ? v.failure() : ChainBreak{};
}

TEST(ChainVerifier, IntactLogVerifies) {
  auto log = Log(10);
  EXPECT_EQ(Check(log, HeadOf(log, 10), true).seq, 0u);
  EXPECT_EQ(Check(log, HeadOf(log, 10), false).seq, 0u);
}

TEST(ChainVerifier, EntriesAfterTheHeadAreCountedUnsigned) {
  auto log = Log(10);
  ChainVerifier v(HeadOf(log, 6));
  for (const Sealed& s : log) ASSERT_TRUE(v.Add(s.entry, s.hash));
  EXPECT_TRUE(v.Finish());
  EXPECT_EQ(v.unsigned_entries(), 4u);
}

TEST(ChainVerifier, EditedEntryIsNamed) {
  auto log = Log(10);
  const SignedHead head = HeadOf(log, 10);
  log[3].entry.fields[0].value = "elsewhere";
  EXPECT_EQ(Check(log, head, true).seq, 4u);
  // Without per-entry seals the edit still shows, at the head.
  EXPECT_EQ(Check(log, head, false).seq, 10u);
}

TEST(ChainVerifier, EditWithRecomputedSealsFailsAtTheHead) {
  auto log = Log(10);
  const SignedHead head = HeadOf(log, 10);
  log[3].entry.principal = "operator:mallory";
  std::string prev = log[2].hash;
  for (size_t i = 3; i < log.size(); ++i) {
    prev = *ChainHash(log[i].entry, prev);
    log[i].hash = prev;
  }
  EXPECT_EQ(Check(log, head, true).seq, 10u);
}

TEST(ChainVerifier, DroppedEntryIsNamed) {
  auto log = Log(10);
  const SignedHead head = HeadOf(log, 10);
  log.erase(log.begin() + 4);
  const ChainBreak b = Check(log, head, true);
  EXPECT_EQ(b.seq, 5u);
  EXPECT_NE(b.reason.find("missing"), std::string::npos);
}

TEST(ChainVerifier, DroppedAndRenumberedIsNamed) {
  auto log = Log(10);
  const SignedHead head = HeadOf(log, 10);
  log.erase(log.begin() + 4);
  for (size_t i = 4; i < log.size(); ++i) log[i].entry.seq -= 1;
  EXPECT_EQ(Check(log, head, true).seq, 5u);
  // Without the seals, the renumbered export falls one entry short of the head.
  EXPECT_EQ(Check(log, head, false).seq, 10u);
}

TEST(ChainVerifier, ReorderedEntriesAreNamed) {
  auto log = Log(10);
  const SignedHead head = HeadOf(log, 10);
  std::swap(log[5], log[6]);
  const ChainBreak b = Check(log, head, true);
  EXPECT_EQ(b.seq, 6u);
  // Swapped contents with the sequence numbers kept in place: a content mismatch.
  log = Log(10);
  std::swap(log[5].entry.resource, log[6].entry.resource);
  EXPECT_EQ(Check(log, head, true).seq, 6u);
}

TEST(ChainVerifier, TruncatedExportIsNamed) {
  auto log = Log(10);
  const SignedHead head = HeadOf(log, 10);
  log.resize(7);
  const ChainBreak b = Check(log, head, true);
  EXPECT_EQ(b.seq, 8u);
}

TEST(ChainVerifier, RedactedEntriesStillVerify) {
  auto log = Log(10);
  const SignedHead head = HeadOf(log, 10);
  for (Sealed& s : log) s.entry = Redacted(s.entry);
  EXPECT_TRUE(log[0].entry.fields[1].value.empty());
  EXPECT_EQ(Check(log, head, true).seq, 0u);
  // A redacted digest that was tampered with is caught like any edit.
  log[2].entry.fields[1].digest = Sha256("other grounds");
  EXPECT_EQ(Check(log, head, true).seq, 3u);
}

TEST(ChainVerifier, EmptyLogAgainstAnEmptyHead) {
  EXPECT_EQ(Check({}, HeadOf({}, 0), true).seq, 0u);
  auto log = Log(2);
  EXPECT_EQ(Check({}, HeadOf(log, 2), true).seq, 1u);
}

}  // namespace
}  // namespace polylateral::audit
