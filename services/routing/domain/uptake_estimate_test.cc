#include "services/routing/domain/uptake_estimate.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/text_generator.h"

namespace polylateral::routing {
namespace {

// A 30-paragraph outcome; paragraph 17 adopts a stakeholder's passage with every eighth
// word changed by the drafters.
struct Scenario {
  std::vector<OutcomeParagraph> outcome;
  std::string passage;  // what the stakeholder wrote
  std::string input;    // the stakeholder's whole submission
};

Scenario MakeScenario() {
  testing::TextGenerator gen(42);
  Scenario s;
  s.passage = gen.Paragraph(70);
  for (int i = 0; i < 30; ++i) {
    s.outcome.push_back(
        {absl::StrCat("op-", i + 1), i == 16 ? gen.Reword(s.passage, 8) : gen.Paragraph(60)});
  }
  s.input = absl::StrCat(gen.Paragraph(400), "\n\n", s.passage, "\n\n", gen.Paragraph(300));
  return s;
}

TEST(UptakeEstimateTest, FindsTheParagraphAnInputWasCopiedIntoWithWordsChanged) {
  Scenario s = MakeScenario();
  for (int n : {3, 4}) {
    auto index = OutcomeIndex::Build(s.outcome, n);
    ASSERT_TRUE(index.ok()) << index.status();
    UptakeEstimate e = index->Estimate(s.input, 3);
    ASSERT_FALSE(e.closest.empty());
    EXPECT_EQ(e.closest[0].paragraph_id, "op-17") << "n=" << n;
    EXPECT_EQ(e.closest[0].paragraph_index, 16u);
    EXPECT_GT(e.closest[0].containment, 0.4) << "n=" << n;
    EXPECT_DOUBLE_EQ(e.overall, e.closest[0].containment);
    if (e.closest.size() > 1) {
      EXPECT_LT(e.closest[1].containment, 0.15) << "n=" << n;
    }
    EXPECT_GT(e.closest[0].jaccard, 0.0);
    EXPECT_LT(e.closest[0].jaccard, e.closest[0].containment);  // the input is much longer
  }
}

TEST(UptakeEstimateTest, AnUnrelatedTextScoresNearZero) {
  Scenario s = MakeScenario();
  auto index = OutcomeIndex::Build(s.outcome);
  ASSERT_TRUE(index.ok());
  testing::TextGenerator other(7);
  UptakeEstimate e = index->Estimate(other.Paragraph(5000), 3);
  EXPECT_LT(e.overall, 0.05);
  EXPECT_LT(e.input_coverage, 0.02);
  e = index->Estimate("Quantum gardening for urban bees requires patient municipal councils.");
  EXPECT_EQ(e.overall, 0.0);
  EXPECT_TRUE(e.closest.empty());
}

TEST(UptakeEstimateTest, AVerbatimParagraphScoresOneAndCoverageCountsTheInputSide) {
  std::vector<OutcomeParagraph> outcome = {
      {"op-1", "States are encouraged to protect critical infrastructure from ICT threats."},
      {"op-2", "The mechanism shall meet annually in New York."}};
  auto index = OutcomeIndex::Build(outcome, 3);
  ASSERT_TRUE(index.ok());
  UptakeEstimate e =
      index->Estimate("states are ENCOURAGED to protect critical infrastructure from ICT threats");
  ASSERT_EQ(e.closest.size(), 1u);
  EXPECT_EQ(e.closest[0].paragraph_id, "op-1");
  EXPECT_DOUBLE_EQ(e.closest[0].containment, 1.0);
  EXPECT_DOUBLE_EQ(e.closest[0].jaccard, 1.0);
  EXPECT_DOUBLE_EQ(e.input_coverage, 1.0);
  EXPECT_EQ(index->Estimate("").input_shingles, 0u);
}

TEST(UptakeEstimateTest, KBoundsTheListAndTiesFollowDocumentOrder) {
  std::vector<OutcomeParagraph> outcome;
  for (int i = 0; i < 5; ++i) outcome.push_back({absl::StrCat("p", i), "alpha beta gamma delta"});
  auto index = OutcomeIndex::Build(outcome, 2);
  ASSERT_TRUE(index.ok());
  UptakeEstimate e = index->Estimate("alpha beta gamma delta", 2);
  ASSERT_EQ(e.closest.size(), 2u);
  EXPECT_EQ(e.closest[0].paragraph_id, "p0");
  EXPECT_EQ(e.closest[1].paragraph_id, "p1");
  EXPECT_EQ(index->Estimate("alpha beta gamma delta", 0).overall, 1.0);
}

TEST(UptakeEstimateTest, RejectsABadShingleWidth) {
  EXPECT_EQ(OutcomeIndex::Build({}, 1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(OutcomeIndex::Build({}, 9).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace polylateral::routing
