#include "common/audit_api/audit_log_names.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace {

TEST(AuditLogNamesTest, ServiceAndProcessLogsRoundTrip) {
  auto acc = ParseAuditLogName("auditLogs/acc", "parent");
  ASSERT_TRUE(acc.ok()) << acc.status();
  EXPECT_EQ(acc->id, "acc");
  EXPECT_EQ(acc->Name(), "auditLogs/acc");
  auto igf = ParseAuditLogName("processes/igf/auditLog", "parent");
  ASSERT_TRUE(igf.ok()) << igf.status();
  EXPECT_EQ(igf->process, "igf");
  EXPECT_EQ(igf->Name(), "processes/igf/auditLog");
  auto head = ParseAuditHeadName("processes/igf/auditLog/head", "name");
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(head->process, "igf");
}

TEST(AuditLogNamesTest, MalformedNamesAreInvalidOnTheirField) {
  for (const char* bad : {"", "auditLogs", "auditLogs/", "auditLogs/acc/entries", "logs/acc",
                          "processes/igf", "processes//auditLog", "processes/igf/auditLogs"}) {
    auto n = ParseAuditLogName(bad, "parent");
    ASSERT_FALSE(n.ok()) << bad;
    EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ErrorReason(n.status()), "INVALID_NAME") << bad;
    ASSERT_EQ(ErrorViolations(n.status()).size(), 1u) << bad;
    EXPECT_EQ(ErrorViolations(n.status())[0].field, "parent") << bad;
  }
  for (const char* bad : {"auditLogs/acc", "auditLogs/acc/heads", "head", "processes/x/head"}) {
    auto n = ParseAuditHeadName(bad, "name");
    ASSERT_FALSE(n.ok()) << bad;
    EXPECT_EQ(ErrorReason(n.status()), "INVALID_NAME") << bad;
    EXPECT_EQ(ErrorViolations(n.status())[0].field, "name") << bad;
  }
}

TEST(AuditLogNamesTest, AnotherServicesLogIsNotFound) {
  ServedAuditLogs acc_only;
  acc_only.by_id = {{"acc", "{acc}"}};
  EXPECT_EQ(*TagOf(acc_only, *ParseAuditLogName("auditLogs/acc", "parent")), "{acc}");
  for (const char* other : {"auditLogs/rt", "processes/igf/auditLog"}) {
    auto tag = TagOf(acc_only, *ParseAuditLogName(other, "parent"));
    ASSERT_FALSE(tag.ok()) << other;
    EXPECT_EQ(tag.status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(ErrorReason(tag.status()), "AUDIT_LOG_NOT_FOUND");
  }
  ServedAuditLogs per_process;
  per_process.process_tag = [](const std::string& p) { return "comp:{" + p + "}"; };
  EXPECT_EQ(*TagOf(per_process, *ParseAuditLogName("processes/igf/auditLog", "parent")),
            "comp:{igf}");
  EXPECT_FALSE(TagOf(per_process, *ParseAuditLogName("auditLogs/acc", "parent")).ok());
}

}  // namespace
}  // namespace polylateral::audit
