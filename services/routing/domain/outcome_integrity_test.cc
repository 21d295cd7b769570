#include "services/routing/domain/outcome_integrity.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/routing/domain/test_fixtures.h"

namespace polylateral::routing {
namespace {

TEST(OutcomeIntegrityTest, AnOutcomeBelongsToASessionOfItsProcess) {
  const ProcessInfo p = testing::GlobalMechanism();
  EXPECT_TRUE(CheckOutcomeSession(p, "s1").ok());
  absl::Status st = CheckOutcomeSession(p, "s9");
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(st), "SESSION_NOT_IN_PROCESS");
}

TEST(OutcomeIntegrityTest, ParagraphIdsAreUnique) {
  EXPECT_TRUE(CheckParagraphIdsUnique({"op-1", "op-2"}).ok());
  absl::Status st = CheckParagraphIdsUnique({"op-1", "op-2", "op-1"});
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(st), "DUPLICATE_PARAGRAPH_ID");
  EXPECT_NE(st.message().find("op-1"), absl::string_view::npos);
}

TEST(OutcomeIntegrityTest, UptakeNamesOnlyTheOutcomesParagraphs) {
  EXPECT_TRUE(CheckUptakeParagraphs({"op-1", "op-2"}, {"op-2"}).ok());
  EXPECT_TRUE(CheckUptakeParagraphs({"op-1"}, {}).ok());
  absl::Status st = CheckUptakeParagraphs({"op-1", "op-2"}, {"op-1", "op-7"});
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(st), "PARAGRAPH_NOT_IN_OUTCOME");
}

}  // namespace
}  // namespace polylateral::routing
