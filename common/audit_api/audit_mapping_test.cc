#include "common/audit_api/audit_mapping.h"

#include "common/audit/canonical.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace {

AuditEntry Objection() {
  AuditEntry e;
  e.seq = 7;
  e.time_ms = 1765100000123;
  e.principal = "state:RU";
  e.action = "accreditation.objection.lodged";
  e.resource = "processes/oewg/applications/a1";
  e.fields = {PlainField("objecting_state", "RU"), SensitiveField("grounds", "Not independent.")};
  return e;
}

// What a client rebuilds from the proto hashes as the entry the service read, disclosed or
// redacted: the mapping loses nothing the chain covers.
TEST(AuditMappingTest, EntriesRoundTripToTheSameChainHash) {
  const AuditEntry e = Objection();
  const std::string prev(32, '\x01');
  for (const AuditEntry& shown : {e, Redacted(e)}) {
    v1::AuditEntry proto;
    ToProto(shown, "hash-bytes", "auditLogs/acc", &proto);
    EXPECT_EQ(proto.name(), "auditLogs/acc/entries/7");
    EXPECT_EQ(proto.hash(), "hash-bytes");
    const AuditEntry back = FromProto(proto);
    EXPECT_EQ(back.time_ms, e.time_ms);
    EXPECT_EQ(*ChainHash(back, prev), *ChainHash(e, prev));
  }
  v1::AuditEntry redacted;
  ToProto(Redacted(e), "", "auditLogs/acc", &redacted);
  EXPECT_TRUE(redacted.fields(1).sensitive());
  EXPECT_EQ(redacted.fields(1).content_case(), v1::AuditField::kDigest);
  EXPECT_EQ(redacted.fields(1).digest(), Sha256("Not independent."));
  EXPECT_EQ(redacted.fields(0).value(), "RU");
}

TEST(AuditMappingTest, V2EntriesRoundTripWithTheirSaltsOrDigests) {
  AuditEntry e = Objection();
  e.version = kChainV2;
  e.principal_sensitive = true;
  e.principal_salt = std::string(32, 'p');
  e.fields[0].sensitive = true;
  e.fields[0].salt = std::string(32, 'o');
  e.fields[1].salt = std::string(32, 'g');
  const std::string prev(32, '\x01');
  for (const AuditEntry& shown : {e, Redacted(e)}) {
    v1::AuditEntry proto;
    ToProto(shown, "", "auditLogs/acc", &proto);
    EXPECT_EQ(proto.chain_version(), 2);
    EXPECT_TRUE(proto.principal_sensitive());
    EXPECT_EQ(*ChainHash(FromProto(proto), prev), *ChainHash(e, prev));
  }
  v1::AuditEntry redacted;
  ToProto(Redacted(e), "", "auditLogs/acc", &redacted);
  EXPECT_EQ(redacted.principal(), "");
  EXPECT_EQ(redacted.principal_digest().size(), 32u);
  EXPECT_TRUE(redacted.principal_salt().empty());
  EXPECT_TRUE(redacted.fields(0).salt().empty());
  v1::AuditEntry shown;
  ToProto(e, "", "auditLogs/acc", &shown);
  EXPECT_EQ(shown.principal_salt(), std::string(32, 'p'));
  EXPECT_EQ(shown.fields(1).salt(), std::string(32, 'g'));
  // A withheld entry keeps its place and flag; and an entry from a server that predates
  // chain versions reads as v1.
  AuditEntry old = Objection();
  Withhold(old);
  v1::AuditEntry w;
  ToProto(old, "h", "auditLogs/acc", &w);
  EXPECT_TRUE(FromProto(w).withheld);
  EXPECT_EQ(w.fields_size(), 0);
  w.clear_chain_version();
  EXPECT_EQ(FromProto(w).version, kChainV1);
}

TEST(AuditMappingTest, HeadsRoundTrip) {
  SignedHead h{
      "{acc}", 42, std::string(32, 'h'), 1765100000999, "0123456789abcdef", std::string(64, 's')};
  v1::AuditHead proto;
  ToProto(h, "auditLogs/acc", &proto);
  EXPECT_EQ(proto.name(), "auditLogs/acc/head");
  const SignedHead back = FromProto(proto);
  EXPECT_EQ(HeadMessage(back), HeadMessage(h));
  EXPECT_EQ(back.key_id, h.key_id);
  EXPECT_EQ(back.signature, h.signature);
}

}  // namespace
}  // namespace polylateral::audit
