// Routing scenarios end to end, with real registry, accreditation and routing servers.
#include "gmock/gmock.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";

TEST_F(RoutingTest, AccreditedCompanyReachesTheGroupWhoseCurrentItemMatches) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input out;
  grpc::Status st = SubmitInput(Written(acme, kGm, {"critical-infrastructure-protection"}), &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  ASSERT_EQ(out.routes_size(), 1) << out.DebugString();
  EXPECT_EQ(out.routes(0).kind(), rt::HORIZONTAL);
  EXPECT_EQ(out.routes(0).destination(), "processes/global-mechanism/groups/cip");
  EXPECT_THAT(out.routes(0).reason(), HasSubstr("critical"));

  // The matching group's inbox has it; the other group's does not.
  auto inbox = Pull("processes/global-mechanism/groups/cip", kSecretariat);
  ASSERT_EQ(inbox.deliveries_size(), 1);
  EXPECT_EQ(inbox.deliveries(0).input().name(), out.name());
  EXPECT_EQ(Pull("processes/global-mechanism/groups/capacity", kSecretariat).deliveries_size(), 0);
}

TEST_F(RoutingTest, CompanyBlockedByObjectionGoesThroughItsGovernmentsConsultation) {
  GlobalMechanism(kGm);
  const std::string acme =
      Stakeholder("Acme Security", reg::Stakeholder::NO_STATUS, "CL", type::v1::PRIVATE_SECTOR);
  acc::Application app = Apply(kGm, acme, "non-objection");
  app = AccreditationTest::Submit(app.name(), "stakeholder:" + acme);
  ASSERT_EQ(app.state(), acc::Application::IN_NOTICE);
  ASSERT_TRUE(Object(app.name(), "CU").ok());
  clock_.Advance(absl::Hours(24 * 15));
  Tick();
  ASSERT_EQ(GetApp(app.name()).state(), acc::Application::REJECTED);

  // Chile consults its stakeholders beside the talks.
  rt::CreateConsultationRequest creq;
  creq.set_consultation_id("cl-cyber");
  creq.mutable_consultation()->set_state("states/CL");
  creq.mutable_consultation()->set_process("processes/global-mechanism");
  creq.mutable_consultation()->set_title("Chile's national consultation on ICT security");
  rt::Consultation c;
  auto ctx = Ctx("state:BR");
  EXPECT_EQ(routing_->CreateConsultation(ctx.get(), creq, &c).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);  // only Chile speaks for Chile
  ctx = Ctx("state:CL");
  ASSERT_TRUE(routing_->CreateConsultation(ctx.get(), creq, &c).ok());

  rt::Input out;
  grpc::Status st = SubmitInput(Written(acme, kGm, {"critical-infrastructure-protection"}), &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  ASSERT_EQ(out.routes_size(), 1);
  EXPECT_EQ(out.routes(0).kind(), rt::VERTICAL);
  EXPECT_EQ(out.routes(0).destination(), "states/CL/inbox");
  EXPECT_EQ(out.routes(0).consultation(), "consultations/cl-cyber");
  bool blocked_recorded = false;
  for (const auto& e : out.exclusions()) blocked_recorded |= e.code() == "BLOCKED_BY_OBJECTION";
  EXPECT_TRUE(blocked_recorded);

  auto inbox = Pull("states/CL/inbox", "state:CL");
  ASSERT_EQ(inbox.deliveries_size(), 1);
  EXPECT_EQ(inbox.deliveries(0).route().kind(), rt::VERTICAL);
  // Another state cannot read Chile's inbox.
  rt::PullInboxRequest preq;
  preq.set_destination("states/CL/inbox");
  rt::PullInboxResponse presp;
  ctx = Ctx("state:BR");
  EXPECT_EQ(routing_->PullInbox(ctx.get(), preq, &presp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(RoutingTest, JointStatementWithFortySignatoriesIsDeliveredOnceToThePlenary) {
  GlobalMechanism(kGm);
  const std::string lead = Accredited("Joint Civil Society Coalition", kGm, "CH");
  rt::Input js = Written(lead, kGm, {"cybersecurity"});
  js.set_kind(rt::Input::JOINT_STATEMENT);
  js.set_title("Joint civil society statement");
  rt::Input out;
  grpc::Status st = SubmitInput(js, &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  ASSERT_EQ(out.routes_size(), 1);
  EXPECT_EQ(out.routes(0).destination(), "processes/global-mechanism/plenary");

  std::vector<std::string> signatories;
  for (int i = 0; i < 41; ++i) {
    const std::string id = Stakeholder("Signatory " + std::to_string(i),
                                       reg::Stakeholder::NO_STATUS, "KE", type::v1::CIVIL_SOCIETY);
    rt::SignatoryRequest req;
    req.set_input(out.name());
    req.set_stakeholder("stakeholders/" + id);
    rt::Input r;
    auto ctx = Ctx("stakeholder:" + lead);
    ASSERT_TRUE(routing_->InviteSignatory(ctx.get(), req, &r).ok());
    if (i == 40) break;  // invited, never confirmed: never listed
    ctx = Ctx("stakeholder:" + lead);
    EXPECT_EQ(routing_->ConfirmSignatory(ctx.get(), req, &r).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);  // only the signatory itself confirms
    ctx = Ctx("stakeholder:" + id);
    ASSERT_TRUE(routing_->ConfirmSignatory(ctx.get(), req, &r).ok());
    signatories.push_back("stakeholders/" + id);
  }
  rt::PublishVersionRequest preq;
  preq.set_input(out.name());
  preq.set_text("We, the undersigned, call for a permanent seat for stakeholders.");
  auto ctx = Ctx("stakeholder:" + lead);
  rt::Input published;
  ASSERT_TRUE(routing_->PublishVersion(ctx.get(), preq, &published).ok());
  ASSERT_EQ(published.joint_statement().versions_size(), 1);
  EXPECT_EQ(published.joint_statement().versions(0).listed_signatories_size(), 40);
  EXPECT_EQ(published.joint_statement().signatories_size(), 40);
  EXPECT_EQ(published.joint_statement().pending_invitations(), 1);

  auto inbox = Pull("processes/global-mechanism/plenary", kSecretariat, 100);
  ASSERT_EQ(inbox.deliveries_size(), 1);
  const auto& delivered = inbox.deliveries(0).input().joint_statement();
  ASSERT_EQ(delivered.signatories_size(), 40);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(delivered.signatories(i).stakeholder(), signatories[i]);
  EXPECT_TRUE(
      Ack("processes/global-mechanism/plenary", inbox.deliveries(0).delivery_id(), kSecretariat));
  EXPECT_EQ(Pull("processes/global-mechanism/plenary", kSecretariat, 100).deliveries_size(), 0);
}

TEST_F(RoutingTest, InputNoProcessOwnsReachesTheClearingHouse) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input out;
  grpc::Status st = SubmitInput(Written(acme, "", {"multilingualism"}), &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  ASSERT_EQ(out.routes_size(), 1);
  EXPECT_EQ(out.routes(0).kind(), rt::CLEARING_HOUSE);
  EXPECT_EQ(out.routes(0).destination(), "clearing-house");
  auto inbox = Pull("clearing-house", "operator:test");
  ASSERT_EQ(inbox.deliveries_size(), 1);
  EXPECT_EQ(inbox.deliveries(0).input().name(), out.name());
}

}  // namespace
}  // namespace polylateral::routing::testing
