// The polyctl binary as people run it, against the four real services over mutual TLS with
// certificates from scripts/dev-ca: apply (create, update by etag, a stale etag refused),
// get, list, delete, import (a bad row reported and nothing written; a re-run creating
// nothing), export and re-import, an accreditation action, and an inbox pulled and
// acknowledged.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/edge/tls_suite.h"
#include "tools/polyctl/csv.h"
#include "tools/polyctl/stakeholder_rows.h"

namespace polylateral::polyctl {
namespace {

using ::polylateral::testing::TlsSuite;

struct Run {
  int code = -1;
  std::string out;
  std::string err;
  nlohmann::json json() const { return nlohmann::json::parse(out, nullptr, false); }
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class PolyctlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { suite_ = new TlsSuite(); }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  void SetUp() override {
    dir_ = absl::StrCat(::testing::TempDir(), "polyctl_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name(), "/");
    ASSERT_EQ(std::system(("mkdir -p '" + dir_ + "'").c_str()), 0);
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + name, std::ios::binary) << text;
    return dir_ + name;
  }

  // polyctl with the suite's addresses and certificates, as `as`.
  Run Polyctl(const std::string& args, const std::string& as = "operator:ops") {
    const std::string command =
        absl::StrCat(POLYCTL_BIN, " --config=/dev/null --tls_dir='", suite_->pki().dir(),
                     "' --as=", as, " --registry=", suite_->Address("registry"),
                     " --accreditation=", suite_->Address("accreditation"),
                     " --composition=", suite_->Address("composition"),
                     " --routing=", suite_->Address("routing"), " ", args, " >'", dir_, "out' 2>'",
                     dir_, "err' </dev/null");
    const int status = std::system(command.c_str());
    Run run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Slurp(dir_ + "out");
    run.err = Slurp(dir_ + "err");
    return run;
  }

  static TlsSuite* suite_;
  std::string dir_;
};

TlsSuite* PolyctlTest::suite_ = nullptr;

TEST_F(PolyctlTest, ApplyCreatesThenUpdatesByEtagAndDeleteRemoves) {
  const std::string yaml = Write("org.yaml",
                                 "name: stakeholders/apply-org\n"
                                 "kind: ORGANISATION\n"
                                 "displayName: \"Apply: First Name\"\n"
                                 "stakeholderGroup: CIVIL_SOCIETY\n"
                                 "country: FR\n"
                                 "languages: [fr, en]\n");
  Run r = Polyctl("apply -f " + yaml);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "created stakeholders/apply-org\n");

  r = Polyctl("get stakeholders/apply-org -o json");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string first_etag = r.json()["etag"];
  EXPECT_EQ(r.json()["displayName"], "Apply: First Name");

  nlohmann::json changed = r.json();
  changed["displayName"] = "Apply Second Name";
  r = Polyctl("apply -f " + Write("org.json", changed.dump()));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "updated stakeholders/apply-org\n");
  r = Polyctl("get stakeholder apply-org");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "Apply Second Name")) << r.out;
  EXPECT_TRUE(absl::StartsWith(r.out, "NAME")) << r.out;

  // The file still carries the first etag: the update is refused, nothing changes.
  changed["displayName"] = "Apply Third Name";
  r = Polyctl("apply -f " + Write("stale.json", changed.dump()));
  EXPECT_EQ(r.code, 5) << r.out << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "ABORTED")) << r.err;
  r = Polyctl("list stakeholders country=FR name_prefix=apply -o json");
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(r.json()["stakeholders"].size(), 1u) << r.out;
  EXPECT_EQ(r.json()["stakeholders"][0]["displayName"], "Apply Second Name");

  r = Polyctl("delete stakeholders/apply-org --etag=" + first_etag);
  EXPECT_EQ(r.code, 5) << r.err;
  r = Polyctl("delete stakeholders/apply-org");
  ASSERT_EQ(r.code, 0) << r.err;
  r = Polyctl("get stakeholders/apply-org");
  EXPECT_EQ(r.code, 4);
  EXPECT_TRUE(absl::StrContains(r.err, "NOT_FOUND")) << r.err;
}

TEST_F(PolyctlTest, ImportWithABadRowNamesRowAndColumnAndWritesNothing) {
  const std::string csv = Write("bad.csv",
                                "id,kind,display_name,stakeholder_group,country\n"
                                "bad-one,ORGANISATION,Bad One,ACADEMIA,DE\n"
                                "bad-two,ORGANISATION,Bad Two,ACADEMIA,XX\n");
  Run r = Polyctl("import " + csv);
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "row 3, column country:")) << r.err;
  EXPECT_EQ(Polyctl("get stakeholders/bad-one").code, 4);

  // A refusal by the service (not the file) names the row too: an unknown affiliation.
  r = Polyctl("import " + Write("ref.csv",
                                "id,kind,display_name,stakeholder_group,country,affiliations\n"
                                "ref-exp,INDIVIDUAL_EXPERT,Ref Expert,ACADEMIA,DE,no-such-org\n"));
  EXPECT_EQ(r.code, 8) << r.out << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "row 2 (ref-exp): ")) << r.err;
}

// 40 rows where experts name organisations and a network names members further down the
// file: imported once, a re-run creates nothing, and what export writes imports as the same.
TEST_F(PolyctlTest, ImportIsIdempotentAndRoundTripsThroughExport) {
  std::string csv =
      "id,kind,display_name,stakeholder_group,country,themes,affiliations,network_members,"
      "languages,developing_country,contact_email\n";
  absl::StrAppend(&csv, "ke-net,NETWORK,\"Kenya Network, Joint\",CIVIL_SOCIETY,KE,cybersecurity,,",
                  "ke-org-1;ke-exp-1,en;sw,true,\n");
  for (int i = 1; i <= 34; ++i) {
    absl::StrAppendFormat(&csv,
                          "ke-exp-%d,INDIVIDUAL_EXPERT,Expert %d,ACADEMIA,KE,,ke-org-%d,,en,"
                          "true,e%d@example.org\n",
                          i, i, i % 5 + 1, i);
  }
  for (int i = 1; i <= 5; ++i) {
    absl::StrAppendFormat(&csv, "ke-org-%d,ORGANISATION,Org %d,PRIVATE_SECTOR,KE,,,,,false,\n", i,
                          i);
  }
  const std::string path = Write("ke.csv", csv);
  Run r = Polyctl("import " + path);
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(absl::StartsWith(r.out, "40 rows: 40 created, 0 existing, 0 failed")) << r.out;
  r = Polyctl("import " + path + " -o json");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.json()["created"], 0) << r.out;
  EXPECT_EQ(r.json()["existing"], 40) << r.out;

  const std::string exported = dir_ + "export.csv";
  r = Polyctl("export stakeholders country=KE --format=csv --out=" + exported);
  ASSERT_EQ(r.code, 0) << r.err;
  // Same rows, field for field, whatever the order.
  auto by_id = [](const StakeholderFile& f) {
    std::map<std::string, std::string> out;
    for (const auto& row : f.rows) out[row.id] = row.stakeholder.SerializeAsString();
    return out;
  };
  const StakeholderFile original = ReadStakeholderCsv(csv);
  const StakeholderFile back = ReadStakeholderCsv(Slurp(exported));
  ASSERT_TRUE(back.problems.empty()) << back.problems[0].reason;
  EXPECT_EQ(by_id(back), by_id(original));
  r = Polyctl("import " + exported);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(absl::StartsWith(r.out, "40 rows: 0 created, 40 existing")) << r.out;

  r = Polyctl("export stakeholders country=KE --format=json --out=" + dir_ + "export.json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(by_id(ReadStakeholderJson(Slurp(dir_ + "export.json"))), by_id(original));
  r = Polyctl("import " + dir_ + "export.json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(absl::StartsWith(r.out, "40 rows: 0 created, 40 existing")) << r.out;
}

// A process whose secretariat is a suite principal; stakeholder acme (ECOSOC general status)
// accredited by submitting its application, its written input pulled from the plenary's
// inbox and acknowledged, then the accreditation suspended.
TEST_F(PolyctlTest, AccreditationActionsAndInbox) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
  auto date = [](absl::CivilDay d) {
    return nlohmann::json{{"year", d.year()}, {"month", d.month()}, {"day", d.day()}};
  };
  const nlohmann::json process = {{"name", "processes/oewg-ict"},
                                  {"displayName", "Open-ended working group on ICT"},
                                  {"hostInstitution", "UN General Assembly"},
                                  {"themes", {"themes/cybersecurity"}},
                                  {"modalities",
                                   {{"disclosurePolicy", "PUBLIC"},
                                    {"routes",
                                     {{{"routeId", "ecosoc-general"},
                                       {"kind", "INHERITED_STATUS"},
                                       {"grantedRights", {"ATTEND_PLENARY", "WRITTEN_INPUT"}},
                                       {"qualifyingEcosocStatuses", {"GENERAL"}}}}}}},
                                  {"sessions",
                                   {{{"sessionId", "s1"},
                                     {"displayName", "First session"},
                                     {"startDate", date(today - 1)},
                                     {"endDate", date(today + 60)},
                                     {"writtenInputOpens", date(today - 1)},
                                     {"writtenInputCloses", date(today + 60)},
                                     {"statesPresent", 150}}}}};
  const nlohmann::json acme = {{"name", "stakeholders/acme"},
                               {"kind", "ORGANISATION"},
                               {"displayName", "Acme Security"},
                               {"stakeholderGroup", "PRIVATE_SECTOR"},
                               {"country", "BR"},
                               {"ecosocStatus", "GENERAL"},
                               {"themes", {"themes/cybersecurity"}}};
  Run r = Polyctl("apply -f " + Write("setup.json", nlohmann::json({process, acme}).dump()));
  ASSERT_EQ(r.code, 0) << r.err;

  r = Polyctl(
      "call accreditation CreateApplication '" +
          nlohmann::json({{"parent", "processes/oewg-ict"},
                          {"application",
                           {{"stakeholder", "stakeholders/acme"}, {"routeId", "ecosoc-general"}}}})
              .dump() +
          "'",
      "stakeholder:acme");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string application = r.json()["name"];
  r = Polyctl("submit " + application + " -o json", "stakeholder:acme");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.json()["state"], "APPROVED") << r.out;

  const nlohmann::json input = {
      {"input",
       {{"kind", "WRITTEN_SUBMISSION"},
        {"author", "stakeholders/acme"},
        {"title", "Protecting critical infrastructure"},
        {"themes", {"themes/cybersecurity"}},
        {"language", "en"},
        {"target", {{"kind", "PROCESS"}, {"process", "processes/oewg-ict"}}},
        {"text", "States should not damage critical infrastructure."}}}};
  r = Polyctl("call routing SubmitInput '" + input.dump() + "'", "stakeholder:acme");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string input_name = r.json()["name"];

  const std::string inbox = "processes/oewg-ict/plenary";
  r = Polyctl("inbox pull " + inbox + " max_deliveries=5 -o json", "secretariat:oewg-ict");
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(r.json()["deliveries"].size(), 1u) << r.out;
  EXPECT_EQ(r.json()["deliveries"][0]["input"]["name"], input_name);
  const std::string delivery = r.json()["deliveries"][0]["deliveryId"];
  r = Polyctl("inbox ack " + inbox + " " + delivery + " -o json", "secretariat:oewg-ict");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.json()["acknowledgedCount"], 1) << r.out;
  r = Polyctl("inbox ack " + inbox + " " + delivery + " -o json", "secretariat:oewg-ict");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.json().value("acknowledgedCount", 0), 0) << r.out;

  // Only the secretariat suspends: the stakeholder itself is refused.
  const std::string accreditation = "processes/oewg-ict/accreditations/acme";
  r = Polyctl("suspend " + accreditation + " reason=review", "stakeholder:acme");
  EXPECT_EQ(r.code, 6) << r.out << r.err;
  r = Polyctl("suspend " + accreditation + " 'reason=Under review' -o json",
              "secretariat:oewg-ict");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.json()["status"], "SUSPENDED") << r.out;
  r = Polyctl("get " + accreditation + " --columns=name,status");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "SUSPENDED")) << r.out;
}

TEST_F(PolyctlTest, UsageAndUnknownCertificate) {
  EXPECT_EQ(Polyctl("frobnicate").code, 2);
  EXPECT_EQ(Polyctl("get nothing/x").code, 2);
  Run r = Polyctl("get stakeholders/x", "operator:nobody");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "operator-nobody.crt")) << r.err;
}

}  // namespace
}  // namespace polylateral::polyctl
