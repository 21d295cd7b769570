#include "common/audit/canonical.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace {

AuditEntry Objection() {
  return AuditEntry{7,
                    1700000000000,
                    "state:FR",
                    "accreditation.objection.lodge",
                    "processes/wsis/applications/a1",
                    {PlainField("state", "FR"), SensitiveField("grounds", "secret reasons")}};
}

TEST(Canonical, KnownVectorPinsTheEncoding) {
  // Changing the encoding breaks every chain already sealed: this digest must never move.
  AuditEntry e{1, 2, "p", "a", "r", {PlainField("k", "v")}};
  absl::StatusOr<std::string> h = ChainHash(e, GenesisHash());
  ASSERT_TRUE(h.ok());
  absl::StatusOr<std::string> c = CanonicalEntry(e);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(absl::BytesToHexString(*c), absl::BytesToHexString("polylateral.audit.v1") +
                                            "0000000000000001"
                                            "0000000000000002"
                                            "0000000170"
                                            "0000000161"
                                            "0000000172"
                                            "00000001"
                                            "000000016b"
                                            "00"
                                            "0000000176");
  EXPECT_EQ(*h, Sha256(*c + GenesisHash()));
}

TEST(Canonical, EveryPartOfTheEntryCounts) {
  const std::string base = *ChainHash(Objection(), GenesisHash());
  AuditEntry e = Objection();
  e.seq = 8;
  EXPECT_NE(*ChainHash(e, GenesisHash()), base);
  e = Objection();
  e.time_ms += 1;
  EXPECT_NE(*ChainHash(e, GenesisHash()), base);
  e = Objection();
  e.principal = "state:DE";
  EXPECT_NE(*ChainHash(e, GenesisHash()), base);
  e = Objection();
  e.action = "accreditation.objection.withdraw";
  EXPECT_NE(*ChainHash(e, GenesisHash()), base);
  e = Objection();
  e.resource += "x";
  EXPECT_NE(*ChainHash(e, GenesisHash()), base);
  e = Objection();
  e.fields[1].value = "other reasons";
  EXPECT_NE(*ChainHash(e, GenesisHash()), base);
  e = Objection();
  e.fields[1].sensitive = false;
  EXPECT_NE(*ChainHash(e, GenesisHash()), base);
  e = Objection();
  std::swap(e.fields[0], e.fields[1]);
  EXPECT_NE(*ChainHash(e, GenesisHash()), base);
  EXPECT_NE(*ChainHash(Objection(), Sha256("x")), base);
}

TEST(Canonical, LengthPrefixesKeepBoundariesApart) {
  AuditEntry a{1, 1, "ab", "c", "r", {}};
  AuditEntry b{1, 1, "a", "bc", "r", {}};
  EXPECT_NE(*ChainHash(a, GenesisHash()), *ChainHash(b, GenesisHash()));
}

TEST(Canonical, RedactedEntryHashesTheSame) {
  const AuditEntry full = Objection();
  const AuditEntry shown = Redacted(full);
  EXPECT_TRUE(shown.fields[1].value.empty());
  EXPECT_TRUE(shown.fields[1].redacted);
  EXPECT_EQ(shown.fields[1].digest, Sha256("secret reasons"));
  EXPECT_EQ(shown.fields[0].value, "FR");
  EXPECT_EQ(*ChainHash(shown, GenesisHash()), *ChainHash(full, GenesisHash()));
}

TEST(Canonical, RedactedFieldNeedsAFullDigest) {
  AuditEntry e = Redacted(Objection());
  e.fields[1].digest = "short";
  EXPECT_EQ(ChainHash(e, GenesisHash()).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace polylateral::audit
