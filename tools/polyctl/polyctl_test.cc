// The polyctl binary as people run it, against the real registry, accreditation and routing over
// mutual TLS with certificates from scripts/dev-ca: apply (create, update by etag, a stale etag
// refused), get, list, delete, import (a bad row reported and nothing written; a re-run creating
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
#include "common/base/clock.h"
#include "common/server/service_host.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/accreditation/api/accreditation_app.h"
#include "services/registry/api/registry_app.h"
#include "services/routing/api/routing_app.h"
#include "tests/edge/test_pki.h"
#include "tools/polyctl/csv.h"
#include "tools/polyctl/stakeholder_rows.h"

namespace polylateral::polyctl {
namespace {

// The registry, accreditation and routing as deployed (mutual TLS, each calling the others
// with its own certificate) on one real redis-server, with certificates from scripts/dev-ca:
// tests/edge/tls_suite.h without composition, which no command here calls.
class TlsServices final {
 public:
  TlsServices()
      : pki_("polyctl test CA", {"service:registry", "service:accreditation", "service:routing",
                                 "operator:ops", "secretariat:oewg-ict", "stakeholder:acme"}) {
    redis_.Start();
    server::HostOptions o = Options("registry");
    registry::ConfigureRegistryHost(o);
    registry_host_ = *server::ServiceHost::Create(o);
    registry_app_ =
        std::make_unique<registry::RegistryApp>(registry_host_.get(), SystemClock::Get());
    EXPECT_TRUE(registry_host_->Start({registry_app_->service()}).ok());

    o = Options("accreditation");
    accreditation::ConfigureAccreditationHost(o);
    accreditation_host_ = *server::ServiceHost::Create(o);
    accreditation::AppOptions ao;
    ao.registry_address = Address("registry");
    ao.run_scheduler = false;
    accreditation_app_ = std::make_unique<accreditation::AccreditationApp>(
        accreditation_host_.get(), SystemClock::Get(), ao);
    EXPECT_TRUE(accreditation_host_->Start(accreditation_app_->services()).ok());

    o = Options("routing");
    routing::ConfigureRoutingHost(o);
    routing_host_ = *server::ServiceHost::Create(o);
    routing::AppOptions ro;
    ro.registry_address = Address("registry");
    ro.accreditation_address = Address("accreditation");
    ro.consume_events = false;
    routing_app_ =
        std::make_unique<routing::RoutingApp>(routing_host_.get(), SystemClock::Get(), ro);
    EXPECT_TRUE(routing_host_->Start(routing_app_->services()).ok());
  }

  ~TlsServices() {
    for (auto* host : {routing_host_.get(), accreditation_host_.get(), registry_host_.get()}) {
      if (host != nullptr) host->Shutdown();
    }
    routing_app_.reset();
    accreditation_app_.reset();
    registry_app_.reset();
  }

  const std::string& tls_dir() const { return pki_.dir(); }

  std::string Address(const std::string& name) const {
    const server::ServiceHost* host = name == "registry"        ? registry_host_.get()
                                      : name == "accreditation" ? accreditation_host_.get()
                                                                : routing_host_.get();
    return absl::StrCat("127.0.0.1:", host->port());
  }

 private:
  server::HostOptions Options(const std::string& name) const {
    server::HostOptions o;
    o.listen = "127.0.0.1:0";
    o.health_listen = "127.0.0.1:0";
    o.redis.address = redis_.address();
    o.workers = 4;
    o.health_interval = absl::Milliseconds(50);
    o.shutdown_grace = absl::Seconds(1);
    o.tls.cert = pki_.cert("service:" + name);
    o.tls.key = pki_.key("service:" + name);
    o.tls.client_ca = pki_.ca();
    o.tls.ca = pki_.ca();
    return o;
  }

  polylateral::testing::TestPki pki_;
  polylateral::testing::RedisServer redis_;
  std::unique_ptr<server::ServiceHost> registry_host_, accreditation_host_, routing_host_;
  std::unique_ptr<registry::RegistryApp> registry_app_;
  std::unique_ptr<accreditation::AccreditationApp> accreditation_app_;
  std::unique_ptr<routing::RoutingApp> routing_app_;
};

struct CliRun {
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
  static void SetUpTestSuite() { suite_ = new TlsServices(); }
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
  CliRun Polyctl(const std::string& args, const std::string& as = "operator:ops") {
    const std::string command =
        absl::StrCat(POLYCTL_BIN, " --config=/dev/null --tls_dir='", suite_->tls_dir(),
                     "' --as=", as, " --registry=", suite_->Address("registry"),
                     " --accreditation=", suite_->Address("accreditation"),
                     " --routing=", suite_->Address("routing"), " ", args, " >'", dir_, "out' 2>'",
                     dir_, "err' </dev/null");
    const int status = std::system(command.c_str());
    CliRun run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Slurp(dir_ + "out");
    run.err = Slurp(dir_ + "err");
    return run;
  }

  static TlsServices* suite_;
  std::string dir_;
};

TlsServices* PolyctlTest::suite_ = nullptr;

TEST_F(PolyctlTest, ApplyCreatesThenUpdatesByEtagAndDeleteRemoves) {
  const std::string yaml = Write("org.yaml",
                                 "name: stakeholders/apply-org\n"
                                 "kind: ORGANISATION\n"
                                 "displayName: \"Apply: First Name\"\n"
                                 "stakeholderGroup: CIVIL_SOCIETY\n"
                                 "country: FR\n"
                                 "languages: [fr, en]\n");
  CliRun r = Polyctl("apply -f " + yaml);
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
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "NOT_FOUND")) << r.err;
}

TEST_F(PolyctlTest, ImportWithABadRowNamesRowAndColumnAndWritesNothing) {
  const std::string csv = Write("bad.csv",
                                "id,kind,display_name,stakeholder_group,country\n"
                                "bad-one,ORGANISATION,Bad One,ACADEMIA,DE\n"
                                "bad-two,ORGANISATION,Bad Two,ACADEMIA,XX\n");
  CliRun r = Polyctl("import " + csv);
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
  CliRun r = Polyctl("import " + path);
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
  CliRun r = Polyctl("apply -f " + Write("setup.json", nlohmann::json({process, acme}).dump()));
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
  CliRun r = Polyctl("get stakeholders/x", "operator:nobody");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "operator-nobody.crt")) << r.err;
}

}  // namespace
}  // namespace polylateral::polyctl
