#include "services/composition/solver/pool_csv.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/composition/solver/test_data.h"
#include "services/composition/solver/validation.h"

namespace polylateral::composition {
namespace {

using testing::LoadFoundation;
using testing::LoadReplication;

TEST(ParseCsvTest, QuotesCrlfAndNoFinalNewline) {
  const auto rows = ParseCsv(
      "\xEF\xBB\xBF"
      "a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,2,3");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "3"}));
}

TEST(PoolCsvTest, ReadsTheReplicationFormat) {
  const CsvProblem p = LoadReplication("example_small_20", 20);
  ASSERT_EQ(p.pool.candidates.size(), 200u);
  ASSERT_EQ(p.spec.features.size(), 2u);
  EXPECT_EQ(p.spec.features[0].name, "gender");
  EXPECT_EQ(p.spec.features[0].values[0].value, "female");
  EXPECT_EQ(p.spec.features[0].values[0].min, 9);
  EXPECT_EQ(p.spec.features[0].values[0].max, 20);
  EXPECT_EQ(p.pool.candidates[0].id, "0");
  EXPECT_EQ(p.pool.candidates[0].values.at("leaning"), std::vector<std::string>{"conservative"});
  EXPECT_TRUE(ValidateProblem(p.pool, p.spec).ok());
}

TEST(PoolCsvTest, ReadsTheFoundationFormatWithFlexAndAnyCase) {
  const CsvProblem p = LoadFoundation();
  ASSERT_EQ(p.pool.candidates.size(), 150u);
  ASSERT_EQ(p.spec.features.size(), 4u);
  size_t values = 0;
  for (const Feature& f : p.spec.features) values += f.values.size();
  EXPECT_EQ(values, 20u);
  EXPECT_EQ(p.spec.features[0].values[0].value, "Female");
  EXPECT_EQ(p.spec.features[0].values[0].max_flex, 12);
  EXPECT_EQ(p.pool.candidates[0].id, "p0");
  EXPECT_TRUE(ValidateProblem(p.pool, p.spec).ok()) << ValidateProblem(p.pool, p.spec);
  // The lower-case copy resolves to the same canonical values.
  const CsvProblem lower = LoadFoundation("candidates_lower.csv");
  ASSERT_EQ(lower.pool.candidates.size(), 150u);
  for (size_t i = 0; i < 150; ++i) {
    EXPECT_EQ(lower.pool.candidates[i].values, p.pool.candidates[i].values) << i;
  }
}

TEST(PoolCsvTest, BadNumbersAndUnknownValuesNameTheField) {
  auto bad = ReadSortitionCsv("category,feature,min,max\ng,f,x,2\n", "g\nf\n", testing::Seats(1));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  // FILE:LINE:COLUMN of the cell: line 2, the fifth byte.
  EXPECT_EQ(ErrorViolations(bad.status()).at(0).field, "categories.csv:2:5");
  auto unknown = ReadSortitionCsv("category,feature,min,max\ng,f,0,2\n", "id,g\np1,f\np2,m\n",
                                  testing::Seats(1));
  ASSERT_TRUE(unknown.ok());
  const absl::Status s = ValidateProblem(unknown->pool, unknown->spec);
  EXPECT_EQ(ErrorViolations(s).at(0).field, "pool.candidates[1].values[g]");
  // The solver's path, located in the people file: the second person's g cell.
  EXPECT_EQ(LocateField(unknown->source, ErrorViolations(s).at(0).field), "people.csv:3:4");
  EXPECT_EQ(LocateField(unknown->source, "spec.features[0].values[0].max"), "categories.csv:2:7");
  EXPECT_EQ(LocateField(unknown->source, "spec.min_seats"), "");
}

TEST(PoolCsvTest, AnUnterminatedQuoteIsReportedWhereItOpens) {
  CsvOptions options = testing::Seats(1);
  options.people_name = "pool.csv";
  auto bad = ReadSortitionCsv("category,feature,min,max\ng,f,0,2\ng,m,0,2\n",
                              "id,g\np1,f\np2,\"m\np3,f\np4,m\n", options);
  ASSERT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorViolations(bad.status()).at(0).field, "pool.csv:3:4");
  EXPECT_NE(ErrorViolations(bad.status()).at(0).description.find("unterminated quote"),
            std::string::npos);
  // A quoted cell spanning lines moves the lines after it.
  auto table = ParseCsvTable("a,\"b\nc\",d\ne,f\n", "t.csv");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->positions[0][2].line, 2);
  EXPECT_EQ(table->positions[0][2].column, 4);
  EXPECT_EQ(table->positions[1][1].line, 3);
  EXPECT_EQ(table->positions[1][1].column, 3);
}

}  // namespace
}  // namespace polylateral::composition
