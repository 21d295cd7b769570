#include "common/audit_store/audit_json.h"

#include "common/audit/canonical.h"
#include "common/audit/salt.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace {

TEST(AuditJson, DecodesWhatTheAppendScriptStores) {
  absl::StatusOr<AuditEntry> e = DecodeStoredEntry(
      R"({"seq":3,"t":"1700000000123","p":"state:FR","a":"accreditation.objection.lodge",)"
      R"("r":"processes/p/applications/a","f":[["state","FR"],["grounds","why",1]]})");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->seq, 3u);
  EXPECT_EQ(e->time_ms, 1700000000123);
  EXPECT_EQ(e->principal, "state:FR");
  ASSERT_EQ(e->fields.size(), 2u);
  EXPECT_FALSE(e->fields[0].sensitive);
  EXPECT_TRUE(e->fields[1].sensitive);
  EXPECT_EQ(e->fields[1].value, "why");
}

TEST(AuditJson, AV2StoredEntryGetsEachSensitiveValuesSaltFromTheEntrySalt) {
  const std::string salt(64, 'a');
  absl::StatusOr<AuditEntry> e = DecodeStoredEntry(
      R"({"v":2,"seq":3,"t":"1","p":"state:FR","ps":1,"a":"accreditation.objection.lodged",)"
      R"("r":"processes/p/applications/a","f":[["process","p"],["objecting_state","FR",1],)"
      R"(["grounds","why",1]],"s":")" +
      salt + R"("})");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->version, kChainV2);
  EXPECT_TRUE(e->principal_sensitive);
  const std::string raw(32, '\xaa');
  EXPECT_EQ(e->principal_salt, FieldSalt(raw, kPrincipalName, 0));
  EXPECT_TRUE(e->fields[0].salt.empty());
  EXPECT_EQ(e->fields[1].salt, FieldSalt(raw, "objecting_state", 2));
  EXPECT_EQ(e->fields[2].salt, FieldSalt(raw, "grounds", 3));
  // A v2 entry without sensitive values needs no salt; one with them does.
  EXPECT_TRUE(DecodeStoredEntry(R"({"v":2,"seq":1,"t":"5","p":"x","a":"x","r":"y","f":{}})").ok());
  EXPECT_FALSE(DecodeStoredEntry(R"({"v":2,"seq":1,"t":"5","p":"x","ps":1,"a":"x","r":"y"})").ok());
  EXPECT_FALSE(
      DecodeStoredEntry(R"({"v":2,"seq":1,"t":"5","a":"x","r":"y","f":[["g","w",1]],"s":"ab"})")
          .ok());
  // Without "v": version 1, as entries were stored before version 2.
  EXPECT_EQ(DecodeStoredEntry(R"({"seq":1,"t":"5","p":"","a":"x","r":"y","f":{}})")->version,
            kChainV1);
}

TEST(AuditJson, V2AndWithheldExportLinesRoundTrip) {
  AuditEntry e{
      9,
      42,
      "state:RU",
      "accreditation.objection.lodged",
      "processes/p/applications/a",
      {PlainField("process", "p"),
       SensitiveField("objecting_state", "RU", FieldSalt(Sha256("s"), "objecting_state", 2))}};
  e.version = kChainV2;
  e.principal_sensitive = true;
  e.principal_salt = FieldSalt(Sha256("s"), kPrincipalName, 0);
  const std::string hash = *ChainHash(e, GenesisHash());
  for (const AuditEntry& shown : {e, Redacted(e)}) {
    const std::string line = EncodeExportLine(shown, hash);
    absl::StatusOr<ExportLine> back = DecodeExportLine(line);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->entry.version, kChainV2);
    EXPECT_EQ(back->entry.principal_redacted, shown.principal_redacted);
    EXPECT_EQ(*ChainHash(back->entry, GenesisHash()), hash) << line;
  }
  const std::string redacted = EncodeExportLine(Redacted(e), hash);
  EXPECT_EQ(redacted.find("RU"), std::string::npos) << redacted;
  AuditEntry withheld{1, 2, "state:CN", "a", "r", {PlainField("objecting_state", "CN")}};
  Withhold(withheld);
  const std::string line = EncodeExportLine(withheld, hash);
  EXPECT_EQ(line.find("CN"), std::string::npos) << line;
  absl::StatusOr<ExportLine> back = DecodeExportLine(line);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->entry.withheld);
  EXPECT_EQ(back->entry.action, "a");
  // A digest or salt for a plain principal is refused.
  EXPECT_FALSE(DecodeExportLine(R"({"seq":1,"time_ms":1,"principal_digest":")" +
                                std::string(64, 'a') + R"("})")
                   .ok());
}

TEST(AuditJson, StoredEntryWithoutFields) {
  // cjson writes an empty Lua table as an object.
  absl::StatusOr<AuditEntry> e =
      DecodeStoredEntry(R"({"seq":1,"t":"5","p":"","a":"x","r":"y","f":{}})");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_TRUE(e->fields.empty());
}

TEST(AuditJson, MalformedStoredEntriesAreRefused) {
  EXPECT_FALSE(DecodeStoredEntry("not json").ok());
  EXPECT_FALSE(DecodeStoredEntry(R"({"t":"5"})").ok());
  EXPECT_FALSE(DecodeStoredEntry(R"({"seq":1,"t":"x"})").ok());
  EXPECT_FALSE(DecodeStoredEntry(R"({"seq":1,"t":"5","f":[["only-a-name"]]})").ok());
}

TEST(AuditJson, ExportLineRoundTripsFullAndRedacted) {
  AuditEntry e{9,
               42,
               "operator:o",
               "routing.route",
               "inputs/i",
               {PlainField("destination", "ch"), SensitiveField("grounds", "secret")}};
  const std::string hash = *ChainHash(e, GenesisHash());
  for (const AuditEntry& shown : {e, Redacted(e)}) {
    absl::StatusOr<ExportLine> back = DecodeExportLine(EncodeExportLine(shown, hash));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->hash, hash);
    EXPECT_EQ(*ChainHash(back->entry, GenesisHash()), hash);
    EXPECT_EQ(back->entry.fields[1].redacted, shown.fields[1].redacted);
  }
  const std::string redacted = EncodeExportLine(Redacted(e), hash);
  EXPECT_EQ(redacted.find("secret"), std::string::npos);
}

TEST(AuditJson, ExportLineRefusesBadHex) {
  EXPECT_FALSE(DecodeExportLine(R"({"seq":1,"time_ms":1,"hash":"zz"})").ok());
  EXPECT_FALSE(
      DecodeExportLine(
          R"({"seq":1,"time_ms":1,"fields":[{"name":"g","sensitive":true,"digest":"ab"}]})")
          .ok());
  EXPECT_FALSE(DecodeExportLine(R"({"seq":1,"time_ms":1,"fields":[{"name":"g","digest":")" +
                                std::string(64, 'a') + R"("}]})")
                   .ok());
}

TEST(AuditJson, HeadRoundTrips) {
  SignedHead h{"{rt}", 5, Sha256("x"), 77, "0123456789abcdef", std::string(64, '\x01')};
  absl::StatusOr<SignedHead> back = DecodeHead(EncodeHead(h));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->log, h.log);
  EXPECT_EQ(back->seq, h.seq);
  EXPECT_EQ(back->hash, h.hash);
  EXPECT_EQ(back->time_ms, h.time_ms);
  EXPECT_EQ(back->key_id, h.key_id);
  EXPECT_EQ(back->signature, h.signature);
  EXPECT_FALSE(DecodeHead(R"({"seq":1,"time_ms":1,"hash":"00"})").ok());
}

TEST(AuditJson, ExportLineReadsEscapesAndSkipsUnknownMembers) {
  AuditEntry e{1, -5, "p\"q\\", "a\n\u0001", "r \u00e9 \xf0\x9f\x98\x80", {PlainField("k", "\t")}};
  std::string line = EncodeExportLine(e, "");
  line.insert(1, R"("extra":{"x":[1,2.5e3,null,true,"s"]},)");
  absl::StatusOr<ExportLine> back = DecodeExportLine(line);
  ASSERT_TRUE(back.ok()) << back.status() << " " << line;
  EXPECT_EQ(back->entry.principal, e.principal);
  EXPECT_EQ(back->entry.action, e.action);
  EXPECT_EQ(back->entry.resource, e.resource);
  EXPECT_EQ(back->entry.time_ms, -5);
  EXPECT_EQ(back->entry.fields[0].value, "\t");
  absl::StatusOr<ExportLine> surrogate =
      DecodeExportLine(R"({"seq":1,"time_ms":1,"resource":"\ud83d\ude00"})");
  ASSERT_TRUE(surrogate.ok()) << surrogate.status();
  EXPECT_EQ(surrogate->entry.resource, "\xf0\x9f\x98\x80");
  EXPECT_FALSE(DecodeExportLine(R"({"seq":1,"time_ms":1} x)").ok());
  EXPECT_FALSE(DecodeExportLine(R"({"seq":1.5,"time_ms":1})").ok());
  EXPECT_FALSE(DecodeExportLine(R"({"seq":1,"time_ms":1,"resource":"\ud83d"})").ok());
  EXPECT_FALSE(DecodeExportLine(R"({"seq":1,"time_ms":1,"resource":"open)").ok());
}

}  // namespace
}  // namespace polylateral::audit
