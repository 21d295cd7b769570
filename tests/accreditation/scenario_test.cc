// Accreditation scenarios end to end: the OEWG round with its report under each disclosure
// policy, an ECOSOC NGO admitted at once, a committee deferral cycle, a notice period that
// ends while Redis restarts, two replicas, and a state withdrawing another's objection.
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

using ScenarioTest = AccreditationTest;
const char* const kObjectors[] = {"RU", "CN", "IR", "SY", "NI"};

acc::TransparencyReport Report(acc::AccreditationService::Stub& stub,
                               std::unique_ptr<grpc::ClientContext> ctx,
                               const std::string& process) {
  acc::GetTransparencyReportRequest req;
  req.set_process(process);
  acc::TransparencyReport out;
  grpc::Status st = stub.GetTransparencyReport(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

int EventsOfType(const redis::RedisOptions& redis, const std::string& type,
                 const std::string& app) {
  redis::RedisClient c(redis, nullptr);
  auto r = c.Command({"XRANGE", "{acc}:events", "-", "+"});
  int n = 0;
  for (size_t i = 0; i < r->size(); ++i) {
    auto fields = (*r)[i][1];
    bool type_ok = false, app_ok = app.empty();
    for (size_t k = 0; k + 1 < fields.size(); k += 2) {
      if (fields[k].str() == "type" && fields[k + 1].str() == type) type_ok = true;
      if (fields[k].str() == "application" && !app.empty() &&
          app.substr(app.rfind('/') + 1) == fields[k + 1].str()) {
        app_ok = true;
      }
    }
    n += type_ok && app_ok;
  }
  return n;
}

TEST_F(ScenarioTest, OewgRoundBlocksExactlyTheObjectedAndReportsPerPolicy) {
  Process("oewg", reg::ParticipationModalities::STATES_ON_REQUEST);
  std::vector<std::string> apps;
  std::set<std::string> objected;
  for (int i = 0; i < 86; ++i) {
    const std::string sh = Stakeholder(absl::StrCat("Applicant ", i), reg::Stakeholder::NO_STATUS,
                                       i % 2 ? "KE" : "DE");
    apps.push_back(Submit(Apply("oewg", sh, "non-objection").name(), "stakeholder:" + sh).name());
  }
  for (int i = 0; i < 6; ++i) {
    const std::string sh = Stakeholder(absl::StrCat("ECOSOC NGO ", i), reg::Stakeholder::SPECIAL);
    EXPECT_EQ(Submit(Apply("oewg", sh, "ecosoc-special").name(), "stakeholder:" + sh).state(),
              acc::Application::APPROVED);
  }
  // 32 of 86 blocked, as in 2022: objections by several states, some by two of them.
  for (int i = 0; i < 32; ++i) {
    ASSERT_TRUE(Object(apps[i], kObjectors[i % 5]).ok());
    if (i % 4 == 0) {
      ASSERT_TRUE(Object(apps[i], kObjectors[(i + 1) % 5]).ok());
    }
    objected.insert(apps[i]);
  }
  clock_.Advance(absl::Hours(24 * 14) - absl::Seconds(1));
  EXPECT_EQ(Tick(), 0);
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Tick(), 86);
  for (const auto& a : apps) {
    EXPECT_EQ(GetApp(a).state(),
              objected.count(a) ? acc::Application::REJECTED : acc::Application::APPROVED);
  }
  // States on request: a state sees every row; the public and the applicants get totals.
  acc::TransparencyReport as_state = Report(*stub_, Ctx("state:BR"), "processes/oewg");
  EXPECT_EQ(as_state.applications_blocked(), 32);
  EXPECT_EQ(as_state.objections_total(), 40);
  ASSERT_EQ(as_state.states_size(), 5);
  EXPECT_FALSE(as_state.states_withheld());
  int64_t blocked_rows = 0;
  for (const auto& s : as_state.states()) blocked_rows += s.applicants_blocked();
  EXPECT_EQ(blocked_rows, 40);
  acc::TransparencyReport public_view = Report(*stub_, Ctx(), "processes/oewg");
  EXPECT_EQ(public_view.states_size(), 0);
  EXPECT_TRUE(public_view.states_withheld());
  EXPECT_EQ(public_view.applications_blocked(), 32);
  EXPECT_EQ(public_view.decisions(), 92);
  bool saw_group = false;
  for (const auto& g : public_view.by_group()) {
    if (g.key() == "CIVIL_SOCIETY") {
      saw_group = true;
      EXPECT_EQ(g.decided(), 92);
      EXPECT_EQ(g.approved(), 60);
    }
  }
  EXPECT_TRUE(saw_group);

  // The same round under the two other policies, smaller.
  Process("igf", reg::ParticipationModalities::PUBLIC);
  Process("cop", reg::ParticipationModalities::COUNT_ONLY);
  for (const std::string p : {"igf", "cop"}) {
    const std::string sh = Stakeholder("Objected in " + p, reg::Stakeholder::NO_STATUS);
    ASSERT_TRUE(
        Object(Submit(Apply(p, sh, "non-objection").name(), "stakeholder:" + sh).name(), "RU")
            .ok());
  }
  clock_.Advance(absl::Hours(24 * 14));
  EXPECT_EQ(Tick(), 2);
  EXPECT_EQ(Report(*stub_, Ctx(), "processes/igf").states_size(), 1);
  acc::TransparencyReport cop_state = Report(*stub_, Ctx("state:BR"), "processes/cop");
  EXPECT_EQ(cop_state.states_size(), 0);
  EXPECT_EQ(cop_state.applications_blocked(), 1);
  EXPECT_EQ(Report(*stub_, Ctx("state:RU"), "processes/cop").states_size(), 1);  // its own row
  EXPECT_EQ(Report(*stub_, Ctx("secretariat:cop"), "processes/cop").states_size(), 1);
  // Across processes the public sees only what public processes disclosed.
  acc::TransparencyReport all = Report(*stub_, Ctx(), "processes/-");
  EXPECT_EQ(all.applications_blocked(), 34);
  ASSERT_EQ(all.states_size(), 1);
  EXPECT_EQ(all.states(0).state(), "states/RU");
  EXPECT_EQ(all.states(0).objections(), 1);
  EXPECT_TRUE(all.states_withheld());
}

TEST_F(ScenarioTest, EcosocGeneralStatusIsAdmittedAtOnceWithItsRights) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Global Partners Digital", reg::Stakeholder::GENERAL);
  acc::Application a = Submit(Apply("oewg", ngo, "ecosoc-general").name(), "stakeholder:" + ngo);
  EXPECT_EQ(a.state(), acc::Application::APPROVED);
  EXPECT_EQ(a.rights_size(), 4);
  acc::GetAccreditationRequest req;
  req.set_name("processes/oewg/accreditations/" + ngo);
  acc::Accreditation got;
  auto ctx = Ctx();
  ASSERT_TRUE(stub_->GetAccreditation(ctx.get(), req, &got).ok());
  EXPECT_EQ(got.status(), acc::Accreditation::ACTIVE);
  EXPECT_EQ(got.rights_size(), 4);
  EXPECT_EQ(EventsOfType(redis_->Options(), "accreditation.granted", a.name()), 1);
}

// Inherited status from another named accreditation: the WSIS forum's ecosoc-general route
// also admits organisations accredited to the IGF, read from this service's own records.
TEST_F(ScenarioTest, AccreditationToAQualifyingProcessIsAnInheritedStatus) {
  Process("igf", reg::ParticipationModalities::PUBLIC);
  Process("wsis", reg::ParticipationModalities::PUBLIC, reg::ObjectionRule::ANY_SINGLE_OBJECTION,
          {}, {"igf"});
  const std::string ngo = Stakeholder("IGF Youth Coalition", reg::Stakeholder::NO_STATUS);
  const std::string other = Stakeholder("Suspended NGO", reg::Stakeholder::NO_STATUS);
  auto submit = [&](const std::string& name, const std::string& sh, acc::Application* out) {
    acc::SubmitApplicationRequest req;
    req.set_name(name);
    auto ctx = Ctx("stakeholder:" + sh);
    return stub_->SubmitApplication(ctx.get(), req, out);
  };
  // Not yet accredited anywhere: no inherited status.
  acc::Application wsis = Apply("wsis", ngo, "ecosoc-general");
  acc::Application out;
  grpc::Status st = submit(wsis.name(), ngo, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "STATUS_NOT_QUALIFYING");
  // Both are accredited to the IGF at the end of its notice period; one is then suspended.
  for (const std::string& sh : {ngo, other}) {
    Submit(Apply("igf", sh, "non-objection").name(), "stakeholder:" + sh);
  }
  clock_.Advance(absl::Hours(24 * 14));
  EXPECT_EQ(Tick(), 2);
  acc::ChangeAccreditationRequest suspend;
  suspend.set_name("processes/igf/accreditations/" + other);
  suspend.set_reason("under review");
  acc::Accreditation suspended;
  auto sctx = Ctx("secretariat:igf");
  ASSERT_TRUE(stub_->SuspendAccreditation(sctx.get(), suspend, &suspended).ok());
  // The draft left by the refusal is submitted again: admitted at once with the route's rights.
  ASSERT_TRUE(submit(wsis.name(), ngo, &out).ok());
  EXPECT_EQ(out.state(), acc::Application::APPROVED);
  EXPECT_EQ(out.rights_size(), 4);
  acc::CheckAccessRequest check;
  check.set_stakeholder("stakeholders/" + ngo);
  check.set_process("processes/wsis");
  check.set_right(type::v1::ORAL_STATEMENTS);
  acc::CheckAccessResponse resp;
  auto cctx = Ctx();
  ASSERT_TRUE(stub_->CheckAccess(cctx.get(), check, &resp).ok());
  EXPECT_TRUE(resp.allowed());
  // A suspended accreditation to the IGF does not qualify.
  st = submit(Apply("wsis", other, "ecosoc-general").name(), other, &out);
  EXPECT_EQ(Details(st).reason, "STATUS_NOT_QUALIFYING");
}

TEST_F(ScenarioTest, CommitteeDeferralCycleClosedAfterThreeUnansweredReminders) {
  Process("ngo-committee", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Rights NGO", reg::Stakeholder::NO_STATUS);
  acc::Application a =
      Submit(Apply("ngo-committee", ngo, "committee").name(), "stakeholder:" + ngo);
  EXPECT_EQ(a.state(), acc::Application::IN_REVIEW);
  auto review = [&](const std::string& principal, grpc::Status* st) {
    acc::ReviewApplicationRequest req;
    req.set_name(a.name());
    req.set_decision(acc::ReviewApplicationRequest::DEFER);
    req.add_questions("Please list your sources of funding.");
    acc::Application out;
    auto ctx = Ctx(principal);
    *st = stub_->ReviewApplication(ctx.get(), req, &out);
    return out;
  };
  grpc::Status st;
  review("state:FR", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_COMMITTEE");
  EXPECT_EQ(review("state:CU", &st).deferral_count(), 1);
  acc::AnswerQuestionsRequest ans;
  ans.set_name(a.name());
  ans.add_answers("Membership fees and two foundations.");
  acc::Application answered;
  auto ctx = Ctx("stakeholder:" + ngo);
  ASSERT_TRUE(stub_->AnswerQuestions(ctx.get(), ans, &answered).ok());
  EXPECT_EQ(answered.state(), acc::Application::IN_REVIEW);
  EXPECT_EQ(review("state:IN", &st).deferral_count(), 2);
  // Three reminders, then the closure one interval after the last.
  for (int i = 1; i <= 4; ++i) {
    clock_.Advance(absl::Hours(24 * 30));
    EXPECT_EQ(Tick(), 1);
  }
  acc::Application closed = GetApp(a.name());
  EXPECT_EQ(closed.state(), acc::Application::CLOSED);
  EXPECT_EQ(closed.unanswered_reminders(), 3);
  acc::TransparencyReport r = Report(*stub_, Ctx(), "processes/ngo-committee");
  EXPECT_EQ(r.deferrals(), 2);
  EXPECT_EQ(r.repeat_deferrals(), 1);
}

TEST_F(ScenarioTest, NoticeEndingWhileRedisRestartsIsDecidedOnce) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Patient NGO", reg::Stakeholder::NO_STATUS);
  acc::Application a = Submit(Apply("oewg", ngo, "non-objection").name(), "stakeholder:" + ngo);
  clock_.Advance(absl::Hours(24 * 14));
  redis_->Kill();
  EXPECT_FALSE(replica_->app->scheduler().Tick().ok());
  redis_->Start();
  int taken = 0;
  for (int i = 0; i < 3; ++i) {  // a pooled connection may fail once after the restart
    auto t = replica_->app->scheduler().Tick();
    if (t.ok()) taken += *t;
  }
  EXPECT_EQ(taken, 1);
  EXPECT_EQ(GetApp(a.name()).state(), acc::Application::APPROVED);
  EXPECT_EQ(EventsOfType(redis_->Options(), "application.approved", a.name()), 1);
  EXPECT_EQ(Tick(), 0);
}

TEST_F(ScenarioTest, TwoReplicasNeverDecideTheSameApplicationTwice) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  std::vector<std::string> apps;
  for (int i = 0; i < 40; ++i) {
    const std::string sh = Stakeholder(absl::StrCat("Org ", i), reg::Stakeholder::NO_STATUS);
    apps.push_back(Submit(Apply("oewg", sh, "non-objection").name(), "secretariat:oewg").name());
  }
  auto second = StartReplica();
  clock_.Advance(absl::Hours(24 * 14));
  int a = 0, b = 0;
  std::thread t1([&] { a = *replica_->app->scheduler().Tick(); });
  std::thread t2([&] { b = *second->app->scheduler().Tick(); });
  t1.join();
  t2.join();
  EXPECT_EQ(a + b, 40);
  EXPECT_EQ(EventsOfType(redis_->Options(), "application.approved", ""), 40);
  second->host->Shutdown();
}

// CheckAccess answers from a cache on each replica; a decision taken on another replica (or
// by the scheduler there) must reach it as soon as Redis's invalidation does.
TEST_F(ScenarioTest, CheckAccessOnOneReplicaFollowsDecisionsTakenOnAnother) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Cache NGO", reg::Stakeholder::NO_STATUS);
  auto second = StartReplica();
  ASSERT_TRUE(replica_->app->access_invalidations()->WaitTracking(absl::Seconds(5)));
  auto other = acc::AccreditationService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", second->host->port()), grpc::InsecureChannelCredentials()));
  acc::CheckAccessRequest check;
  check.set_stakeholder("stakeholders/" + ngo);
  check.set_process("processes/oewg");
  check.set_right(type::v1::ATTEND_PLENARY);
  auto check_here = [&] {
    acc::CheckAccessResponse resp;
    auto ctx = Ctx();
    EXPECT_TRUE(stub_->CheckAccess(ctx.get(), check, &resp).ok());
    return resp;
  };
  // Reads through this replica until its cache holds the answer (the absence, here).
  const std::string key = absl::StrCat("{acc}:acc:oewg:", ngo);
  for (int i = 0; i < 500 && replica_->app->access_cache()->Find(key) == nullptr; ++i) {
    EXPECT_FALSE(check_here().allowed());
  }
  ASSERT_NE(replica_->app->access_cache()->Find(key), nullptr);

  // Approved on the other replica: its scheduler ends the notice period.
  acc::Application a = Submit(Apply("oewg", ngo, "non-objection").name(), "secretariat:oewg");
  clock_.Advance(absl::Hours(24 * 14));
  ASSERT_EQ(*second->app->scheduler().Tick(), 1);
  auto until_allowed = [&](bool want) {
    const absl::Time deadline = absl::Now() + absl::Seconds(5);
    acc::CheckAccessResponse resp;
    do {
      resp = check_here();
    } while (resp.allowed() != want && absl::Now() < deadline);
    return resp;
  };
  acc::CheckAccessResponse allowed = until_allowed(true);
  EXPECT_TRUE(allowed.allowed()) << allowed.ShortDebugString();

  // Suspended through the other replica's API.
  acc::ChangeAccreditationRequest change;
  change.set_name("processes/oewg/accreditations/" + ngo);
  change.set_reason("under review");
  acc::Accreditation out;
  auto ctx = Ctx("secretariat:oewg");
  ASSERT_TRUE(other->SuspendAccreditation(ctx.get(), change, &out).ok());
  acc::CheckAccessResponse after = until_allowed(false);
  EXPECT_FALSE(after.allowed());
  EXPECT_EQ(after.denial_reason(), "SUSPENDED");
  second->host->Shutdown();
}

TEST_F(ScenarioTest, AStateCannotWithdrawAnotherStatesObjection) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Target NGO", reg::Stakeholder::NO_STATUS);
  acc::Application a = Submit(Apply("oewg", ngo, "non-objection").name(), "stakeholder:" + ngo);
  ASSERT_TRUE(Object(a.name(), "FR").ok());
  acc::WithdrawObjectionRequest req;
  req.set_name(a.name() + "/objections/FR");
  acc::Objection out;
  auto ctx = Ctx("state:BR");
  grpc::Status st = stub_->WithdrawObjection(ctx.get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_OWN_OBJECTION");
  auto own = Ctx("state:FR");
  ASSERT_TRUE(stub_->WithdrawObjection(own.get(), req, &out).ok());
  EXPECT_EQ(GetApp(a.name()).objection_count(), 0);
  clock_.Advance(absl::Hours(24 * 14));
  EXPECT_EQ(Tick(), 1);
  EXPECT_EQ(GetApp(a.name()).state(), acc::Application::APPROVED);
}

}  // namespace
}  // namespace polylateral::accreditation::testing
