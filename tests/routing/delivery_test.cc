// Delivery guarantees, bad input, re-routing on accreditation events and uptake, over gRPC
// against the real services.
#include "gmock/gmock.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";
constexpr char kPlenary[] = "processes/global-mechanism/plenary";

TEST_F(RoutingTest, UnacknowledgedDeliveryIsRedeliveredThenDeadLettered) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input out;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &out).ok());
  // A destination that never acknowledges: handed out 3 times (max_deliveries), then moved.
  std::vector<int64_t> counts;
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (absl::Now() < give_up) {
    const rt::PullInboxResponse pulled = Pull(kPlenary, kSecretariat);
    for (const auto& d : pulled.deliveries()) {
      EXPECT_EQ(d.input().name(), out.name());
      counts.push_back(d.delivery_count());
    }
    auto dead = routing_app_->store().DeadLetters(kPlenary);
    ASSERT_TRUE(dead.ok());
    if (!dead->empty()) {
      EXPECT_THAT((*dead)[0], HasSubstr("handed out 3 times without acknowledgement"));
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));  // polling interval, not a wait for an outcome
  }
  EXPECT_EQ(counts, (std::vector<int64_t>{1, 2, 3}));
  ASSERT_EQ(routing_app_->store().DeadLetters(kPlenary)->size(), 1u);
  // Nothing comes back after the visibility timeout. A marker handed out now and left
  // unacknowledged comes back once its own timeout has passed, later than the dead-lettered
  // delivery's would have: until then, only the marker may come.
  rt::Input marker;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &marker).ok());
  const rt::PullInboxResponse first = Pull(kPlenary, kSecretariat);
  ASSERT_EQ(first.deliveries_size(), 1);
  EXPECT_EQ(first.deliveries(0).input().name(), marker.name());
  std::vector<std::string> others;
  bool marker_back = false;
  const absl::Time marker_give_up = absl::Now() + absl::Seconds(10);
  while (!marker_back && absl::Now() < marker_give_up) {
    const rt::PullInboxResponse pulled = Pull(kPlenary, kSecretariat);
    for (const auto& d : pulled.deliveries()) {
      if (d.input().name() == marker.name()) {
        marker_back = true;
      } else {
        others.push_back(d.input().name());
      }
    }
    if (!marker_back) absl::SleepFor(absl::Milliseconds(20));  // polling interval
  }
  ASSERT_TRUE(marker_back);
  EXPECT_THAT(others, ::testing::IsEmpty());
}

TEST_F(RoutingTest, AcknowledgedDeliveryIsNeverHandedOutAgain) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input a, b;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &a).ok());
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &b).ok());
  auto first = Pull(kPlenary, kSecretariat);
  ASSERT_EQ(first.deliveries_size(), 2);
  EXPECT_TRUE(Ack(kPlenary, first.deliveries(0).delivery_id(), kSecretariat));
  EXPECT_FALSE(Ack(kPlenary, first.deliveries(0).delivery_id(), kSecretariat));  // idempotent
  // After the visibility timeout only the unacknowledged one comes back.
  std::vector<std::string> again;
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (again.empty() && absl::Now() < give_up) {
    const rt::PullInboxResponse pulled = Pull(kPlenary, kSecretariat);
    for (const auto& d : pulled.deliveries()) {
      again.push_back(d.delivery_id());
    }
  }
  EXPECT_EQ(again, std::vector<std::string>{first.deliveries(1).delivery_id()});
}

TEST_F(RoutingTest, RetriedSubmissionWithTheSameRequestIdQueuesOnce) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::SubmitInputRequest req;
  *req.mutable_input() = Written(acme, kGm, {"cybersecurity"});
  req.set_request_id("retry-1");
  rt::Input first, second;
  auto ctx = Ctx("stakeholder:" + acme);
  ASSERT_TRUE(routing_->SubmitInput(ctx.get(), req, &first).ok());
  ctx = Ctx("stakeholder:" + acme);
  ASSERT_TRUE(routing_->SubmitInput(ctx.get(), req, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(Pull(kPlenary, kSecretariat).deliveries_size(), 1);
}

TEST_F(RoutingTest, RequestIdBelongsToItsCaller) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  const std::string beta = Accredited("Beta Networks", kGm);
  auto submit = [&](const std::string& author, const std::string& text, rt::Input* out) {
    rt::SubmitInputRequest req;
    *req.mutable_input() = Written(author, kGm, {"cybersecurity"});
    req.mutable_input()->set_text(text);
    req.set_request_id("shared-1");
    auto ctx = Ctx("stakeholder:" + author);
    return routing_->SubmitInput(ctx.get(), req, out);
  };
  rt::Input mine, theirs, again;
  ASSERT_TRUE(submit(acme, "Acme's view.", &mine).ok());
  // Another caller reusing the request_id has its own input stored and routed.
  grpc::Status st = submit(beta, "Beta's view.", &theirs);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_NE(theirs.name(), mine.name());
  EXPECT_EQ(theirs.text(), "Beta's view.");
  ASSERT_TRUE(submit(acme, "Acme's view.", &again).ok());
  EXPECT_EQ(again.name(), mine.name());
  // The same caller, the same request_id, another text: refused, nothing queued.
  st = submit(acme, "Acme's second thoughts.", &again);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "REQUEST_ID_REUSED");
  EXPECT_THAT(Details(st).fields, Contains("request_id"));
  EXPECT_EQ(Pull(kPlenary, kSecretariat).deliveries_size(), 2);
}

TEST_F(RoutingTest, BadInputIsRefusedAndNothingIsWritten) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input big = Written(acme, kGm, {"cybersecurity"});
  big.set_text(std::string(kMaxTextBytes + 1, 'a'));
  rt::Input out;
  grpc::Status st = SubmitInput(big, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_INPUT");
  EXPECT_THAT(Details(st).fields, Contains("input.text"));
  EXPECT_THAT(st.error_message(), HasSubstr("200000"));

  st = SubmitInput(Written("nobody-here", kGm, {"cybersecurity"}), &out, "stakeholder:nobody-here");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "STAKEHOLDER_NOT_FOUND");
  st = SubmitInput(Written(acme, "no-such-process", {"cybersecurity"}), &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "PROCESS_NOT_FOUND");
  // Someone else cannot submit in acme's name.
  st = SubmitInput(Written(acme, kGm, {"cybersecurity"}), &out, "stakeholder:other");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  rt::ListInputsRequest lreq;
  rt::ListInputsResponse lresp;
  auto ctx = Ctx();
  ASSERT_TRUE(routing_->ListInputs(ctx.get(), lreq, &lresp).ok());
  EXPECT_EQ(lresp.inputs_size(), 0);
  // The suite's paging rule (common/base/page_size.h): a negative size is refused on page_size.
  lreq.set_page_size(-1);
  auto over_ctx = Ctx();
  st = routing_->ListInputs(over_ctx.get(), lreq, &lresp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_PAGE_SIZE");
  EXPECT_THAT(Details(st).fields, Contains("page_size"));
  EXPECT_EQ(Pull(kPlenary, kSecretariat).deliveries_size(), 0);
}

TEST_F(RoutingTest, AnApprovalAfterSubmissionReroutesTheQueuedInput) {
  GlobalMechanism(kGm);
  const std::string acme =
      Stakeholder("Acme Security", reg::Stakeholder::GENERAL, "BR", type::v1::PRIVATE_SECTOR);
  rt::Input out;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &out).ok());
  // Not accredited, no consultation: the clearing house holds it.
  ASSERT_EQ(out.routes_size(), 1);
  EXPECT_EQ(out.routes(0).kind(), rt::CLEARING_HOUSE);

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
  rt::GetInputRequest greq;
  greq.set_name(out.name());
  rt::Input now;
  auto ctx = Ctx();
  ASSERT_TRUE(routing_->GetInput(ctx.get(), greq, &now).ok());
  ASSERT_EQ(now.routes_size(), 1);
  EXPECT_EQ(now.routes(0).destination(), kPlenary);
  ASSERT_EQ(now.route_changes_size(), 1);
  EXPECT_THAT(now.route_changes(0).cause(), HasSubstr("approved"));
  EXPECT_EQ(Pull(kPlenary, kSecretariat).deliveries_size(), 1);
}

TEST_F(RoutingTest, UptakeRecordReturnsTheEstimateAndFeedsTheReport) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input in;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &in).ok());
  rt::RegisterOutcomeRequest oreq;
  oreq.set_outcome_id("final-report");
  auto* o = oreq.mutable_outcome();
  o->set_process("processes/global-mechanism");
  o->set_session("s1");
  o->set_stage(rt::OutcomeDocument::FINAL);
  o->set_title("Final report");
  auto* p1 = o->add_paragraphs();
  p1->set_paragraph_id("op-1");
  p1->set_text("The group welcomed the participation of stakeholders.");
  auto* p2 = o->add_paragraphs();
  p2->set_paragraph_id("op-2");
  p2->set_text(
      "States should not conduct or knowingly support ICT activity that damages "
      "critical infrastructure providing services to the public.");
  rt::OutcomeDocument doc;
  auto ctx = Ctx("stakeholder:" + acme);
  EXPECT_EQ(routing_->RegisterOutcome(ctx.get(), oreq, &doc).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ctx = Ctx(kSecretariat);
  ASSERT_TRUE(routing_->RegisterOutcome(ctx.get(), oreq, &doc).ok());

  rt::RecordUptakeRequest ureq;
  ureq.mutable_uptake()->set_input(in.name());
  ureq.mutable_uptake()->set_outcome("outcomes/final-report");
  ureq.mutable_uptake()->set_status(rt::REFLECTED);
  ureq.mutable_uptake()->set_reason("Adopted nearly verbatim as operative paragraph 2.");
  ureq.mutable_uptake()->add_paragraph_ids("op-2");
  rt::RecordUptakeResponse uresp;
  ctx = Ctx(kSecretariat);
  grpc::Status st = routing_->RecordUptake(ctx.get(), ureq, &uresp);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  ASSERT_GE(uresp.estimate().closest_size(), 1);
  EXPECT_EQ(uresp.estimate().closest(0).paragraph_id(), "op-2");
  EXPECT_EQ(uresp.estimate().suggested_status(), rt::REFLECTED);

  // A second judgement replaces the first in the counters.
  ureq.mutable_uptake()->set_status(rt::PARTIALLY_REFLECTED);
  ctx = Ctx(kSecretariat);
  ASSERT_TRUE(routing_->RecordUptake(ctx.get(), ureq, &uresp).ok());
  rt::GetUptakeReportRequest rreq;
  rreq.set_process("processes/global-mechanism");
  rt::UptakeReport report;
  ctx = Ctx();
  ASSERT_TRUE(routing_->GetUptakeReport(ctx.get(), rreq, &report).ok());
  EXPECT_EQ(report.total().inputs(), 1);
  EXPECT_EQ(report.total().reflected(), 0);
  EXPECT_EQ(report.total().partially_reflected(), 1);
  ASSERT_EQ(report.by_group_size(), 1);
  EXPECT_EQ(report.by_group(0).group(), type::v1::PRIVATE_SECTOR);
  ASSERT_EQ(report.by_route_kind_size(), 1);
  EXPECT_EQ(report.by_route_kind(0).kind(), rt::HORIZONTAL);
}

TEST_F(RoutingTest, AnOutcomeStaysWithItsProcessSecretariat) {
  GlobalMechanism(kGm);
  GlobalMechanism("other-forum");  // an outcome belongs to a session of an existing process
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input in;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &in).ok());
  auto outcome = [](const std::string& process, const std::string& text) {
    rt::RegisterOutcomeRequest req;
    req.set_outcome_id("final-report");
    auto* o = req.mutable_outcome();
    o->set_process("processes/" + process);
    o->set_session("s1");
    o->set_stage(rt::OutcomeDocument::DRAFT);
    o->set_title("Report");
    auto* p = o->add_paragraphs();
    p->set_paragraph_id("op-1");
    p->set_text(text);
    return req;
  };
  auto register_as = [&](const std::string& principal, const rt::RegisterOutcomeRequest& req) {
    rt::OutcomeDocument doc;
    auto ctx = Ctx(principal);
    return routing_->RegisterOutcome(ctx.get(), req, &doc);
  };
  const std::string ours =
      "States should not conduct or knowingly support ICT activity that damages critical "
      "infrastructure providing services to the public.";
  ASSERT_TRUE(register_as(kSecretariat, outcome(kGm, ours)).ok());

  // Another process's secretariat can neither re-file the id under its own process nor
  // write in the name of this one.
  const std::string theirs = "Nothing of the kind was agreed by anyone at any time.";
  grpc::Status st = register_as("secretariat:other-forum", outcome("other-forum", theirs));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "OUTCOME_OF_ANOTHER_PROCESS");
  st = register_as("secretariat:other-forum", outcome(kGm, theirs));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_SECRETARIAT");

  // The stored outcome is still ours: its secretariat judges uptake against its text, the
  // other one may not.
  rt::RecordUptakeRequest ureq;
  ureq.mutable_uptake()->set_input(in.name());
  ureq.mutable_uptake()->set_outcome("outcomes/final-report");
  ureq.mutable_uptake()->set_status(rt::REFLECTED);
  ureq.mutable_uptake()->set_reason("Adopted verbatim.");
  ureq.mutable_uptake()->add_paragraph_ids("op-1");
  rt::RecordUptakeResponse uresp;
  auto other = Ctx("secretariat:other-forum");
  st = routing_->RecordUptake(other.get(), ureq, &uresp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_SECRETARIAT");
  auto own = Ctx(kSecretariat);
  st = routing_->RecordUptake(own.get(), ureq, &uresp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(uresp.estimate().suggested_status(), rt::REFLECTED);  // still our text

  // The secretariat replaces its own draft; an operator may replace any outcome.
  ASSERT_TRUE(register_as(kSecretariat, outcome(kGm, ours + " Final.")).ok());
  ASSERT_TRUE(register_as("operator:test", outcome("other-forum", theirs)).ok());
  st = register_as(kSecretariat, outcome(kGm, ours));
  EXPECT_EQ(Details(st).reason, "OUTCOME_OF_ANOTHER_PROCESS");
}

}  // namespace
}  // namespace polylateral::routing::testing
