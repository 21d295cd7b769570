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
