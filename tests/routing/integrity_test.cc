// Routing's integrity rules against the real services: no accepted input is left without a
// route (the clearing house holds what nobody else takes, with the exclusions recorded, also
// after a block or a revocation), inboxes of destinations that do not exist are never created,
// and outcomes and uptake records refer only to sessions and paragraphs that exist.
#include "gmock/gmock.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";
constexpr char kCip[] = "processes/global-mechanism/groups/cip";

std::vector<std::string> Codes(const rt::Input& in) {
  std::vector<std::string> out;
  for (const auto& e : in.exclusions()) out.push_back(e.code());
  return out;
}

class IntegrityTest : public RoutingTest {
 protected:
  rt::Input Get(const std::string& name) {
    rt::GetInputRequest req;
    req.set_name(name);
    rt::Input out;
    auto ctx = Ctx();
    grpc::Status st = routing_->GetInput(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  // Polls the accreditation events until one was handled (bounded).
  void HandleEvents() {
    int handled = 0;
    const absl::Time give_up = absl::Now() + absl::Seconds(5);
    while (handled == 0 && absl::Now() < give_up) {
      auto n = routing_app_->events().Poll(absl::Milliseconds(100));
      ASSERT_TRUE(n.ok()) << n.status();
      handled += *n;
    }
    ASSERT_GT(handled, 0);
  }

  bool RedisHas(const std::string& key) {
    auto r = routing_host_->redis().Command({"EXISTS", key});
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() && r->integer() == 1;
  }

  grpc::Status Register(const std::string& session, const std::vector<std::string>& ids) {
    rt::RegisterOutcomeRequest req;
    req.set_outcome_id("final-report");
    auto* o = req.mutable_outcome();
    o->set_process("processes/global-mechanism");
    o->set_session(session);
    o->set_stage(rt::OutcomeDocument::FINAL);
    o->set_title("Final report");
    for (const auto& id : ids) {
      auto* p = o->add_paragraphs();
      p->set_paragraph_id(id);
      p->set_text("States should not conduct ICT activity that damages critical infrastructure.");
    }
    rt::OutcomeDocument doc;
    auto ctx = Ctx(kSecretariat);
    return routing_->RegisterOutcome(ctx.get(), req, &doc);
  }
};

TEST_F(IntegrityTest, AnAuthorInNoticeThenBlockedIsHeldByTheClearingHouseWithTheBlockRecorded) {
  GlobalMechanism(kGm);
  // Brazil runs no consultation and no state relays: the channel is the only track.
  const std::string acme =
      Stakeholder("Acme Security", reg::Stakeholder::NO_STATUS, "BR", type::v1::PRIVATE_SECTOR);
  acc::Application app = Apply(kGm, acme, "non-objection");
  app = AccreditationTest::Submit(app.name(), "stakeholder:" + acme);
  ASSERT_EQ(app.state(), acc::Application::IN_NOTICE);

  const rt::Input input = Written(acme, kGm, {"critical-infrastructure-protection"});
  rt::PreviewRouteRequest preq;
  *preq.mutable_input() = input;
  rt::PreviewRouteResponse preview;
  auto ctx = Ctx();
  ASSERT_TRUE(routing_->PreviewRoute(ctx.get(), preq, &preview).ok());
  ASSERT_EQ(preview.routes_size(), 1);
  EXPECT_EQ(preview.routes(0).kind(), rt::CLEARING_HOUSE);

  rt::Input during;
  grpc::Status st = SubmitInput(input, &during);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  ASSERT_EQ(during.routes_size(), 1) << during.DebugString();
  EXPECT_EQ(during.routes(0).kind(), rt::CLEARING_HOUSE);
  EXPECT_EQ(during.routes(0).destination(), "clearing-house");
  EXPECT_THAT(Codes(during), Contains("NOT_ACCREDITED"));

  ASSERT_TRUE(Object(app.name(), "CU").ok());
  clock_.Advance(absl::Hours(24 * 15));
  Tick();
  ASSERT_EQ(GetApp(app.name()).state(), acc::Application::REJECTED);
  HandleEvents();

  // Same route, but the record now says why: the block, not the pending application.
  const rt::Input after = Get(during.name());
  ASSERT_EQ(after.routes_size(), 1);
  EXPECT_EQ(after.routes(0).kind(), rt::CLEARING_HOUSE);
  EXPECT_THAT(Codes(after), Contains("BLOCKED_BY_OBJECTION"));
  EXPECT_THAT(Codes(after), Not(Contains("NOT_ACCREDITED")));
  EXPECT_GE(after.route_changes_size(), 1);

  // A new submission after the block: the clearing house again, never zero routes.
  rt::Input blocked;
  ASSERT_TRUE(SubmitInput(input, &blocked).ok());
  ASSERT_EQ(blocked.routes_size(), 1);
  EXPECT_EQ(blocked.routes(0).kind(), rt::CLEARING_HOUSE);
  EXPECT_THAT(Codes(blocked), Contains("BLOCKED_BY_OBJECTION"));

  auto inbox = Pull("clearing-house", "operator:test");
  EXPECT_EQ(inbox.deliveries_size(), 2);
}

TEST_F(IntegrityTest, ARevocationMovesTheInputToTheClearingHouseWithTheRevocationRecorded) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input in;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"critical-infrastructure-protection"}), &in).ok());
  ASSERT_EQ(in.routes_size(), 1);
  ASSERT_EQ(in.routes(0).destination(), kCip);

  acc::ChangeAccreditationRequest change;
  change.set_name(absl::StrCat("processes/", kGm, "/accreditations/", acme));
  change.set_reason("misrepresented its affiliations");
  acc::Accreditation revoked;
  auto ctx = Ctx(kSecretariat);
  grpc::Status st = stub_->RevokeAccreditation(ctx.get(), change, &revoked);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  HandleEvents();

  const rt::Input after = Get(in.name());
  ASSERT_EQ(after.routes_size(), 1) << after.DebugString();
  EXPECT_EQ(after.routes(0).kind(), rt::CLEARING_HOUSE);
  EXPECT_THAT(Codes(after), Contains("REVOKED"));
  EXPECT_EQ(Pull(kCip, kSecretariat).deliveries_size(), 0);  // withdrawn before it was read
  auto held = Pull("clearing-house", "operator:test");
  ASSERT_EQ(held.deliveries_size(), 1);
  EXPECT_EQ(held.deliveries(0).input().name(), in.name());
}

TEST_F(IntegrityTest, AnInboxThatDoesNotExistIsNotFoundAndNeverCreated) {
  GlobalMechanism(kGm);
  for (const std::string dest :
       {"processes/nowhere/plenary", "processes/global-mechanism/groups/none",
        "processes/global-mechanism/sessions/s9", "states/ZZ/inbox", "networks/nobody"}) {
    rt::PullInboxRequest req;
    req.set_destination(dest);
    rt::PullInboxResponse out;
    auto ctx = Ctx("operator:test");
    grpc::Status st = routing_->PullInbox(ctx.get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << dest;
    EXPECT_EQ(Details(st).reason, "DESTINATION_NOT_FOUND") << dest;

    rt::StreamInboxRequest sreq;
    sreq.set_destination(dest);
    auto sctx = Ctx("operator:test");
    auto reader = routing_->StreamInbox(sctx.get(), sreq);
    rt::Delivery d;
    EXPECT_FALSE(reader->Read(&d));
    st = reader->Finish();
    EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << dest;
    EXPECT_EQ(Details(st).reason, "DESTINATION_NOT_FOUND") << dest;

    EXPECT_FALSE(RedisHas("{rt}:inbox:" + dest)) << dest;
  }
  // An existing destination with nothing queued yet is empty, not missing.
  EXPECT_EQ(Pull("processes/global-mechanism/sessions/s1", kSecretariat).deliveries_size(), 0);
  EXPECT_EQ(Pull("states/BR/inbox", "state:BR").deliveries_size(), 0);
}

TEST_F(IntegrityTest, OutcomesAndUptakeReferOnlyToWhatExists) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input in;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &in).ok());

  grpc::Status st = Register("s9", {"op-1"});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "SESSION_NOT_IN_PROCESS");
  EXPECT_THAT(Details(st).fields, ElementsAre("outcome.session"));
  st = Register("s1", {"op-1", "op-2", "op-1"});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "DUPLICATE_PARAGRAPH_ID");
  EXPECT_THAT(Details(st).fields, ElementsAre("outcome.paragraphs[2].paragraph_id"));
  EXPECT_FALSE(RedisHas("{rt}:out:final-report"));  // nothing written

  ASSERT_TRUE(Register("s1", {"op-1", "op-2"}).ok());
  rt::RecordUptakeRequest ureq;
  ureq.mutable_uptake()->set_input(in.name());
  ureq.mutable_uptake()->set_outcome("outcomes/final-report");
  ureq.mutable_uptake()->set_status(rt::REFLECTED);
  ureq.mutable_uptake()->set_reason("Adopted as operative paragraph 9.");
  ureq.mutable_uptake()->add_paragraph_ids("op-2");
  ureq.mutable_uptake()->add_paragraph_ids("op-9");
  rt::RecordUptakeResponse uresp;
  auto ctx = Ctx(kSecretariat);
  st = routing_->RecordUptake(ctx.get(), ureq, &uresp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "PARAGRAPH_NOT_IN_OUTCOME");
  EXPECT_THAT(Details(st).fields, ElementsAre("uptake.paragraph_ids[1]"));

  rt::GetUptakeReportRequest rreq;
  rreq.set_process("processes/global-mechanism");
  rt::UptakeReport report;
  ctx = Ctx();
  ASSERT_TRUE(routing_->GetUptakeReport(ctx.get(), rreq, &report).ok());
  EXPECT_EQ(report.total().inputs(), 1);
  EXPECT_EQ(report.total().reflected(), 0);  // the refused record counted nothing

  rreq.set_process("processes/nowhere");
  ctx = Ctx();
  st = routing_->GetUptakeReport(ctx.get(), rreq, &report);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "PROCESS_NOT_FOUND");
}

}  // namespace
}  // namespace polylateral::routing::testing
