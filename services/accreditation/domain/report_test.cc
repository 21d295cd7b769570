#include "services/accreditation/domain/report.h"

#include "gtest/gtest.h"

namespace polylateral::accreditation {
namespace {

ReportCounters Sample() {
  ReportCounters c;
  // Policy 1 = public, 2 = states on request, 3 = count only.
  c.fields = {{"r:non-objection:submitted", 10},
              {"r:non-objection:blocked", 3},
              {"objn", 6},
              {"blkn", 3},
              {"obj:2:RU", 4},
              {"obj:2:CN", 2},
              {"blk:2:RU", 3},
              {"blk:2:CN", 1},
              {"dfr:2:CU", 4},
              {"g:4:dec", 10},
              {"g:4:ok", 7},
              {"rg:1:dec", 2},
              {"defer", 5},
              {"redefer", 1}};
  c.decisions = 10;
  c.p50_seconds = 100;
  return c;
}

TEST(Report, StatesOnRequestShowsStatesTheirRows) {
  Report r = BuildReport(Sample(), {Principal::Kind::kState, "BR"}, "oewg");
  // A state that only deferred has a row of its own.
  ASSERT_EQ(r.states.size(), 3u);
  EXPECT_EQ(r.states[1].state, "CU");
  EXPECT_EQ(r.states[1].deferrals, 4);
  EXPECT_EQ(r.states[1].objections, 0);
  r.states.erase(r.states.begin() + 1);
  EXPECT_EQ(r.states[1].state, "RU");
  EXPECT_EQ(r.states[1].objections, 4);
  EXPECT_NEAR(r.states[1].share, 4.0 / 6, 1e-9);
  EXPECT_EQ(r.states[1].applicants_blocked, 3);
  EXPECT_EQ(r.states[1].deferrals, 0);
  EXPECT_FALSE(r.states_withheld);
  EXPECT_EQ(r.objections_total, 6);
  EXPECT_EQ(r.applications_blocked, 3);
  ASSERT_EQ(r.by_group.size(), 1u);
  EXPECT_NEAR(r.by_group[0].rate, 0.7, 1e-9);
  EXPECT_EQ(r.repeat_deferrals, 1);
}

TEST(Report, OthersGetTotalsOnlyButAStateSeesItsOwnRow) {
  Report anon = BuildReport(Sample(), Principal::Anonymous(), "oewg");
  EXPECT_TRUE(anon.states.empty());
  EXPECT_TRUE(anon.states_withheld);
  EXPECT_EQ(anon.objections_total, 6);
  Report sh = BuildReport(Sample(), {Principal::Kind::kStakeholder, "ngo"}, "oewg");
  EXPECT_TRUE(sh.states.empty());
  ReportCounters c = Sample();
  for (auto& [f, n] : c.fields) {
    if (f.rfind("obj:2:", 0) == 0 || f.rfind("blk:2:", 0) == 0 || f.rfind("dfr:2:", 0) == 0) {
      f.replace(4, 1, "3");
    }
  }
  Report ru = BuildReport(c, {Principal::Kind::kState, "RU"}, "oewg");
  ASSERT_EQ(ru.states.size(), 1u);
  EXPECT_EQ(ru.states[0].state, "RU");
  EXPECT_TRUE(ru.states_withheld);
}

}  // namespace
}  // namespace polylateral::accreditation
