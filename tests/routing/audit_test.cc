// Routing's audit entries over the real API: a route, a re-route and an uptake mark each
// append their entry in the script that makes the change; a refused or replayed call appends
// nothing; the service's sealer seals them into a chain that verifies.
#include "common/audit/chain_verifier.h"
#include "common/audit_store/audit_keys.h"
#include "common/audit_store/redis_audit_log.h"
#include "gmock/gmock.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";
constexpr char kPlenary[] = "processes/global-mechanism/plenary";

class RoutingAuditTest : public RoutingTest {
 protected:
  void SetUp() override {
    RoutingTest::SetUp();
    admin_ = std::make_unique<redis::RedisClient>(redis_->Options("admin"), nullptr);
    log_ = std::make_unique<audit::RedisAuditLog>(admin_.get(), "{rt}");
  }

  std::vector<audit::SealedEntry> Entries() {
    auto entries = log_->Read(1, 1000);
    EXPECT_TRUE(entries.ok()) << entries.status();
    return entries.ok() ? *entries : std::vector<audit::SealedEntry>{};
  }

  static std::string Field(const audit::AuditEntry& e, const std::string& name) {
    for (const auto& f : e.fields) {
      if (f.name == name) return f.value;
    }
    return "<absent>";
  }

  // Waits (bounded) until the service's sealer has sealed every entry.
  void WaitSealed() {
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    while (absl::Now() < give_up) {
      auto sealed = log_->Sealed();
      auto length = log_->Length();
      if (sealed.ok() && length.ok() && sealed->count == *length) return;
      absl::SleepFor(absl::Milliseconds(10));
    }
    FAIL() << "the audit log was not sealed in time";
  }

  std::unique_ptr<redis::RedisClient> admin_;
  std::unique_ptr<audit::RedisAuditLog> log_;
};

TEST_F(RoutingAuditTest, ASubmissionAppendsItsRouteEntry) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  const size_t before = Entries().size();
  rt::Input out;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"critical-infrastructure-protection"}), &out).ok());
  std::vector<audit::SealedEntry> entries = Entries();
  ASSERT_EQ(entries.size(), before + 1);
  const audit::AuditEntry& e = entries.back().entry;
  EXPECT_EQ(e.seq, before + 1);
  EXPECT_EQ(e.action, "routing.route");
  EXPECT_EQ(e.resource, out.name());
  EXPECT_EQ(e.principal, "stakeholder:" + acme);
  EXPECT_EQ(Field(e, "author"), acme);
  EXPECT_EQ(Field(e, "destinations"), "processes/global-mechanism/groups/cip");
  EXPECT_EQ(e.time_ms, absl::ToUnixMillis(clock_.Now()));
}

TEST_F(RoutingAuditTest, RefusedAndReplayedSubmissionsAppendNothing) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input in = Written(acme, kGm, {"cybersecurity"});
  rt::SubmitInputRequest req;
  *req.mutable_input() = in;
  req.set_request_id("audit-once");
  rt::Input out;
  auto ctx = Ctx("stakeholder:" + acme);
  ASSERT_TRUE(routing_->SubmitInput(ctx.get(), req, &out).ok());
  const size_t after_first = Entries().size();
  ctx = Ctx("stakeholder:" + acme);
  ASSERT_TRUE(routing_->SubmitInput(ctx.get(), req, &out).ok());  // a replay
  EXPECT_EQ(Entries().size(), after_first);
  // Another stakeholder submitting for acme is refused: no entry.
  const std::string other = Accredited("Other Org", kGm);
  EXPECT_FALSE(SubmitInput(in, &out, "stakeholder:" + other).ok());
  // A bad input is refused: no entry.
  rt::Input bad = in;
  bad.set_title("");
  bad.set_text("");
  EXPECT_FALSE(SubmitInput(bad, &out).ok());
  EXPECT_EQ(Entries().size(), after_first);
}

TEST_F(RoutingAuditTest, AReRouteAndAnUptakeMarkAppendTheirEntriesAndAllIsSealed) {
  GlobalMechanism(kGm);
  const std::string acme =
      Stakeholder("Acme Security", reg::Stakeholder::GENERAL, "BR", type::v1::PRIVATE_SECTOR);
  rt::Input in;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &in).ok());
  ASSERT_EQ(in.routes(0).destination(), "clearing-house");
  acc::Application a = Apply(kGm, acme, "ecosoc-general");
  ASSERT_EQ(AccreditationTest::Submit(a.name(), "stakeholder:" + acme).state(),
            acc::Application::APPROVED);
  int handled = 0;
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (handled == 0 && absl::Now() < give_up) {
    auto n = routing_app_->events().Poll(absl::Milliseconds(100));
    ASSERT_TRUE(n.ok()) << n.status();
    handled += *n;
  }
  std::vector<audit::SealedEntry> entries = Entries();
  ASSERT_FALSE(entries.empty());
  const audit::AuditEntry& re = entries.back().entry;
  EXPECT_EQ(re.action, "routing.reroute");
  EXPECT_EQ(re.resource, in.name());
  EXPECT_EQ(re.principal, "service:routing");
  EXPECT_EQ(Field(re, "withdrawn"), "clearing-house");
  EXPECT_EQ(Field(re, "added"), kPlenary);
  EXPECT_THAT(Field(re, "cause"), HasSubstr("approved"));

  // Uptake is recorded in the processes an input was first routed into: a second input.
  const std::string member = Accredited("Member Org", kGm);
  rt::Input in2;
  ASSERT_TRUE(SubmitInput(Written(member, kGm, {"cybersecurity"}), &in2).ok());
  rt::RegisterOutcomeRequest oreq;
  oreq.set_outcome_id("final-report");
  auto* o = oreq.mutable_outcome();
  o->set_process("processes/global-mechanism");
  o->set_session("s1");
  o->set_stage(rt::OutcomeDocument::FINAL);
  o->set_title("Final report");
  auto* p = o->add_paragraphs();
  p->set_paragraph_id("op-1");
  p->set_text("The group welcomed the participation of stakeholders.");
  rt::OutcomeDocument doc;
  auto ctx = Ctx(kSecretariat);
  ASSERT_TRUE(routing_->RegisterOutcome(ctx.get(), oreq, &doc).ok());
  rt::RecordUptakeRequest ureq;
  ureq.mutable_uptake()->set_input(in2.name());
  ureq.mutable_uptake()->set_outcome("outcomes/final-report");
  ureq.mutable_uptake()->set_status(rt::NOT_REFLECTED);
  ureq.mutable_uptake()->set_reason("Outside the mandate.");
  rt::RecordUptakeResponse uresp;
  ctx = Ctx(kSecretariat);
  grpc::Status st = routing_->RecordUptake(ctx.get(), ureq, &uresp);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  entries = Entries();
  const audit::AuditEntry& up = entries.back().entry;
  EXPECT_EQ(up.action, "routing.uptake");
  EXPECT_EQ(up.resource, in2.name());
  EXPECT_EQ(up.principal, kSecretariat);
  EXPECT_EQ(Field(up, "process"), kGm);
  EXPECT_EQ(Field(up, "outcome"), "final-report");
  EXPECT_EQ(Field(up, "status"), "NOT_REFLECTED");

  // The service's sealer chains them; the chain verifies from the first entry.
  WaitSealed();
  entries = Entries();
  audit::SignedHead head{"{rt}", entries.size(), entries.back().hash, 0, "", ""};
  audit::ChainVerifier chain(head);
  for (const auto& e : entries) ASSERT_TRUE(chain.Add(e.entry, e.hash)) << chain.failure().reason;
  EXPECT_TRUE(chain.Finish());
}

}  // namespace
}  // namespace polylateral::routing::testing
