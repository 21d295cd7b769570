// polyctl's file formats and tables, without a server: CSV, stakeholder rows and their checks,
// the import order, request ids, resource names, configuration and FIELD=VALUE words.
#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tools/polyctl/cli.h"
#include "tools/polyctl/config_file.h"
#include "tools/polyctl/csv.h"
#include "tools/polyctl/output.h"
#include "tools/polyctl/resource_kinds.h"
#include "tools/polyctl/stakeholder_import.h"
#include "tools/polyctl/stakeholder_rows.h"

namespace polylateral::polyctl {
namespace {

constexpr char kHeader[] = "id,kind,display_name,stakeholder_group,country,themes,affiliations\n";

TEST(Csv, QuotesLineBreaksAndByteOrderMark) {
  auto records = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\n\nlast,\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"x, \"y\"", "two\nlines"}));
  EXPECT_EQ((*records)[2].fields, (std::vector<std::string>{"last", ""}));
  EXPECT_EQ((*records)[2].line, 5);
  EXPECT_FALSE(ParseCsv("a,\"open\n").ok());
  EXPECT_EQ(CsvLine({"plain", "a,b", "q\"q"}), "plain,\"a,b\",\"q\"\"q\"\r\n");
}

TEST(StakeholderRows, EveryBadCellIsNamedByRowAndColumn) {
  const StakeholderFile file =
      ReadStakeholderCsv(std::string(kHeader) +
                         "acme,ORGANISATION,Acme,PRIVATE_SECTOR,FR,,\n"
                         "bad id,ORGANISATION,B,CIVIL_SOCIETY,ZZ,,\n"
                         "exp,individual_expert,E,ACADEMIA,BR,nothing,acme\n"
                         "acme,NETWORK,Acme,PRIVATE_SECTOR,FR,,\n");
  std::vector<std::string> seen;
  for (const RowProblem& p : file.problems) {
    seen.push_back(absl::StrCat(p.row, ":", p.column));
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{"3:id", "3:country", "4:themes", "5:id", "5:display_name"}));
  EXPECT_EQ(file.rows.size(), 4u);
}

TEST(StakeholderRows, ALanguageListedTwiceIsNamedBeforeAnyWrite) {
  const StakeholderFile file = ReadStakeholderCsv(
      "id,kind,display_name,stakeholder_group,country,languages\n"
      "a,ORGANISATION,A,ACADEMIA,FR,en;fr\n"
      "b,ORGANISATION,B,ACADEMIA,FR,en;en\n");
  ASSERT_EQ(file.problems.size(), 1u);
  EXPECT_EQ(file.problems[0].row, 3);
  EXPECT_EQ(file.problems[0].column, "languages");
}

TEST(StakeholderRows, UnknownEnumValueAndMissingColumn) {
  StakeholderFile file =
      ReadStakeholderCsv(std::string(kHeader) + "a,COMPANY,A,PRIVATE_SECTOR,FR,,\n");
  ASSERT_EQ(file.problems.size(), 1u);
  EXPECT_EQ(file.problems[0].column, "kind");
  file = ReadStakeholderCsv("id,kind,display_name\n");
  ASSERT_FALSE(file.problems.empty());
  EXPECT_EQ(file.problems[0].reason, "required column missing");
}

TEST(StakeholderRows, CsvFieldsReadBackTheSame) {
  registry::v1::Stakeholder s;
  s.set_name("stakeholders/net-1");
  s.set_kind(registry::v1::Stakeholder::NETWORK);
  s.set_display_name("A, \"quoted\" network");
  s.set_stakeholder_group(type::v1::CIVIL_SOCIETY);
  s.set_country("KE");
  s.set_ecosoc_status(registry::v1::Stakeholder::SPECIAL);
  s.add_network_members("stakeholders/a");
  s.add_network_members("stakeholders/b");
  s.add_languages("en");
  s.add_languages("sw");
  s.set_developing_country(true);
  s.set_website("https://example.org");
  const std::string text = CsvLine(StakeholderColumns()) + CsvLine(StakeholderCsvFields(s));
  const StakeholderFile file = ReadStakeholderCsv(text);
  ASSERT_TRUE(file.problems.empty()) << file.problems[0].reason;
  ASSERT_EQ(file.rows.size(), 1u);
  EXPECT_EQ(file.rows[0].id, "net-1");
  registry::v1::Stakeholder back = file.rows[0].stakeholder;
  back.set_name(s.name());
  EXPECT_EQ(back.SerializeAsString(), s.SerializeAsString());
}

TEST(StakeholderImport, RowsNamedInTheFileComeInEarlierWaves) {
  const StakeholderFile file = ReadStakeholderCsv(
      "id,kind,display_name,stakeholder_group,country,affiliations,network_members\n"
      "net,NETWORK,N,CIVIL_SOCIETY,FR,,exp;org\n"
      "exp,INDIVIDUAL_EXPERT,E,ACADEMIA,FR,org,\n"
      "org,ORGANISATION,O,ACADEMIA,FR,,\n");
  ASSERT_TRUE(file.problems.empty());
  std::vector<RowProblem> problems;
  const auto waves = ImportWaves(file.rows, &problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(waves.size(), 3u);
  EXPECT_EQ(waves[0], std::vector<size_t>{2});
  EXPECT_EQ(waves[1], std::vector<size_t>{1});
  EXPECT_EQ(waves[2], std::vector<size_t>{0});
}

TEST(StakeholderImport, RequestIdFollowsIdAndContent) {
  StakeholderRow row;
  row.id = "acme";
  row.stakeholder.set_display_name("Acme");
  const std::string first = RowRequestId(row);
  EXPECT_EQ(first, RowRequestId(row));
  EXPECT_LE(first.size(), 64u);
  EXPECT_EQ(
      first.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"),
      std::string::npos);
  row.stakeholder.set_display_name("Acme Ltd");
  EXPECT_NE(first, RowRequestId(row));
}

TEST(ResourceKinds, NamesFindTheirKindParentAndId) {
  ParsedName p = ParseResourceName("processes/oewg/applications/a1");
  ASSERT_NE(p.kind, nullptr);
  EXPECT_EQ(p.kind->kind, "applications");
  EXPECT_EQ(p.parent, "processes/oewg");
  EXPECT_EQ(p.id, "a1");
  p = ParseResourceName("stakeholders/acme");
  ASSERT_NE(p.kind, nullptr);
  EXPECT_EQ(p.kind->service, "registry");
  EXPECT_EQ(ParseResourceName("stakeholders/").kind, nullptr);
  EXPECT_EQ(ParseResourceName("nothing/x").kind, nullptr);
  EXPECT_EQ(FindKind("Process")->kind, "processes");
  EXPECT_EQ(FindKind("body")->kind, "bodies");
  EXPECT_TRUE(ParentFits(*FindKind("applications"), "processes/p"));
  EXPECT_FALSE(ParentFits(*FindKind("applications"), "stakeholders/p/x"));
}

TEST(Config, KeyValueLinesAndJson) {
  auto c = ParseConfig("# polyctl\nas: stakeholder:demo-ngo  # me\nregistry: \"10.0.0.1:50051\"\n");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)["as"], "stakeholder:demo-ngo");
  EXPECT_EQ((*c)["registry"], "10.0.0.1:50051");
  c = ParseConfig(R"({"plaintext": true, "as": "operator:ops"})");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)["plaintext"], "true");
  EXPECT_FALSE(ParseConfig("no colon here\n").ok());
}

TEST(RequestWords, ValuesTypedByTheRequestField) {
  auto r = RequestFromWords("/polylateral.accreditation.v1.AccreditationService/ReviewApplication",
                            {"decision=defer", "questions=why?", "questions=who?"},
                            {{"name", "processes/p/applications/a"}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["decision"], "DEFER");
  EXPECT_EQ((*r)["questions"].size(), 2u);
  r = RequestFromWords("/polylateral.routing.v1.RoutingService/PullInbox", {"max_deliveries=5"},
                       {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["maxDeliveries"], 5);
  EXPECT_FALSE(RequestFromWords("/polylateral.routing.v1.RoutingService/PullInbox",
                                {"max_deliveries=many"}, {})
                   .ok());
  EXPECT_FALSE(
      RequestFromWords("/polylateral.routing.v1.RoutingService/PullInbox", {"nofield=1"}, {}).ok());
}

TEST(Output, TableColumnsByJsonPath) {
  const nlohmann::json item = {{"name", "x"}, {"displayName", "Ünï"}, {"themes", {"a", "b"}}};
  EXPECT_EQ(Cell(item, "display_name"), "Ünï");
  EXPECT_EQ(Cell(item, "themes"), "a,b");
  EXPECT_EQ(Cell(item, "missing.path"), "");
  EXPECT_EQ(FormatTable({item}, {"name", "displayName"}), "NAME  DISPLAYNAME\nx     Ünï\n");
}

}  // namespace
}  // namespace polylateral::polyctl
