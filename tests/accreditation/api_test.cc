// Every method over gRPC and every error code with its ErrorInfo reason and field paths.
#include <array>
#include <map>

#include "common/audit/chain_verifier.h"
#include "common/audit_store/redis_audit_log.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

using ApiTest = AccreditationTest;
using grpc::StatusCode;

grpc::Status Create(acc::AccreditationService::Stub& stub, std::unique_ptr<grpc::ClientContext> ctx,
                    const std::string& parent, const std::string& sh, const std::string& route,
                    acc::Application* out, const std::string& rid = "") {
  acc::CreateApplicationRequest req;
  req.set_parent(parent);
  req.mutable_application()->set_stakeholder(sh);
  req.mutable_application()->set_route_id(route);
  req.set_request_id(rid);
  return stub.CreateApplication(ctx.get(), req, out);
}

TEST_F(ApiTest, CreateErrors) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Access Now", reg::Stakeholder::NO_STATUS);
  acc::Application out;
  auto expect = [&](const grpc::Status& st, StatusCode code, const std::string& reason) {
    EXPECT_EQ(st.error_code(), code) << st.error_message();
    EXPECT_EQ(Details(st).reason, reason);
    return Details(st);
  };
  expect(Create(*stub_, Ctx("stakeholder:" + ngo), "processes/nope", "stakeholders/" + ngo,
                "non-objection", &out),
         StatusCode::NOT_FOUND, "PROCESS_NOT_FOUND");
  expect(Create(*stub_, Ctx("secretariat:oewg"), "processes/oewg", "stakeholders/ghost",
                "non-objection", &out),
         StatusCode::NOT_FOUND, "STAKEHOLDER_NOT_FOUND");
  auto d = expect(Create(*stub_, Ctx("stakeholder:" + ngo), "processes/oewg", "stakeholders/" + ngo,
                         "lottery", &out),
                  StatusCode::FAILED_PRECONDITION, "ROUTE_NOT_OFFERED");
  EXPECT_EQ(d.fields, std::vector<std::string>{"application.route_id"});
  d = expect(Create(*stub_, Ctx("stakeholder:" + ngo), "oewg", "stakeholders/" + ngo,
                    "non-objection", &out),
             StatusCode::INVALID_ARGUMENT, "INVALID_NAME");
  EXPECT_EQ(d.fields, std::vector<std::string>{"parent"});
  expect(Create(*stub_, Ctx("stakeholder:someone-else"), "processes/oewg", "stakeholders/" + ngo,
                "non-objection", &out),
         StatusCode::PERMISSION_DENIED, "NOT_APPLICANT");
  expect(Create(*stub_, Ctx("state:FR"), "processes/oewg", "stakeholders/" + ngo, "non-objection",
                &out),
         StatusCode::PERMISSION_DENIED, "ACCESS_DENIED");
  acc::Application first, replay;
  ASSERT_TRUE(Create(*stub_, Ctx("stakeholder:" + ngo), "processes/oewg", "stakeholders/" + ngo,
                     "non-objection", &first, "rq-1")
                  .ok());
  ASSERT_TRUE(Create(*stub_, Ctx("stakeholder:" + ngo), "processes/oewg", "stakeholders/" + ngo,
                     "non-objection", &replay, "rq-1")
                  .ok());
  EXPECT_EQ(replay.name(), first.name());
  expect(Create(*stub_, Ctx("stakeholder:" + ngo), "processes/oewg", "stakeholders/" + ngo,
                "non-objection", &out),
         StatusCode::ALREADY_EXISTS, "APPLICATION_PENDING");
  // Drafts are private: another caller does not see it.
  acc::GetApplicationRequest get;
  get.set_name(first.name());
  auto ctx = Ctx("state:FR");
  expect(stub_->GetApplication(ctx.get(), get, &out), StatusCode::NOT_FOUND,
         "APPLICATION_NOT_FOUND");
}

TEST_F(ApiTest, RequestIdBelongsToItsCaller) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string a = Stakeholder("Access Now", reg::Stakeholder::NO_STATUS);
  const std::string b = Stakeholder("Derechos Digitales", reg::Stakeholder::NO_STATUS);
  const std::string c = Stakeholder("Global Partners Digital", reg::Stakeholder::NO_STATUS);
  acc::Application first, theirs, replay, out;
  ASSERT_TRUE(Create(*stub_, Ctx("stakeholder:" + a), "processes/oewg", "stakeholders/" + a,
                     "non-objection", &first, "rq-shared")
                  .ok());
  // Another caller reusing the request_id gets its own draft, not the first caller's.
  grpc::Status st = Create(*stub_, Ctx("stakeholder:" + b), "processes/oewg", "stakeholders/" + b,
                           "non-objection", &theirs, "rq-shared");
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_NE(theirs.name(), first.name());
  EXPECT_EQ(theirs.stakeholder(), "stakeholders/" + b);
  ASSERT_TRUE(Create(*stub_, Ctx("stakeholder:" + a), "processes/oewg", "stakeholders/" + a,
                     "non-objection", &replay, "rq-shared")
                  .ok());
  EXPECT_EQ(replay.name(), first.name());
  // The same caller with the same request_id for another request is told so.
  ASSERT_TRUE(Create(*stub_, Ctx("secretariat:oewg"), "processes/oewg", "stakeholders/" + c,
                     "non-objection", &out, "rq-sec")
                  .ok());
  st = Create(*stub_, Ctx("secretariat:oewg"), "processes/oewg", "stakeholders/" + a,
              "non-objection", &out, "rq-sec");
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "REQUEST_ID_REUSED");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"request_id"});
}

TEST_F(ApiTest, AnInheritedStatusRouteNeedsAQualifyingStatus) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("ICT4Peace", reg::Stakeholder::GENERAL);
  const std::string plain = Stakeholder("Small NGO", reg::Stakeholder::NO_STATUS);
  acc::Application a = Apply("oewg", plain, "ecosoc-general");
  acc::SubmitApplicationRequest sub;
  sub.set_name(a.name());
  acc::Application out;
  auto ctx = Ctx("stakeholder:" + plain);
  grpc::Status st = stub_->SubmitApplication(ctx.get(), sub, &out);
  EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "STATUS_NOT_QUALIFYING");
}

TEST_F(ApiTest, CheckAccessAnswersPerRightAndNamesTheWrongField) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("ICT4Peace", reg::Stakeholder::GENERAL);
  grpc::Status st;
  acc::Application b = Submit(Apply("oewg", ngo, "ecosoc-general").name(), "stakeholder:" + ngo);
  EXPECT_EQ(b.state(), acc::Application::APPROVED);
  acc::CheckAccessRequest check;
  check.set_stakeholder("stakeholders/" + ngo);
  check.set_process("processes/oewg");
  check.set_right(type::v1::ORAL_STATEMENTS);
  acc::CheckAccessResponse resp;
  auto c1 = Ctx();
  ASSERT_TRUE(stub_->CheckAccess(c1.get(), check, &resp).ok());
  EXPECT_TRUE(resp.allowed());
  EXPECT_EQ(resp.accreditation().application(), b.name());
  check.set_right(type::v1::ATTEND_THEMATIC_GROUPS);
  auto c2 = Ctx();
  ASSERT_TRUE(stub_->CheckAccess(c2.get(), check, &resp).ok());
  EXPECT_EQ(resp.denial_reason(), "RIGHT_NOT_GRANTED");
  check.set_right(type::v1::PARTICIPATION_RIGHT_UNSPECIFIED);
  auto c3 = Ctx();
  st = stub_->CheckAccess(c3.get(), check, &resp);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"right"});
  // Malformed names: the field that is wrong, whatever the shape of the mistake.
  check.set_right(type::v1::ORAL_STATEMENTS);
  for (const auto& [sh, proc, field] : std::vector<std::array<std::string, 3>>{
           {"stakeholders/" + ngo + "/x", "processes/oewg", "stakeholder"},
           {"stakeholders/", "processes/oewg", "stakeholder"},
           {"stakeholder/" + ngo, "processes/oewg", "stakeholder"},
           {"stakeholders/" + std::string(129, 'a'), "processes/oewg", "stakeholder"},
           {"stakeholders/" + ngo, "processes/oe wg", "process"},
           {"stakeholders/" + ngo, "oewg", "process"}}) {
    check.set_stakeholder(sh);
    check.set_process(proc);
    auto c = Ctx();
    st = stub_->CheckAccess(c.get(), check, &resp);
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT) << sh << " " << proc;
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{field}) << sh << " " << proc;
  }
  // A stored id outside the id rule (upper case, '_') is still a name every service reads.
  check.set_stakeholder("stakeholders/Foo_Bar");
  check.set_process("processes/oewg");
  auto legacy = Ctx();
  st = stub_->CheckAccess(legacy.get(), check, &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_FALSE(resp.allowed());
}

TEST_F(ApiTest, TheProcessSecretariatSuspendsRevokesAndReinstates) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("ICT4Peace", reg::Stakeholder::GENERAL);
  Submit(Apply("oewg", ngo, "ecosoc-general").name(), "stakeholder:" + ngo);
  grpc::Status st;
  acc::CheckAccessRequest check;
  check.set_stakeholder("stakeholders/" + ngo);
  check.set_process("processes/oewg");
  acc::CheckAccessResponse resp;
  acc::ChangeAccreditationRequest change;
  change.set_name("processes/oewg/accreditations/" + ngo);
  change.set_reason("Code of conduct breach under review");
  acc::Accreditation acc_out;
  auto c4 = Ctx("secretariat:igf");
  st = stub_->SuspendAccreditation(c4.get(), change, &acc_out);
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_SECRETARIAT");
  auto c5 = Ctx("secretariat:oewg");
  ASSERT_TRUE(stub_->SuspendAccreditation(c5.get(), change, &acc_out).ok());
  EXPECT_EQ(acc_out.status(), acc::Accreditation::SUSPENDED);
  check.set_right(type::v1::ORAL_STATEMENTS);
  auto c6 = Ctx();
  ASSERT_TRUE(stub_->CheckAccess(c6.get(), check, &resp).ok());
  EXPECT_EQ(resp.denial_reason(), "SUSPENDED");
  change.set_etag("\"1\"");  // stale
  auto c7 = Ctx("secretariat:oewg");
  st = stub_->ReinstateAccreditation(c7.get(), change, &acc_out);
  EXPECT_EQ(st.error_code(), StatusCode::ABORTED);
  EXPECT_EQ(Details(st).reason, "ETAG_MISMATCH");
  change.clear_etag();
  auto c8 = Ctx("secretariat:oewg");
  ASSERT_TRUE(stub_->RevokeAccreditation(c8.get(), change, &acc_out).ok());
  auto c9 = Ctx("secretariat:oewg");
  st = stub_->ReinstateAccreditation(c9.get(), change, &acc_out);
  EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "WRONG_STATUS");
  acc::ListAccreditationsRequest list;
  list.set_parent("processes/oewg");
  acc::ListAccreditationsResponse listed;
  auto c10 = Ctx();
  ASSERT_TRUE(stub_->ListAccreditations(c10.get(), list, &listed).ok());
  ASSERT_EQ(listed.accreditations_size(), 1);
  EXPECT_EQ(listed.accreditations(0).status(), acc::Accreditation::REVOKED);
}

TEST_F(ApiTest, ObjectionsWithdrawalsAndListing) {
  Process("oewg", reg::ParticipationModalities::STATES_ON_REQUEST);
  const std::string ngo = Stakeholder("Cyber NGO", reg::Stakeholder::NO_STATUS);
  acc::Application a = Submit(Apply("oewg", ngo, "non-objection").name(), "stakeholder:" + ngo);
  EXPECT_EQ(a.state(), acc::Application::IN_NOTICE);
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  grpc::Status st = Object(a.name(), "RU");
  EXPECT_EQ(st.error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Details(st).reason, "OBJECTION_EXISTS");
  st = Object(a.name(), "CN", "state:RU");
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_OWN_OBJECTION");
  st = Object(a.name(), "XX");
  EXPECT_EQ(st.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "STATE_NOT_FOUND");
  acc::LodgeObjectionRequest empty;
  empty.set_parent(a.name());
  empty.set_state("states/FR");
  acc::Objection o;
  auto c0 = Ctx("state:FR");
  st = stub_->LodgeObjection(c0.get(), empty, &o);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"grounds"});

  acc::ListObjectionsRequest list;
  list.set_parent(a.name());
  acc::ListObjectionsResponse seen;
  auto c1 = Ctx();
  ASSERT_TRUE(stub_->ListObjections(c1.get(), list, &seen).ok());
  EXPECT_EQ(seen.total_count(), 1);
  EXPECT_EQ(seen.objections_size(), 0);  // anonymous: count only
  auto c2 = Ctx("state:BR");
  ASSERT_TRUE(stub_->ListObjections(c2.get(), list, &seen).ok());
  ASSERT_EQ(seen.objections_size(), 1);
  EXPECT_EQ(seen.objections(0).state(), "states/RU");

  clock_.Advance(absl::Hours(24 * 14));
  st = Object(a.name(), "FR");
  EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "NOT_IN_NOTICE_PERIOD");
  EXPECT_EQ(Tick(), 1);
  acc::Application decided = GetApp(a.name());
  EXPECT_EQ(decided.state(), acc::Application::REJECTED);
  EXPECT_EQ(decided.objection_count(), 1);
  // Rejected: the stakeholder may apply again.
  Apply("oewg", ngo, "non-objection");
}

// The decision stream is read by other services and kept long: an objection is there as a
// fact (application, objecting state, time), its grounds only behind the API's disclosure rules.
TEST_F(ApiTest, ObjectionEventsCarryTheFactButNeverTheGrounds) {
  Process("oewg", reg::ParticipationModalities::STATES_ON_REQUEST);
  const std::string ngo = Stakeholder("Grounds NGO", reg::Stakeholder::NO_STATUS);
  acc::Application a = Submit(Apply("oewg", ngo, "non-objection").name(), "stakeholder:" + ngo);
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  acc::WithdrawObjectionRequest w;
  w.set_name(a.name() + "/objections/RU");
  acc::Objection withdrawn;
  auto ctx = Ctx("state:RU");
  ASSERT_TRUE(stub_->WithdrawObjection(ctx.get(), w, &withdrawn).ok());

  // Read as the stream's consumer reads it.
  redis::RedisClient routing(redis_->Options("routing"), nullptr);
  auto r = routing.Command({"XREAD", "COUNT", "1000", "STREAMS", "{acc}:events", "0"});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_FALSE(r->is_error()) << r->str();
  const std::string grounds = "Concerns about the applicant's independence.";
  int objection_events = 0;
  redis::ReplyView entries = (*r)[0][1];
  for (size_t i = 0; i < entries.size(); ++i) {
    std::map<std::string, std::string> fields;
    redis::ReplyView kv = entries[i][1];
    for (size_t k = 0; k + 1 < kv.size(); k += 2) {
      fields[std::string(kv[k].str())] = std::string(kv[k + 1].str());
      EXPECT_EQ(kv[k + 1].str().find("independence"), absl::string_view::npos) << kv[k].str();
    }
    if (fields["type"] != "objection.lodged" && fields["type"] != "objection.withdrawn") continue;
    ++objection_events;
    EXPECT_EQ(fields.count("reason"), 0u) << fields["type"];
    EXPECT_EQ(fields["objecting_state"], "RU");
    EXPECT_EQ(fields["state"], "IN_NOTICE");
    EXPECT_FALSE(fields["at"].empty());
    EXPECT_EQ(absl::StrCat("processes/oewg/applications/", fields["application"]), a.name());
  }
  EXPECT_EQ(objection_events, 2);
  // The grounds themselves are still on record, for the API to disclose.
  redis::RedisClient admin(redis_->Options(), nullptr);
  auto stored = admin.Command({"KEYS", "{acc}:obj:*"});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->size(), 0u);  // withdrawn: nothing left
  ASSERT_TRUE(Object(a.name(), "CN").ok());
  acc::ListObjectionsRequest list;
  list.set_parent(a.name());
  acc::ListObjectionsResponse seen;
  auto c2 = Ctx("state:BR");  // states see grounds under STATES_ON_REQUEST
  ASSERT_TRUE(stub_->ListObjections(c2.get(), list, &seen).ok());
  ASSERT_EQ(seen.objections_size(), 1);
  EXPECT_EQ(seen.objections(0).grounds(), grounds);
}

// Every objection and status change is in the audit log, appended by the script that makes
// it; an objection's grounds are a sensitive field: readers may be shown only their digest and
// the chain still verifies.
TEST_F(ApiTest, ObjectionsAndStatusChangesAreAuditedInTheSameScript) {
  Process("oewg", reg::ParticipationModalities::STATES_ON_REQUEST);
  const std::string ngo = Stakeholder("Audited NGO", reg::Stakeholder::NO_STATUS);
  acc::Application a = Submit(Apply("oewg", ngo, "non-objection").name(), "stakeholder:" + ngo);
  redis::RedisClient admin(redis_->Options(), nullptr);
  audit::RedisAuditLog log(&admin, "{acc}");
  const uint64_t before = *log.Length();
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  EXPECT_FALSE(Object(a.name(), "RU").ok());  // refused: no entry
  acc::WithdrawObjectionRequest w;
  w.set_name(a.name() + "/objections/RU");
  acc::Objection withdrawn;
  auto ctx = Ctx("state:RU");
  ASSERT_TRUE(stub_->WithdrawObjection(ctx.get(), w, &withdrawn).ok());
  auto entries = log.Read(before + 1, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  const audit::AuditEntry& lodged = (*entries)[0].entry;
  EXPECT_EQ(lodged.action, "accreditation.objection.lodged");
  EXPECT_EQ(lodged.resource, a.name());
  EXPECT_EQ(lodged.principal, "state:RU");
  EXPECT_EQ(lodged.time_ms, absl::ToUnixMillis(clock_.Now()));
  ASSERT_FALSE(lodged.fields.empty());
  const audit::AuditField& grounds = lodged.fields.back();
  EXPECT_EQ(grounds.name, "grounds");
  EXPECT_TRUE(grounds.sensitive);
  EXPECT_EQ(grounds.value, "Concerns about the applicant's independence.");
  EXPECT_EQ((*entries)[1].entry.action, "accreditation.objection.withdrawn");
  for (const auto& f : (*entries)[1].entry.fields) EXPECT_NE(f.name, "grounds");

  const std::string member = Stakeholder("Audited Member", reg::Stakeholder::GENERAL);
  Submit(Apply("oewg", member, "ecosoc-general").name(), "stakeholder:" + member);
  acc::ChangeAccreditationRequest change;
  change.set_name("processes/oewg/accreditations/" + member);
  change.set_reason("Code of conduct breach under review");
  acc::Accreditation acc_out;
  auto c1 = Ctx("secretariat:oewg");
  ASSERT_TRUE(stub_->SuspendAccreditation(c1.get(), change, &acc_out).ok());
  const uint64_t length = *log.Length();
  auto last = log.Read(length, 1);
  ASSERT_TRUE(last.ok());
  const audit::AuditEntry& suspended = last->front().entry;
  EXPECT_EQ(suspended.action, "accreditation.suspended");
  EXPECT_EQ(suspended.resource, change.name());
  EXPECT_EQ(suspended.principal, "secretariat:oewg");

  // Sealed by the service; the redacted log verifies against the seals.
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (log.Sealed()->count < length && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  auto all = log.Read(1, length);
  ASSERT_TRUE(all.ok());
  audit::ChainVerifier chain(audit::SignedHead{"{acc}", length, all->back().hash, 0, "", ""});
  for (const auto& e : *all) {
    ASSERT_TRUE(chain.Add(audit::Redacted(e.entry), e.hash)) << chain.failure().reason;
  }
  EXPECT_TRUE(chain.Finish());
}

// Application transitions, by a caller or by the scheduler at a notice end, are audited by
// the script that makes them, each event once.
TEST_F(ApiTest, ApplicationTransitionsAndSchedulerDecisionsAreAudited) {
  Process("oewg", reg::ParticipationModalities::STATES_ON_REQUEST);
  const std::string ngo = Stakeholder("Transitioning NGO", reg::Stakeholder::NO_STATUS);
  redis::RedisClient admin(redis_->Options(), nullptr);
  audit::RedisAuditLog log(&admin, "{acc}");
  const uint64_t before = *log.Length();
  acc::Application a = Submit(Apply("oewg", ngo, "non-objection").name(), "stakeholder:" + ngo);
  auto submitted = log.Read(before + 1, 10);
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  ASSERT_FALSE(submitted->empty());
  EXPECT_EQ(submitted->back().entry.resource, a.name());
  EXPECT_EQ(submitted->back().entry.principal, "stakeholder:" + ngo);
  EXPECT_EQ(submitted->back().entry.action.rfind("accreditation.application.", 0), 0u)
      << submitted->back().entry.action;

  const uint64_t decided_from = *log.Length();
  clock_.Advance(absl::Hours(24 * 15));
  ASSERT_GE(Tick(), 1);
  auto decided = log.Read(decided_from + 1, 10);
  ASSERT_TRUE(decided.ok()) << decided.status();
  int decisions = 0;
  for (const auto& e : *decided) {
    if (e.entry.resource == a.name() && e.entry.action == "accreditation.application.approved") {
      ++decisions;
      EXPECT_EQ(e.entry.principal, "scheduler");
    }
  }
  EXPECT_EQ(decisions, 1);
  EXPECT_EQ(Tick(), 0);
  EXPECT_EQ(*log.Length(), decided_from + decided->size()) << "a second tick appends nothing";
}

TEST_F(ApiTest, WithdrawEtagListAndRegistryOutage) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Data NGO", reg::Stakeholder::NO_STATUS);
  acc::Application a = Apply("oewg", ngo, "committee");
  acc::WithdrawApplicationRequest w;
  w.set_name(a.name());
  w.set_etag("\"7\"");
  acc::Application out;
  auto c1 = Ctx("stakeholder:" + ngo);
  grpc::Status st = stub_->WithdrawApplication(c1.get(), w, &out);
  EXPECT_EQ(st.error_code(), StatusCode::ABORTED);
  EXPECT_EQ(Details(st).reason, "ETAG_MISMATCH");
  w.set_etag(a.etag());
  auto c2 = Ctx("stakeholder:" + ngo);
  ASSERT_TRUE(stub_->WithdrawApplication(c2.get(), w, &out).ok());
  EXPECT_EQ(out.state(), acc::Application::WITHDRAWN);
  w.clear_etag();
  auto c3 = Ctx("stakeholder:" + ngo);
  st = stub_->WithdrawApplication(c3.get(), w, &out);
  EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "WRONG_STATE");

  for (int i = 0; i < 5; ++i) {
    Submit(Apply("oewg", Stakeholder("Org " + std::to_string(i), reg::Stakeholder::NO_STATUS),
                 "non-objection")
               .name(),
           "secretariat:oewg");
  }
  acc::ListApplicationsRequest list;
  list.set_parent("processes/oewg");
  list.set_page_size(4);
  acc::ListApplicationsResponse page;
  auto c4 = Ctx();
  ASSERT_TRUE(stub_->ListApplications(c4.get(), list, &page).ok());
  EXPECT_EQ(page.applications_size(), 4);
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  auto c5 = Ctx();
  ASSERT_TRUE(stub_->ListApplications(c5.get(), list, &page).ok());
  EXPECT_EQ(page.applications_size(), 2);  // the withdrawn one and the last
  list.set_parent("processes/other");
  auto c6 = Ctx();
  st = stub_->ListApplications(c6.get(), list, &page);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"page_token"});

  const std::string late = Stakeholder("Late NGO", reg::Stakeholder::NO_STATUS);
  acc::Application draft = Apply("oewg", late, "non-objection");
  StopRegistry();
  acc::SubmitApplicationRequest sub;
  sub.set_name(draft.name());
  auto c7 = Ctx("stakeholder:" + late);
  st = stub_->SubmitApplication(c7.get(), sub, &out);
  EXPECT_EQ(st.error_code(), StatusCode::UNAVAILABLE);
  EXPECT_EQ(Details(st).reason, "REGISTRY_UNAVAILABLE");
  EXPECT_EQ(GetApp(draft.name()).state(), acc::Application::DRAFT);
}

TEST_F(ApiTest, DecisionsAreCountedOnTheMetricsEndpoint) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::string approved = Stakeholder("Approved NGO", reg::Stakeholder::NO_STATUS);
  const std::string blocked = Stakeholder("Blocked NGO", reg::Stakeholder::NO_STATUS);
  const std::string ecosoc = Stakeholder("ECOSOC NGO", reg::Stakeholder::GENERAL);
  UseReplicaWithMetrics();
  const std::string before = Metrics(*replica_);
  ASSERT_EQ(DecisionCount(before, "NON_OBJECTION", "approved"), 0) << before;
  EXPECT_EQ(DecisionCount(before, "INHERITED_STATUS", "approved"), 0);

  Submit(Apply("oewg", approved, "non-objection").name(), "stakeholder:" + approved);
  const acc::Application b =
      Submit(Apply("oewg", blocked, "non-objection").name(), "stakeholder:" + blocked);
  ASSERT_TRUE(Object(b.name(), "FR").ok());
  // Decided at submission by the API...
  Submit(Apply("oewg", ecosoc, "ecosoc-general").name(), "stakeholder:" + ecosoc);
  // ...and at the notice end by the scheduler.
  clock_.Advance(absl::Hours(24 * 14));
  EXPECT_EQ(Tick(), 2);
  const std::string after = Metrics(*replica_);
  EXPECT_EQ(DecisionCount(after, "NON_OBJECTION", "approved"), 1) << after;
  EXPECT_EQ(DecisionCount(after, "NON_OBJECTION", "blocked"), 1);
  EXPECT_EQ(DecisionCount(after, "INHERITED_STATUS", "approved"), 1);
  EXPECT_EQ(DecisionCount(after, "COMMITTEE_REVIEW", "approved"), 0);
}

// A route with zero validity (ecosoc-general) in a process with dated sessions: the
// accreditation covers the session next at approval, in UTC days, and expires at its end.
TEST_F(ApiTest, ZeroValidityAccreditationCoversTheNextSessionAndExpiresAtItsEnd) {
  const absl::CivilDay today = absl::ToCivilDay(clock_.Now(), absl::UTCTimeZone());
  // Listed out of order: the accreditation takes the earliest session not yet ended.
  Process("sessions", reg::ParticipationModalities::PUBLIC,
          reg::ObjectionRule::ANY_SINGLE_OBJECTION,
          {{today + 40, today + 42}, {today + 10, today + 12}});
  const std::string ngo = Stakeholder("Session NGO", reg::Stakeholder::GENERAL);
  acc::Application a =
      Submit(Apply("sessions", ngo, "ecosoc-general").name(), "stakeholder:" + ngo);
  ASSERT_EQ(a.state(), acc::Application::APPROVED);
  const absl::Time from = absl::FromCivil(today + 10, absl::UTCTimeZone());
  const absl::Time until = absl::FromCivil(today + 13, absl::UTCTimeZone());
  auto get = [&] {
    acc::GetAccreditationRequest req;
    req.set_name("processes/sessions/accreditations/" + ngo);
    acc::Accreditation got;
    auto ctx = Ctx();
    EXPECT_TRUE(stub_->GetAccreditation(ctx.get(), req, &got).ok());
    return got;
  };
  acc::Accreditation got = get();
  EXPECT_EQ(got.valid_from().seconds(), absl::ToUnixSeconds(from));
  EXPECT_EQ(got.valid_until().seconds(), absl::ToUnixSeconds(until));
  // `at` InfinitePast: now.
  auto check = [&](absl::Time at) {
    acc::CheckAccessRequest req;
    req.set_stakeholder("stakeholders/" + ngo);
    req.set_process("processes/sessions");
    req.set_right(type::v1::ORAL_STATEMENTS);
    if (at != absl::InfinitePast()) req.mutable_at_time()->set_seconds(absl::ToUnixSeconds(at));
    acc::CheckAccessResponse resp;
    auto ctx = Ctx();
    EXPECT_TRUE(stub_->CheckAccess(ctx.get(), req, &resp).ok());
    return resp.allowed() ? std::string("allowed") : resp.denial_reason();
  };
  EXPECT_EQ(check(absl::InfinitePast()), "NOT_YET_VALID");
  EXPECT_EQ(check(from - absl::Seconds(1)), "NOT_YET_VALID");
  EXPECT_EQ(check(from), "allowed");
  EXPECT_EQ(check(until - absl::Seconds(1)), "allowed");  // the end date is inclusive
  EXPECT_EQ(check(until), "EXPIRED");
  // The scheduler's expiry entry fires at the end of the session, not before.
  clock_.Advance(until - clock_.Now() - absl::Seconds(1));
  Tick();
  EXPECT_EQ(get().status(), acc::Accreditation::ACTIVE);
  EXPECT_EQ(check(absl::InfinitePast()), "allowed");
  clock_.Advance(absl::Seconds(1));
  EXPECT_GE(Tick(), 1);
  // Reads come from the replica's cache, which Redis's invalidation of the scheduler's write
  // reaches a moment later.
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (get().status() != acc::Accreditation::EXPIRED && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(2));  // polling interval
  }
  EXPECT_EQ(get().status(), acc::Accreditation::EXPIRED);
  EXPECT_EQ(check(absl::InfinitePast()), "EXPIRED");
}

// Proto3 keeps enum numbers it does not know, and a Timestamp may carry any seconds and
// nanos: both are refused by the rule every service shares, naming the field.
TEST_F(ApiTest, UnknownEnumValuesAndOutOfRangeTimestampsAreRefused) {
  acc::CheckAccessRequest check;
  check.set_stakeholder("stakeholders/acme");
  check.set_process("processes/oewg");
  check.set_right(static_cast<type::v1::ParticipationRight>(99));
  acc::CheckAccessResponse resp;
  auto c1 = Ctx();
  grpc::Status st = stub_->CheckAccess(c1.get(), check, &resp);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"right"});

  check.set_right(type::v1::ATTEND_PLENARY);
  for (const auto& [seconds, nanos] : std::vector<std::pair<int64_t, int32_t>>{
           {-62135596801, 0}, {253402300800, 0}, {0, -1}, {0, 1000000000}}) {
    check.mutable_at_time()->set_seconds(seconds);
    check.mutable_at_time()->set_nanos(nanos);
    auto c = Ctx();
    st = stub_->CheckAccess(c.get(), check, &resp);
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT) << seconds << " " << nanos;
    EXPECT_EQ(Details(st).reason, "INVALID_TIMESTAMP");
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{"at_time"});
  }
  check.mutable_at_time()->set_seconds(253402300799);
  check.mutable_at_time()->set_nanos(999999999);
  auto c2 = Ctx();
  st = stub_->CheckAccess(c2.get(), check, &resp);
  EXPECT_NE(st.error_code(), StatusCode::INVALID_ARGUMENT) << st.error_message();

  acc::ReviewApplicationRequest review;
  review.set_name("processes/oewg/applications/a1");
  review.set_decision(static_cast<acc::ReviewApplicationRequest::Decision>(99));
  acc::Application out;
  auto c3 = Ctx("secretariat:oewg");
  st = stub_->ReviewApplication(c3.get(), review, &out);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"decision"});
}

}  // namespace
}  // namespace polylateral::accreditation::testing
