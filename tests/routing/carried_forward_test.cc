// MarkCarriedForward over gRPC against the real services: a state mission marks what reached
// it through a vertical route as carried into its intervention, and the uptake report names
// the carrying governments.
#include "gmock/gmock.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";

class CarriedForwardTest : public RoutingTest {
 protected:
  // A Chilean company without accreditation: its input goes vertically through Chile's
  // consultation on the Global Mechanism and through Canada, which relays cybersecurity input.
  rt::Input VerticalInput() {
    GlobalMechanism(kGm);
    const std::string acme =
        Stakeholder("Acme Security", reg::Stakeholder::NO_STATUS, "CL", type::v1::PRIVATE_SECTOR);
    rt::CreateConsultationRequest creq;
    creq.set_consultation_id("cl-cyber");
    creq.mutable_consultation()->set_state("states/CL");
    creq.mutable_consultation()->set_process("processes/global-mechanism");
    creq.mutable_consultation()->set_title("Chile's national consultation on ICT security");
    rt::Consultation c;
    auto ctx = Ctx("state:CL");
    EXPECT_TRUE(routing_->CreateConsultation(ctx.get(), creq, &c).ok());
    rt::DeclareRelayRequest rreq;
    rreq.mutable_relay()->set_state("states/CA");
    rreq.mutable_relay()->set_process("processes/global-mechanism");
    rreq.mutable_relay()->add_themes("themes/cybersecurity");
    rt::RelayDeclaration r;
    ctx = Ctx("state:CA");
    EXPECT_TRUE(routing_->DeclareRelay(ctx.get(), rreq, &r).ok());

    rt::Input in;
    grpc::Status st = SubmitInput(Written(acme, kGm, {"cybersecurity"}), &in);
    EXPECT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
    std::vector<std::string> destinations;
    for (const auto& route : in.routes()) {
      EXPECT_EQ(route.kind(), rt::VERTICAL);
      destinations.push_back(route.destination());
    }
    EXPECT_EQ(destinations, (std::vector<std::string>{"states/CA/inbox", "states/CL/inbox"}));
    return in;
  }

  grpc::Status Mark(const std::string& input, const std::string& state,
                    const std::string& principal, rt::CarriedForward* out,
                    const std::string& note = "") {
    rt::MarkCarriedForwardRequest req;
    req.set_input(input);
    req.set_state(state);
    req.set_note(note);
    auto ctx = Ctx(principal);
    return routing_->MarkCarriedForward(ctx.get(), req, out);
  }

  rt::UptakeReport Report() {
    rt::GetUptakeReportRequest req;
    req.set_process("processes/global-mechanism");
    rt::UptakeReport report;
    auto ctx = Ctx();
    grpc::Status st = routing_->GetUptakeReport(ctx.get(), req, &report);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return report;
  }

  // The report's row for `state` ("states/XX"); a default row when absent.
  static rt::UptakeReport::StateRow Row(const rt::UptakeReport& report, const std::string& state) {
    for (const auto& row : report.vertical_states()) {
      if (row.state() == state) return row;
    }
    return {};
  }

  void RecordReflected(const std::string& input) {
    rt::RegisterOutcomeRequest oreq;
    oreq.set_outcome_id("final-report");
    auto* o = oreq.mutable_outcome();
    o->set_process("processes/global-mechanism");
    o->set_session("s1");
    o->set_stage(rt::OutcomeDocument::FINAL);
    o->set_title("Final report");
    auto* p = o->add_paragraphs();
    p->set_paragraph_id("op-2");
    p->set_text("States should not damage critical infrastructure providing public services.");
    rt::OutcomeDocument doc;
    auto ctx = Ctx(kSecretariat);
    ASSERT_TRUE(routing_->RegisterOutcome(ctx.get(), oreq, &doc).ok());
    rt::RecordUptakeRequest ureq;
    ureq.mutable_uptake()->set_input(input);
    ureq.mutable_uptake()->set_outcome("outcomes/final-report");
    ureq.mutable_uptake()->set_status(rt::REFLECTED);
    ureq.mutable_uptake()->set_reason("Operative paragraph 2 takes it up.");
    ureq.mutable_uptake()->add_paragraph_ids("op-2");
    rt::RecordUptakeResponse uresp;
    ctx = Ctx(kSecretariat);
    grpc::Status st = routing_->RecordUptake(ctx.get(), ureq, &uresp);
    ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  }
};

TEST_F(CarriedForwardTest, TheStateMarksWhatReachedItAndTheReportNamesIt) {
  const rt::Input in = VerticalInput();
  // Chile reads the input in its inbox before carrying it.
  auto inbox = Pull("states/CL/inbox", "state:CL");
  ASSERT_EQ(inbox.deliveries_size(), 1);
  ASSERT_EQ(inbox.deliveries(0).input().name(), in.name());
  ASSERT_TRUE(Ack("states/CL/inbox", inbox.deliveries(0).delivery_id(), "state:CL"));
  EXPECT_EQ(Row(Report(), "states/CL").routed(), 1);
  EXPECT_EQ(Row(Report(), "states/CL").carried(), 0);

  rt::CarriedForward mark;
  grpc::Status st = Mark(in.name(), "states/CL", "state:CL", &mark,
                         "Taken up in Chile's statement on critical infrastructure, para. 4.");
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  EXPECT_EQ(mark.name(), in.name() + "/carried/CL");
  EXPECT_EQ(mark.input(), in.name());
  EXPECT_EQ(mark.state(), "states/CL");
  EXPECT_EQ(mark.marked_by(), "state:CL");
  EXPECT_THAT(mark.note(), HasSubstr("para. 4"));
  EXPECT_TRUE(mark.has_mark_time());

  // The report names Chile as carrying it; Canada, which got it too, did not (yet).
  rt::UptakeReport report = Report();
  EXPECT_EQ(Row(report, "states/CL").routed(), 1);
  EXPECT_EQ(Row(report, "states/CL").carried(), 1);
  EXPECT_EQ(Row(report, "states/CL").carried_and_reflected(), 0);
  EXPECT_EQ(Row(report, "states/CA").routed(), 1);
  EXPECT_EQ(Row(report, "states/CA").carried(), 0);

  // The outcome reflects it: the carried mark made before the uptake record follows it ...
  RecordReflected(in.name());
  report = Report();
  EXPECT_EQ(Row(report, "states/CL").reflected(), 1);
  EXPECT_EQ(Row(report, "states/CL").carried_and_reflected(), 1);
  // ... and a mark made after the record counts the status the input already has.
  ASSERT_TRUE(Mark(in.name(), "states/CA", "state:CA", &mark).ok());
  report = Report();
  EXPECT_EQ(Row(report, "states/CA").carried(), 1);
  EXPECT_EQ(Row(report, "states/CA").carried_and_reflected(), 1);
  EXPECT_EQ(report.total().inputs(), 1);
}

TEST_F(CarriedForwardTest, MarkingAgainReturnsTheFirstMarkAndCountsOnce) {
  const rt::Input in = VerticalInput();
  rt::CarriedForward first, again;
  ASSERT_TRUE(Mark(in.name(), "states/CL", "state:CL", &first, "first note").ok());
  clock_.Advance(absl::Hours(1));
  grpc::Status st = Mark(in.name(), "states/CL", "state:CL", &again, "a later, different note");
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(again.note(), "first note");
  EXPECT_EQ(again.mark_time().seconds(), first.mark_time().seconds());
  EXPECT_EQ(again.mark_time().nanos(), first.mark_time().nanos());
  EXPECT_EQ(Row(Report(), "states/CL").carried(), 1);
}

TEST_F(CarriedForwardTest, OnlyTheStateItselfMarksAndOnlyWhatReachedIt) {
  const rt::Input in = VerticalInput();
  rt::CarriedForward mark;
  // Another state, for Chile: PERMISSION_DENIED before anything is looked up.
  grpc::Status st = Mark(in.name(), "states/CL", "state:BR", &mark);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_OWN_STATE");
  st = Mark("inputs/in-unknown", "states/CL", "state:BR", &mark);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Nobody speaks for a state but the state: not an operator, not the secretariat, not the
  // author (the access policy refuses them).
  for (const std::string who : {"operator:ops", kSecretariat, "stakeholder:acme", ""}) {
    st = Mark(in.name(), "states/CL", who, &mark);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << who;
  }

  // France is entitled to speak for France, but the input never went through France.
  st = Mark(in.name(), "states/FR", "state:FR", &mark);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "NOT_ROUTED_TO_STATE");

  // An input that does not exist.
  st = Mark("inputs/in-unknown", "states/CL", "state:CL", &mark);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "INPUT_NOT_FOUND");

  // Bad fields, named.
  st = Mark("in-1", "states/CL", "state:CL", &mark);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, Contains("input"));
  st = Mark(in.name(), "CL", "state:CL", &mark);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, Contains("state"));
  st = Mark(in.name(), "states/CL", "state:CL", &mark, std::string(2001, 'x'));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, Contains("note"));
  EXPECT_THAT(st.error_message(), HasSubstr("2000"));
  rt::MarkCarriedForwardRequest req;
  req.set_input(in.name());
  req.set_state("states/CL");
  req.set_request_id(std::string(129, 'r'));
  auto ctx = Ctx("state:CL");
  st = routing_->MarkCarriedForward(ctx.get(), req, &mark);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, Contains("request_id"));

  // None of the refusals wrote anything.
  const rt::UptakeReport report = Report();
  EXPECT_EQ(Row(report, "states/CL").carried(), 0);
  EXPECT_EQ(Row(report, "states/CA").carried(), 0);
  EXPECT_EQ(report.vertical_states_size(), 2);
  // Then Chile's own mark goes through, once.
  ASSERT_TRUE(Mark(in.name(), "states/CL", "state:CL", &mark).ok());
  EXPECT_EQ(Row(Report(), "states/CL").carried(), 1);
}

}  // namespace
}  // namespace polylateral::routing::testing
