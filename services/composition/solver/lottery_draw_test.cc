#include "services/composition/solver/lottery_draw.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/sha256.h"
#include "services/composition/solver/test_data.h"

namespace polylateral::composition {
namespace {

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000, 'a')).size(), 64u);
}

class DrawTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const CsvProblem p = testing::LoadFoundation();
    auto r = SolveLeximin(p.pool, p.spec);
    ASSERT_TRUE(r.ok()) << r.status();
    lottery_ = new LeximinResult(*r);
  }
  static void TearDownTestSuite() { delete lottery_; }
  static LeximinResult* lottery_;
};
LeximinResult* DrawTest::lottery_ = nullptr;

TEST_F(DrawTest, ReproducibleFromTheSeedAndCommitted) {
  auto a = DrawPanel(*lottery_, "assembly 2025: 07 19 23 31 42 + 5");
  auto b = DrawPanel(*lottery_, "assembly 2025: 07 19 23 31 42 + 5");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->members, b->members);
  EXPECT_EQ(a->panel, b->panel);
  EXPECT_EQ(a->members.size(), 22u);
  EXPECT_EQ(a->commitment, Sha256Hex("assembly 2025: 07 19 23 31 42 + 5"));
  auto c = DrawPanel(*lottery_, "another seed of 128 bits");
  EXPECT_NE(c->members, a->members);
}

// 20,000 draws: each candidate's selection frequency within 5 standard errors of its
// reported probability (the seeds are fixed, so the check is deterministic).
TEST_F(DrawTest, FrequenciesMatchTheProbabilities) {
  constexpr int kDraws = 20000;
  std::vector<int> hits(lottery_->probabilities.size(), 0);
  for (int i = 0; i < kDraws; ++i) {
    auto d = DrawPanel(*lottery_, absl::StrCat("frequency check seed ", i));
    ASSERT_TRUE(d.ok());
    for (int m : d->members) ++hits[m];
  }
  for (size_t i = 0; i < hits.size(); ++i) {
    const double p = lottery_->probabilities[i];
    const double se = std::sqrt(std::max(p * (1 - p), 1e-4) / kDraws);
    EXPECT_NEAR(static_cast<double>(hits[i]) / kDraws, p, 5 * se) << "candidate " << i;
  }
}

TEST(DrawEmptyTest, NoPanelsIsAPreconditionFailure) {
  EXPECT_EQ(DrawPanel(LeximinResult{}, "a seed of 16 bytes").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(DrawSeedTest, SeedsShorterThan128BitsAreRefused) {
  for (absl::string_view weak : {"", "x", "fifteen bytes!!"}) {
    const absl::Status st = ValidateDrawSeed(weak, "draw.seed");
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << weak;
    EXPECT_EQ(ErrorReason(st), "WEAK_SEED");
    EXPECT_EQ(ErrorViolations(st).at(0).field, "draw.seed");
    EXPECT_EQ(ErrorReason(DrawPanel(LeximinResult{}, weak).status()), "WEAK_SEED");
  }
  EXPECT_TRUE(ValidateDrawSeed("sixteen bytes!!!").ok());
  EXPECT_TRUE(ValidateDrawSeed(std::string(256, 'a')).ok());
  EXPECT_EQ(ErrorReason(ValidateDrawSeed(std::string(257, 'a'))), "INVALID_SEED");
}

}  // namespace
}  // namespace polylateral::composition
