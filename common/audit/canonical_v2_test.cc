// Chain version 2: salted digests of sensitive values and a sensitive principal, and a log
// that switches from v1 to v2 checked by the verifier.
#include <vector>

#include "absl/strings/escaping.h"
#include "common/audit/canonical.h"
#include "common/audit/chain_verifier.h"
#include "common/audit/salt.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace {

// An objection as accreditation writes it from v2 on: the objecting state (principal and
// objecting_state) and the grounds salted from one entry salt.
AuditEntry Objection(uint64_t seq, const std::string& state, const std::string& entry_salt) {
  AuditEntry e{
      seq,
      1700000000000 + static_cast<int64_t>(seq),
      "state:" + state,
      "accreditation.objection.lodged",
      "processes/oewg/applications/a1",
      {PlainField("process", "oewg"),
       SensitiveField("objecting_state", state, FieldSalt(entry_salt, "objecting_state", 2)),
       SensitiveField("grounds", "Not independent.", FieldSalt(entry_salt, "grounds", 3))}};
  e.version = kChainV2;
  e.principal_sensitive = true;
  e.principal_salt = FieldSalt(entry_salt, kPrincipalName, 0);
  return e;
}

std::string Salt(int i) { return Sha256("entry salt " + std::to_string(i)); }

TEST(CanonicalV2, KnownVectorPinsTheEncoding) {
  // Changing the encoding breaks every chain already sealed: these bytes must never move.
  AuditEntry e{1, 2, "p", "a", "r", {PlainField("k", "v")}};
  e.version = kChainV2;
  absl::StatusOr<std::string> c = CanonicalEntry(e);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(absl::BytesToHexString(*c), absl::BytesToHexString("polylateral.audit.v2") +
                                            "0000000000000001"
                                            "0000000000000002"
                                            "00"
                                            "0000000170"
                                            "0000000161"
                                            "0000000172"
                                            "00000001"
                                            "000000016b"
                                            "00"
                                            "0000000176");
  const std::string salt(32, '\x01');
  std::string in = "polylateral.audit.v2.value";
  in += std::string("\0\0\0\x20", 4) + salt + std::string("\0\0\0\x01", 4) + "k" +
        std::string("\0\0\0\x01", 4) + "v";
  EXPECT_EQ(ValueDigest(kChainV2, salt, "k", "v"), Sha256(in));
  EXPECT_EQ(ValueDigest(kChainV1, salt, "k", "v"), Sha256("v"));
}

TEST(CanonicalV2, ADigestDependsOnSaltNameAndValue) {
  const std::string salt = Salt(1);
  const std::string d = ValueDigest(kChainV2, salt, "objecting_state", "RU");
  EXPECT_NE(d, ValueDigest(kChainV2, Salt(2), "objecting_state", "RU"));
  EXPECT_NE(d, ValueDigest(kChainV2, salt, "grounds", "RU"));
  EXPECT_NE(d, ValueDigest(kChainV2, salt, "objecting_state", "FR"));
  // Without the salt, trying the 195 codes finds nothing: the unsalted digest is not it.
  EXPECT_NE(d, Sha256("RU"));
  // Each value's salt is its own: seeing one does not give another.
  EXPECT_NE(FieldSalt(salt, "objecting_state", 2), FieldSalt(salt, "grounds", 3));
  EXPECT_NE(FieldSalt(salt, "x", 1), FieldSalt(salt, "x", 2));
  EXPECT_EQ(FieldSalt(salt, "x", 1), FieldSalt(salt, "x", 1));
}

TEST(CanonicalV2, EntrySaltsAreRandom) {
  absl::StatusOr<std::string> a = NewEntrySalt();
  absl::StatusOr<std::string> b = NewEntrySalt();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 32u);
  EXPECT_NE(*a, *b);
  absl::StatusOr<std::string> hex = NewEntrySaltHex();
  ASSERT_TRUE(hex.ok());
  EXPECT_EQ(hex->size(), 64u);
}

TEST(CanonicalV2, RedactedStateAndPrincipalHashTheSame) {
  const AuditEntry full = Objection(1, "RU", Salt(1));
  const AuditEntry shown = Redacted(full);
  EXPECT_TRUE(shown.principal.empty());
  EXPECT_TRUE(shown.principal_redacted);
  EXPECT_TRUE(shown.principal_salt.empty());
  EXPECT_EQ(shown.principal_digest,
            ValueDigest(kChainV2, full.principal_salt, kPrincipalName, "state:RU"));
  EXPECT_EQ(shown.fields[0].value, "oewg");
  for (size_t i : {1u, 2u}) {
    EXPECT_TRUE(shown.fields[i].redacted);
    EXPECT_TRUE(shown.fields[i].value.empty());
    EXPECT_TRUE(shown.fields[i].salt.empty());
  }
  EXPECT_EQ(*ChainHash(shown, GenesisHash()), *ChainHash(full, GenesisHash()));
  // Nothing of the redacted entry's canonical bytes names the state.
  const std::string bytes = *CanonicalEntry(shown);
  EXPECT_EQ(bytes.find("RU"), std::string::npos);
}

TEST(CanonicalV2, EveryPartCountsAndASensitivePrincipalNeedsV2) {
  const AuditEntry base = Objection(1, "RU", Salt(1));
  const std::string h = *ChainHash(base, GenesisHash());
  AuditEntry e = base;
  e.principal = "state:FR";
  EXPECT_NE(*ChainHash(e, GenesisHash()), h);
  e = base;
  e.principal_sensitive = false;
  EXPECT_NE(*ChainHash(e, GenesisHash()), h);
  e = base;
  e.fields[1].salt = Salt(9);
  EXPECT_NE(*ChainHash(e, GenesisHash()), h);
  e = base;
  e.version = kChainV1;
  EXPECT_FALSE(ChainHash(e, GenesisHash()).ok());  // a sensitive principal is v2 only
  e.principal_sensitive = false;
  EXPECT_NE(*ChainHash(e, GenesisHash()), h);  // the same content under v1 hashes otherwise
  e = base;
  e.fields[2].salt = "short";
  EXPECT_EQ(ChainHash(e, GenesisHash()).status().code(), absl::StatusCode::kInvalidArgument);
  e = base;
  e.version = 3;
  EXPECT_FALSE(ChainHash(e, GenesisHash()).ok());
}

struct Sealed {
  AuditEntry entry;
  std::string hash;
};

// Entries 1..4 written in v1 (an objection naming its state in plain), 5..8 in v2.
std::vector<Sealed> SwitchingLog() {
  std::vector<Sealed> out;
  std::string prev = GenesisHash();
  for (uint64_t i = 1; i <= 8; ++i) {
    AuditEntry e;
    if (i <= 4) {
      e = AuditEntry{i,
                     1000 + static_cast<int64_t>(i),
                     "state:CN",
                     "accreditation.objection.lodged",
                     "processes/oewg/applications/a0",
                     {PlainField("objecting_state", "CN"), SensitiveField("grounds", "old")}};
    } else {
      e = Objection(i, i % 2 == 0 ? "RU" : "FR", Salt(static_cast<int>(i)));
    }
    prev = *ChainHash(e, prev);
    out.push_back({e, prev});
  }
  return out;
}

SignedHead HeadOf(const std::vector<Sealed>& log) {
  return SignedHead{"{acc}", log.size(), log.back().hash, 1, "", ""};
}

ChainBreak Check(const std::vector<Sealed>& log, bool with_seals = true) {
  ChainVerifier v(HeadOf(SwitchingLog()));
  for (const Sealed& s : log) {
    if (!v.Add(s.entry, with_seals ? s.hash : "")) break;
  }
  v.Finish();
  return v.broken() ? v.failure() : ChainBreak{};
}

TEST(ChainVerifierV2, ALogSwitchingFromV1ToV2Verifies) {
  auto log = SwitchingLog();
  EXPECT_EQ(Check(log).seq, 0u) << Check(log).reason;
  EXPECT_EQ(Check(log, false).seq, 0u);
  // Every reader's view: each sensitive value (and principal) redacted.
  for (Sealed& s : log) s.entry = Redacted(s.entry);
  EXPECT_EQ(Check(log).seq, 0u) << Check(log).reason;
  EXPECT_EQ(Check(log, false).seq, 0u);
}

TEST(ChainVerifierV2, TamperingWithASaltedFieldIsCaught) {
  auto log = SwitchingLog();
  log[5].entry.fields[1].value = "CN";  // another state, the salt kept
  EXPECT_EQ(Check(log).seq, 6u);
  EXPECT_EQ(Check(log, false).seq, 8u);  // without seals the break shows at the head
  log = SwitchingLog();
  log[6].entry = Redacted(log[6].entry);
  log[6].entry.fields[2].digest = ValueDigest(kChainV2, Salt(7), "grounds", "Forged.");
  EXPECT_EQ(Check(log).seq, 7u);
}

TEST(ChainVerifierV2, AWrongSaltIsDetected) {
  auto log = SwitchingLog();
  // A server claiming another state with a salt it made up for it.
  log[4].entry.principal = "state:DE";
  log[4].entry.principal_salt = Salt(99);
  EXPECT_EQ(Check(log).seq, 5u);
  log = SwitchingLog();
  log[7].entry.fields[1].salt = FieldSalt(Salt(8), "objecting_state", 1);
  EXPECT_EQ(Check(log).seq, 8u);
}

TEST(ChainVerifierV2, TheVersionNeverGoesBack) {
  auto log = SwitchingLog();
  // Entry 6 rewritten as v1 (no sensitive principal), sealed consistently from there on: the
  // seals match, yet a log never returns to v1.
  std::string prev = log[4].hash;
  for (size_t i = 5; i < log.size(); ++i) {
    if (i == 5) {
      log[i].entry.version = kChainV1;
      log[i].entry.principal_sensitive = false;
      for (AuditField& f : log[i].entry.fields) f.salt.clear();
    }
    prev = *ChainHash(log[i].entry, prev);
    log[i].hash = prev;
  }
  const ChainBreak b = Check(log);
  EXPECT_EQ(b.seq, 6u);
  EXPECT_NE(b.reason.find("version goes back"), std::string::npos) << b.reason;
}

TEST(ChainVerifierV2, AWithheldV1EntryStandsByItsSeal) {
  auto log = SwitchingLog();
  Withhold(log[2].entry);  // seq 3 names CN in plain
  ChainVerifier v(HeadOf(log));
  for (const Sealed& s : log) ASSERT_TRUE(v.Add(s.entry, s.hash)) << v.failure().reason;
  ASSERT_TRUE(v.Finish());
  EXPECT_EQ(v.withheld_entries(), 1u);
  EXPECT_EQ(v.checked_from(), 4u);
  // Withheld without its seal, or with another seal, breaks.
  log = SwitchingLog();
  Withhold(log[2].entry);
  log[2].hash = Sha256("other");
  EXPECT_EQ(Check(log).seq, 4u);  // the next entry no longer matches its seal
  log[2].hash.clear();
  EXPECT_EQ(Check(log).seq, 3u);
  // A v2 entry hides by its salted digests and is never withheld.
  log = SwitchingLog();
  Withhold(log[5].entry);
  EXPECT_EQ(Check(log).seq, 6u);
}

}  // namespace
}  // namespace polylateral::audit
