#include "services/routing/domain/outcome_access.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

const Principal kIgf{Principal::Kind::kSecretariat, "igf"};
const Principal kWsis{Principal::Kind::kSecretariat, "wsis"};
const Principal kOps{Principal::Kind::kOperator, "ops"};

std::string Reason(const absl::Status& s) { return s.ok() ? "OK" : ErrorReason(s); }

TEST(OutcomeAccessTest, ASecretariatWritesOnlyItsOwnProcessOutcomes) {
  EXPECT_TRUE(CheckCanRegisterOutcome(kIgf, "igf", "").ok());
  EXPECT_TRUE(CheckCanRegisterOutcome(kIgf, "igf", "igf").ok());  // a draft becomes final
  EXPECT_EQ(Reason(CheckCanRegisterOutcome(kWsis, "igf", "")), "NOT_SECRETARIAT");
  // Claiming another process's outcome id for one's own process.
  const absl::Status hijack = CheckCanRegisterOutcome(kWsis, "wsis", "igf");
  EXPECT_EQ(hijack.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Reason(hijack), "OUTCOME_OF_ANOTHER_PROCESS");
  EXPECT_EQ(Reason(CheckCanRegisterOutcome({Principal::Kind::kState, "BR"}, "igf", "")),
            "NOT_SECRETARIAT");
  EXPECT_EQ(Reason(CheckCanRegisterOutcome({Principal::Kind::kStakeholder, "igf"}, "igf", "")),
            "NOT_SECRETARIAT");
}

TEST(OutcomeAccessTest, OperatorsWriteAnyOutcome) {
  EXPECT_TRUE(CheckCanRegisterOutcome(kOps, "igf", "").ok());
  EXPECT_TRUE(CheckCanRegisterOutcome(kOps, "wsis", "igf").ok());
  EXPECT_TRUE(CheckCanRecordUptake(kOps, "igf").ok());
}

TEST(OutcomeAccessTest, UptakeIsRecordedByTheOutcomesSecretariat) {
  EXPECT_TRUE(CheckCanRecordUptake(kIgf, "igf").ok());
  EXPECT_EQ(Reason(CheckCanRecordUptake(kWsis, "igf")), "NOT_SECRETARIAT");
}

}  // namespace
}  // namespace polylateral::routing
