// polylateral-sortition run as a child process on small files: what it prints, where it
// reports bad input, and each documented exit code.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "services/composition/solver/lottery_draw.h"

namespace polylateral::composition {
namespace {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class SortitionCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "sortition_cli_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
    std::system(("mkdir -p '" + dir_ + "'").c_str());
    // Two seats: one woman, one man, from six people.
    Write("categories.csv", "category,feature,min,max\ngender,female,1,1\ngender,male,1,1\n");
    Write("people.csv", "id,gender\na,female\nb,male\nc,female\nd,male\ne,female\nf,male\n");
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + name, std::ios::binary) << text;
    return dir_ + name;
  }

  // Runs the tool with the default files unless `args` names others.
  CliResult Sortition(const std::string& args, bool default_files = true) {
    std::string command = POLYLATERAL_SORTITION_BIN;
    if (default_files) {
      absl::StrAppend(&command, " --categories='", dir_, "categories.csv' --people='", dir_,
                      "people.csv'");
    }
    absl::StrAppend(&command, " ", args, " >'", dir_, "out' 2>'", dir_, "err'");
    const int status = std::system(command.c_str());
    CliResult run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Slurp(dir_ + "out");
    run.err = Slurp(dir_ + "err");
    return run;
  }

  std::string dir_;
};

TEST_F(SortitionCliTest, ProbabilitiesAndWhichWayLeximinWent) {
  const CliResult run = Sortition("--seats=2");
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(absl::StartsWith(run.out, "id,probability\na,0.333333333\n")) << run.out;
  EXPECT_EQ(std::vector<std::string>(absl::StrSplit(run.out, '\n', absl::SkipEmpty())).size(), 7u);
  EXPECT_TRUE(absl::StrContains(run.err, "by the relaxation shortcut") ||
              absl::StrContains(run.err, "by the stages over feasible panels"))
      << run.err;
}

TEST_F(SortitionCliTest, InfeasibleRulesExitOneWithTheRelaxation) {
  Write("categories.csv", "category,feature,min,max\ngender,female,4,4\ngender,male,0,0\n");
  const CliResult run = Sortition("--seats=4");
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_TRUE(absl::StartsWith(run.out, "infeasible: ")) << run.out;
}

TEST_F(SortitionCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Sortition("").code, 2);  // no --seats
  EXPECT_EQ(Sortition("--seats=2 --mode=fastest").code, 2);
  const CliResult missing =
      Sortition("--categories=/nonexistent.csv --people=/nonexistent.csv --seats=2",
                /*default_files=*/false);
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(absl::StrContains(missing.err, "--categories: cannot read")) << missing.err;
  const CliResult seats = Sortition("--seats=9");
  EXPECT_EQ(seats.code, 2);
  EXPECT_TRUE(absl::StrContains(seats.err, "--seats: ")) << seats.err;
  const CliResult weak = Sortition("--seats=2 --seed=short");
  EXPECT_EQ(weak.code, 2);
  EXPECT_EQ(weak.out, "");
}

TEST_F(SortitionCliTest, BadCellsAreReportedByFileLineAndColumn) {
  const std::string people = Write("people.csv", "id,gender\na,female\nb,mail\nc,female\nd,male\n");
  const CliResult run = Sortition("--seats=2");
  EXPECT_EQ(run.code, 2);
  EXPECT_TRUE(absl::StrContains(run.err, people + ":3:3: unknown value 'mail'")) << run.err;
  EXPECT_FALSE(absl::StrContains(run.err, "pool.candidates")) << run.err;

  const std::string categories =
      Write("categories.csv", "category,feature,min,max\ngender,female,one,1\ngender,male,1,1\n");
  const CliResult bound = Sortition("--seats=2");
  EXPECT_EQ(bound.code, 2);
  EXPECT_TRUE(absl::StrContains(bound.err, categories + ":2:15: not an integer")) << bound.err;
}

TEST_F(SortitionCliTest, AnUnterminatedQuoteIsReportedWhereItOpens) {
  const std::string people =
      Write("people.csv", "id,gender\na,female\nb,\"male\nc,female\nd,male\n");
  const CliResult run = Sortition("--seats=2");
  EXPECT_EQ(run.code, 2);
  EXPECT_TRUE(absl::StrContains(run.err, people + ":3:3: unterminated quote")) << run.err;
  EXPECT_FALSE(absl::StrContains(run.err, "seats must lie")) << run.err;
}

TEST_F(SortitionCliTest, AWrongCommitmentExitsThreeBeforePrintingAnything) {
  const std::string seed = "numbers drawn in plenary 2031";
  const std::string wrong = SeedCommitment("another seed of sixteen bytes");
  for (const char* mode : {"leximin", "quick"}) {
    const CliResult run = Sortition(
        absl::StrCat("--seats=2 --mode=", mode, " --seed='", seed, "' --commitment=", wrong));
    EXPECT_EQ(run.code, 3) << mode << run.err;
    EXPECT_EQ(run.out, "") << mode;
    EXPECT_TRUE(absl::StrContains(run.err, "DOES NOT match")) << mode << run.err;
    EXPECT_FALSE(absl::StrContains(run.err, "LEXIMIN:")) << mode << run.err;
  }
  const CliResult right =
      Sortition(absl::StrCat("--seats=2 --seed='", seed, "' --commitment=", SeedCommitment(seed)));
  EXPECT_EQ(right.code, 0) << right.err;
  EXPECT_TRUE(absl::StrContains(right.err, "drawn panel #")) << right.err;
  const CliResult quick = Sortition(absl::StrCat("--seats=2 --mode=quick --seed='", seed,
                                                 "' --commitment=", SeedCommitment(seed)));
  EXPECT_EQ(quick.code, 0) << quick.err;
}

TEST_F(SortitionCliTest, APassedDeadlineExitsFour) {
  const CliResult run = Sortition("--seats=2 --mode=minimal --deadline=0s");
  EXPECT_EQ(run.code, 4) << run.err;
}

TEST_F(SortitionCliTest, UniformPanelsAreWrittenAndDrawnByNumber) {
  const std::string seed = "numbers drawn in plenary 2031";
  const CliResult run = Sortition(absl::StrCat("--seats=2 --uniform_panels=9 --panels_out='", dir_,
                                               "panels.csv' --seed='", seed, "'"));
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(absl::StartsWith(run.out, "id,probability,uniform_probability\n")) << run.out;
  // Nine panels over three women and three men: each person in exactly three.
  EXPECT_TRUE(absl::StrContains(run.out, "a,0.333333333,0.333333333\n")) << run.out;
  const std::vector<std::string> lines =
      absl::StrSplit(Slurp(dir_ + "panels.csv"), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 10u);
  EXPECT_EQ(lines[0], "number,members");
  EXPECT_TRUE(absl::StartsWith(lines[1], "1,\"")) << lines[1];
  const int number = UniformPanelNumber(seed, 9);
  EXPECT_TRUE(absl::StrContains(run.err, absl::StrCat("drawn panel number ", number, " of 9")))
      << run.err;

  const CliResult too_many = Sortition("--seats=2 --uniform_panels=100001");
  EXPECT_EQ(too_many.code, 2);
  EXPECT_TRUE(absl::StrContains(too_many.err, "--uniform_panels")) << too_many.err;
  EXPECT_EQ(Sortition("--seats=2 --mode=quick --uniform_panels=10").code, 2);
}

}  // namespace
}  // namespace polylateral::composition
