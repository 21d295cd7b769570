#include "services/composition/solver/validation.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/minimal_solver.h"
#include "services/composition/solver/quick_solver.h"

namespace polylateral::composition {
namespace {

BodySpec TwoFeatureSpec(int seats) {
  BodySpec spec;
  spec.min_seats = spec.max_seats = seats;
  spec.features = {{"group", {{"civil", 1, 3}, {"private", 1, 3}}, false},
                   {"themes", {{"ai", 0, kNoLimit}, {"cyber", 1, kNoLimit}}, true}};
  return spec;
}

Pool SmallPool() {
  Pool pool;
  for (int i = 0; i < 6; ++i) {
    pool.candidates.push_back({"c" + std::to_string(i),
                               {{"group", {i % 2 ? "civil" : "private"}},
                                {"themes", i % 3 ? std::vector<std::string>{"ai", "cyber"}
                                                 : std::vector<std::string>{"ai"}}},
                               "org" + std::to_string(i / 2),
                               "c"});
  }
  return pool;
}

bool Names(const absl::Status& s, const std::string& field) {
  for (const FieldViolation& v : ErrorViolations(s)) {
    if (v.field == field) return true;
  }
  return false;
}

TEST(ValidationTest, LabelsAreCapped) {
  Pool pool = SmallPool();
  pool.candidates[0].organisation = std::string(1 << 20, 'o');
  pool.candidates[1].country = std::string(kMaxCountryLength + 1, 'c');
  pool.candidates[2].id = std::string(kMaxCandidateIdLength + 1, 'i');
  BodySpec spec = TwoFeatureSpec(2);
  spec.features[0].name = std::string(kMaxFeatureNameLength + 1, 'f');
  absl::Status s = ValidateProblem(pool, spec);
  EXPECT_EQ(ErrorReason(s), "INVALID_COMPOSITION_PROBLEM");
  EXPECT_TRUE(Names(s, "pool.candidates[0].organisation"));
  EXPECT_TRUE(Names(s, "pool.candidates[1].country"));
  EXPECT_TRUE(Names(s, "pool.candidates[2].id"));
  EXPECT_TRUE(Names(s, "spec.features[0].name"));
  // Characters, not bytes: 200 two-byte characters are within the organisation cap.
  pool = SmallPool();
  std::string accented;
  for (size_t i = 0; i < kMaxOrganisationLength; ++i) accented += "\xc3\xa9";
  pool.candidates[0].organisation = accented;
  EXPECT_TRUE(ValidateProblem(pool, TwoFeatureSpec(2)).ok());
}

TEST(ValidationTest, AcceptsAWellFormedProblem) {
  EXPECT_TRUE(ValidateProblem(SmallPool(), TwoFeatureSpec(3)).ok());
}

TEST(ValidationTest, NamesEveryBadField) {
  Pool pool = SmallPool();
  pool.candidates[1].id = "c0";                       // duplicate id
  pool.candidates[2].values["group"] = {"academia"};  // unknown value
  pool.candidates[3].values["colour"] = {"blue"};     // unknown feature
  pool.candidates[4].values.erase("group");           // single-valued feature missing
  BodySpec spec = TwoFeatureSpec(3);
  spec.features[0].values[1].min = 4;  // min > max
  spec.max_per_organisation = 0;
  spec.coverage = {{"group", "labour"}};
  spec.balance = BalanceRule{{"region"}, {3, 2}};
  const absl::Status s = ValidateProblem(pool, spec);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(s), "INVALID_COMPOSITION_PROBLEM");
  for (const char* field :
       {"pool.candidates[1].id", "pool.candidates[2].values[group]",
        "pool.candidates[3].values[colour]", "pool.candidates[4].values[group]",
        "spec.features[0].values[1].min", "spec.max_per_organisation", "spec.coverage[0].value",
        "spec.balance.threshold", "spec.balance.features[0]"}) {
    EXPECT_TRUE(Names(s, field)) << field << " in " << s;
  }
}

TEST(ValidationTest, SeatsOutsideThePool) {
  for (int k : {0, -1, 7}) {
    const absl::Status s = ValidateProblem(SmallPool(), TwoFeatureSpec(k));
    EXPECT_TRUE(Names(s, "spec.min_seats")) << k << " " << s;
  }
}

TEST(ValidationTest, DegeneratePoolsFailCleanlyInEveryMode) {
  const Pool empty;
  EXPECT_EQ(SolveQuick(empty, TwoFeatureSpec(1)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SolveMinimal(empty, TwoFeatureSpec(1)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SolveLeximin(empty, TwoFeatureSpec(0)).status().code(),
            absl::StatusCode::kInvalidArgument);
  BodySpec no_features;
  no_features.min_seats = no_features.max_seats = 2;
  Pool same;
  for (int i = 0; i < 5; ++i) same.candidates.push_back({"x" + std::to_string(i), {}, "", ""});
  auto lottery = SolveLeximin(same, no_features);
  ASSERT_TRUE(lottery.ok()) << lottery.status();
  ASSERT_TRUE(lottery->feasible);
  ASSERT_EQ(lottery->types.size(), 1u);  // all identical: one type
  for (double p : lottery->probabilities) EXPECT_NEAR(p, 0.4, 1e-9);
}

}  // namespace
}  // namespace polylateral::composition
