// Notice lists over gRPC against real Redis and a real registry: one deadline for several
// applications, decided there by the scheduler exactly once; extensions before the deadline
// only, later only, with a reason, moving the decision; an application on two lists refused.
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/audit/chain_verifier.h"
#include "common/audit_store/redis_audit_log.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

using NoticeListTest = AccreditationTest;
using grpc::StatusCode;

grpc::Status CreateList(acc::AccreditationService::Stub& stub,
                        std::unique_ptr<grpc::ClientContext> ctx, const std::string& process,
                        const std::vector<std::string>& apps, absl::Time deadline,
                        acc::NoticeList* out, const std::string& list_id = "",
                        const std::string& request_id = "") {
  acc::CreateNoticeListRequest req;
  req.set_parent("processes/" + process);
  for (const auto& a : apps) req.mutable_notice_list()->add_applications(a);
  req.mutable_notice_list()->mutable_deadline()->set_seconds(absl::ToUnixSeconds(deadline));
  req.set_notice_list_id(list_id);
  req.set_request_id(request_id);
  return stub.CreateNoticeList(ctx.get(), req, out);
}

grpc::Status Extend(acc::AccreditationService::Stub& stub, std::unique_ptr<grpc::ClientContext> ctx,
                    const std::string& list, absl::Time deadline, const std::string& reason,
                    acc::NoticeList* out) {
  acc::ExtendNoticeListRequest req;
  req.set_name(list);
  req.mutable_deadline()->set_seconds(absl::ToUnixSeconds(deadline));
  req.set_reason(reason);
  return stub.ExtendNoticeList(ctx.get(), req, out);
}

// Decision events (approved or blocked) of `app` in the stream.
int DecisionEvents(const redis::RedisOptions& options, const std::string& app) {
  redis::RedisClient c(options, nullptr);
  auto r = c.Command({"XRANGE", "{acc}:events", "-", "+"});
  const std::string id = app.substr(app.rfind('/') + 1);
  int n = 0;
  for (size_t i = 0; i < r->size(); ++i) {
    auto fields = (*r)[i][1];
    bool decision = false, mine = false;
    for (size_t k = 0; k + 1 < fields.size(); k += 2) {
      if (fields[k].str() == "type") {
        decision = fields[k + 1].str() == "application.approved" ||
                   fields[k + 1].str() == "application.blocked";
      }
      if (fields[k].str() == "application" && fields[k + 1].str() == id) mine = true;
    }
    n += decision && mine;
  }
  return n;
}

class NoticeLists : public NoticeListTest {
 protected:
  // `n` non-objection applications of `process` in their notice period (14 days).
  std::vector<std::string> InNotice(const std::string& process, int n, const std::string& tag) {
    std::vector<std::string> apps;
    for (int i = 0; i < n; ++i) {
      const std::string sh =
          Stakeholder(absl::StrCat(tag, " applicant ", i), reg::Stakeholder::NO_STATUS);
      apps.push_back(
          Submit(Apply(process, sh, "non-objection").name(), "stakeholder:" + sh).name());
    }
    return apps;
  }
  // A whole second `days` days from now (the deadlines' precision here).
  absl::Time InDays(int days) const {
    return absl::FromUnixSeconds(absl::ToUnixSeconds(clock_.Now() + absl::Hours(24 * days)));
  }
  void AdvanceTo(absl::Time t) { clock_.Advance(t - clock_.Now()); }
};

TEST_F(NoticeLists, ListIsDecidedAtItsDeadlineNotAtTheApplicationsOwnNoticeEnds) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::vector<std::string> apps = InNotice("oewg", 3, "Listed");
  const absl::Time deadline = InDays(20);
  acc::NoticeList list;
  grpc::Status st =
      CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", apps, deadline, &list, "first-round");
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  EXPECT_EQ(list.name(), "processes/oewg/noticeLists/first-round");
  EXPECT_EQ(list.deadline().seconds(), absl::ToUnixSeconds(deadline));
  EXPECT_EQ(list.created_by(), "secretariat:oewg");
  ASSERT_EQ(list.applications_size(), 3);
  for (const auto& a : apps) {
    const acc::Application got = GetApp(a);
    EXPECT_EQ(got.notice_list(), list.name());
    EXPECT_EQ(got.due_time().seconds(), absl::ToUnixSeconds(deadline));
    EXPECT_EQ(got.notice_end_time().seconds(), absl::ToUnixSeconds(deadline));
  }
  // Readable by anyone, and listed.
  acc::GetNoticeListRequest get;
  get.set_name(list.name());
  acc::NoticeList read;
  auto ctx = Ctx("stakeholder:someone");
  ASSERT_TRUE(stub_->GetNoticeList(ctx.get(), get, &read).ok());
  EXPECT_EQ(read.applications(2), apps[2]);
  acc::ListNoticeListsRequest ls;
  ls.set_parent("processes/oewg");
  acc::ListNoticeListsResponse listed;
  ctx = Ctx();
  ASSERT_TRUE(stub_->ListNoticeLists(ctx.get(), ls, &listed).ok());
  ASSERT_EQ(listed.notice_lists_size(), 1);
  EXPECT_EQ(listed.notice_lists(0).name(), list.name());

  // Their own 14-day notice ends pass without a decision; objections are still taken.
  clock_.Advance(absl::Hours(24 * 15));
  EXPECT_EQ(Tick(), 0);
  ASSERT_TRUE(Object(apps[1], "FR").ok());
  AdvanceTo(deadline - absl::Milliseconds(1));
  EXPECT_EQ(Tick(), 0);
  AdvanceTo(deadline);
  EXPECT_EQ(Object(apps[0], "RU").error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Tick(), 3);
  EXPECT_EQ(GetApp(apps[0]).state(), acc::Application::APPROVED);
  const acc::Application blocked = GetApp(apps[1]);
  EXPECT_EQ(blocked.state(), acc::Application::REJECTED);
  EXPECT_EQ(blocked.decision().kind(), acc::Decision::BLOCKED_BY_OBJECTIONS);
  EXPECT_EQ(blocked.decision().decide_time().seconds(), absl::ToUnixSeconds(deadline));
  EXPECT_EQ(blocked.notice_end_time().seconds(), absl::ToUnixSeconds(deadline));
  EXPECT_EQ(GetApp(apps[2]).state(), acc::Application::APPROVED);
  EXPECT_EQ(Tick(), 0);
}

TEST_F(NoticeLists, ExtensionsBeforeTheDeadlineOnlyLaterOnlyAndTheyMoveTheDecision) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::vector<std::string> apps = InNotice("oewg", 2, "Extended");
  const absl::Time first = InDays(10);
  const absl::Time second = InDays(17);
  acc::NoticeList list;
  ASSERT_TRUE(CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", apps, first, &list).ok());

  // Refused: not the secretariat, not later, without a reason; none of them writes.
  acc::NoticeList out;
  grpc::Status st = Extend(*stub_, Ctx("secretariat:igf"), list.name(), second, "r", &out);
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_SECRETARIAT");
  st = Extend(*stub_, Ctx("stakeholder:x"), list.name(), second, "r", &out);
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  st = Extend(*stub_, Ctx("secretariat:oewg"), list.name(), first, "r", &out);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_EXTENSION");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"deadline"});
  st = Extend(*stub_, Ctx("secretariat:oewg"), list.name(), second, "", &out);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"reason"});
  EXPECT_EQ(GetApp(apps[0]).due_time().seconds(), absl::ToUnixSeconds(first));

  clock_.Advance(absl::Hours(24 * 3));
  const absl::Time extended_at = clock_.Now();
  st = Extend(*stub_, Ctx("secretariat:oewg"), list.name(), second, "Session postponed", &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  EXPECT_EQ(out.deadline().seconds(), absl::ToUnixSeconds(second));
  ASSERT_EQ(out.extensions_size(), 1);
  const auto& e = out.extensions(0);
  EXPECT_EQ(e.extended_by(), "secretariat:oewg");
  EXPECT_EQ(e.extend_time().seconds(), absl::ToUnixSeconds(extended_at));
  EXPECT_EQ(e.old_deadline().seconds(), absl::ToUnixSeconds(first));
  EXPECT_EQ(e.new_deadline().seconds(), absl::ToUnixSeconds(second));
  EXPECT_EQ(e.reason(), "Session postponed");
  EXPECT_NE(out.etag(), list.etag());
  for (const auto& a : apps) {
    EXPECT_EQ(GetApp(a).due_time().seconds(), absl::ToUnixSeconds(second));
  }

  // The old deadline decides nothing and objections are still taken after it.
  AdvanceTo(first);
  EXPECT_EQ(Tick(), 0);
  ASSERT_TRUE(Object(apps[0], "CN").ok());
  // Once the (new) deadline has passed, no more extensions.
  AdvanceTo(second);
  st = Extend(*stub_, Ctx("secretariat:oewg"), list.name(), InDays(5), "Too late", &out);
  EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "DEADLINE_PASSED");
  EXPECT_EQ(Tick(), 2);
  EXPECT_EQ(GetApp(apps[0]).state(), acc::Application::REJECTED);
  EXPECT_EQ(GetApp(apps[1]).state(), acc::Application::APPROVED);
}

// Creating and extending a list are audit entries, appended by the script that writes the
// list; a refused or replayed call appends none, and the log still verifies.
TEST_F(NoticeLists, CreationsAndExtensionsAreAuditedAndRefusalsAppendNothing) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::vector<std::string> apps = InNotice("oewg", 3, "Audited");
  redis::RedisClient admin(redis_->Options(), nullptr);
  audit::RedisAuditLog log(&admin, "{acc}");
  const auto fields = [](const audit::AuditEntry& e) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : e.fields) out.emplace_back(f.name, f.value);
    return out;
  };
  const auto id = [](const std::string& name) { return name.substr(name.rfind('/') + 1); };
  const auto ms = [](absl::Time t) { return std::to_string(absl::ToUnixMillis(t)); };

  const uint64_t before = *log.Length();
  const absl::Time first = InDays(10);
  acc::NoticeList list;
  ASSERT_TRUE(CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[0], apps[1]}, first, &list,
                         "round-1", "rid-audit")
                  .ok());
  auto created = log.Read(before + 1, 10);
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_EQ(created->size(), 1u);
  const audit::AuditEntry& c = created->front().entry;
  EXPECT_EQ(c.action, "accreditation.notice_list.created");
  EXPECT_EQ(c.resource, "processes/oewg/noticeLists/round-1");
  EXPECT_EQ(c.principal, "secretariat:oewg");
  EXPECT_EQ(c.time_ms, absl::ToUnixMillis(clock_.Now()));
  EXPECT_EQ(fields(c),
            (std::vector<std::pair<std::string, std::string>>{
                {"applications", id(apps[0]) + "," + id(apps[1])}, {"deadline", ms(first)}}));

  // Refused (in the script: an application already on a list; in the domain: an earlier
  // deadline) and replayed calls append nothing.
  acc::NoticeList out;
  EXPECT_EQ(
      CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[2], apps[0]}, InDays(12), &out)
          .error_code(),
      StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[0], apps[1]}, first, &out,
                         "round-1", "rid-audit")
                  .ok());
  EXPECT_EQ(
      Extend(*stub_, Ctx("secretariat:oewg"), list.name(), InDays(5), "Earlier", &out).error_code(),
      StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(*log.Length(), before + 1);

  clock_.Advance(absl::Hours(24));
  const absl::Time second = InDays(20);
  ASSERT_TRUE(
      Extend(*stub_, Ctx("secretariat:oewg"), list.name(), second, "Session postponed", &out).ok());
  ASSERT_EQ(*log.Length(), before + 2);
  auto extended = log.Read(before + 2, 1);
  ASSERT_TRUE(extended.ok()) << extended.status();
  const audit::AuditEntry& x = extended->front().entry;
  EXPECT_EQ(x.action, "accreditation.notice_list.extended");
  EXPECT_EQ(x.resource, list.name());
  EXPECT_EQ(x.principal, "secretariat:oewg");
  EXPECT_EQ(x.time_ms, absl::ToUnixMillis(clock_.Now()));
  EXPECT_EQ(
      fields(x),
      (std::vector<std::pair<std::string, std::string>>{
          {"old_deadline", ms(first)}, {"deadline", ms(second)}, {"reason", "Session postponed"}}));

  // The service seals them; the chain verifies.
  const uint64_t length = *log.Length();
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (log.Sealed()->count < length && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  auto all = log.Read(1, length);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), length);
  audit::ChainVerifier chain(audit::SignedHead{"{acc}", length, all->back().hash, 0, "", ""});
  for (const auto& e : *all) ASSERT_TRUE(chain.Add(e.entry, e.hash)) << chain.failure().reason;
  EXPECT_TRUE(chain.Finish());
}

TEST_F(NoticeLists, AnApplicationOnTwoListsOrNotInNoticeIsRefusedAndNothingIsWritten) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  Process("igf", reg::ParticipationModalities::PUBLIC);
  const std::vector<std::string> apps = InNotice("oewg", 2, "Twice");
  acc::NoticeList list;
  ASSERT_TRUE(
      CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[0]}, InDays(20), &list, "", "rid-1")
          .ok());
  // A retry with the same request id returns the same list.
  acc::NoticeList again;
  ASSERT_TRUE(CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[0]}, InDays(20), &again, "",
                         "rid-1")
                  .ok());
  EXPECT_EQ(again.name(), list.name());

  acc::NoticeList out;
  grpc::Status st = CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[1], apps[0]},
                               InDays(25), &out, "second");
  EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "APPLICATION_ON_LIST");
  EXPECT_NE(st.error_message().find(list.name()), std::string::npos) << st.error_message();
  acc::GetNoticeListRequest get;
  get.set_name("processes/oewg/noticeLists/second");
  auto ctx = Ctx();
  EXPECT_EQ(stub_->GetNoticeList(ctx.get(), get, &out).error_code(), StatusCode::NOT_FOUND);
  EXPECT_TRUE(GetApp(apps[1]).notice_list().empty());
  EXPECT_EQ(GetApp(apps[0]).notice_list(), list.name());

  // A committee application, an unknown one, one of another process, a past deadline, a
  // duplicate; and the secretariat of another process.
  const std::string sh = Stakeholder("Committee applicant", reg::Stakeholder::NO_STATUS);
  const std::string committee =
      Submit(Apply("oewg", sh, "committee").name(), "stakeholder:" + sh).name();
  st = CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {committee}, InDays(20), &out);
  EXPECT_EQ(Details(st).reason, "WRONG_STATE");
  st = CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {"processes/oewg/applications/nope"},
                  InDays(20), &out);
  EXPECT_EQ(st.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "APPLICATION_NOT_FOUND");
  st = CreateList(*stub_, Ctx("secretariat:igf"), "igf", {apps[1]}, InDays(20), &out);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"notice_list.applications[0]"});
  st = CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[1]}, clock_.Now(), &out);
  EXPECT_EQ(Details(st).reason, "INVALID_NOTICE_LIST");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"notice_list.deadline"});
  st = CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[1], apps[1]}, InDays(20), &out);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"notice_list.applications[1]"});
  st = CreateList(*stub_, Ctx("secretariat:igf"), "oewg", {apps[1]}, InDays(20), &out);
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_SECRETARIAT");
  EXPECT_TRUE(GetApp(apps[1]).notice_list().empty());
}

TEST_F(NoticeLists, TwoReplicasDecideEachApplicationOfTheListExactlyOnce) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const std::vector<std::string> apps = InNotice("oewg", 30, "Replicated");
  for (int i = 0; i < 30; i += 3) ASSERT_TRUE(Object(apps[i], "FR").ok());
  const absl::Time deadline = InDays(20);
  acc::NoticeList list;
  ASSERT_TRUE(CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", apps, deadline, &list).ok());
  auto second = StartReplica();
  AdvanceTo(deadline);
  int a = 0, b = 0;
  std::thread t1([&] { a = *replica_->app->scheduler().Tick(); });
  std::thread t2([&] { b = *second->app->scheduler().Tick(); });
  t1.join();
  t2.join();
  EXPECT_EQ(a + b, 30);
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(DecisionEvents(redis_->Options(), apps[i]), 1) << apps[i];
    EXPECT_EQ(GetApp(apps[i]).state(),
              i % 3 == 0 ? acc::Application::REJECTED : acc::Application::APPROVED);
  }
  second->host->Shutdown();
}

TEST_F(NoticeLists, ListingByDeadlineFollowsTheListsDeadline) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  // Own notice ends 14 days out; the list moves the first two to 20 days, then 25.
  const std::vector<std::string> apps = InNotice("oewg", 3, "Listed");
  acc::NoticeList list;
  ASSERT_TRUE(
      CreateList(*stub_, Ctx("secretariat:oewg"), "oewg", {apps[0], apps[1]}, InDays(20), &list)
          .ok());
  auto listed = [&](absl::Time before) {
    acc::ListApplicationsRequest req;
    req.set_parent("processes/oewg");
    req.set_order_by("deadline");
    req.mutable_deadline_before()->set_seconds(absl::ToUnixSeconds(before));
    acc::ListApplicationsResponse out;
    grpc::Status st = stub_->ListApplications(Ctx("secretariat:oewg").get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<std::string> names;
    for (const auto& a : out.applications()) names.push_back(a.name());
    return names;
  };
  EXPECT_EQ(listed(InDays(15)), std::vector<std::string>{apps[2]});
  EXPECT_EQ(listed(InDays(21)).size(), 3u);
  acc::NoticeList out;
  ASSERT_TRUE(
      Extend(*stub_, Ctx("secretariat:oewg"), list.name(), InDays(25), "Postponed", &out).ok());
  EXPECT_EQ(listed(InDays(21)), std::vector<std::string>{apps[2]});
  // The list's two applications share its deadline, after the third's own notice end.
  const std::vector<std::string> all = listed(InDays(26));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0], apps[2]);
  EXPECT_EQ(std::set<std::string>(all.begin() + 1, all.end()),
            (std::set<std::string>{apps[0], apps[1]}));
}

}  // namespace
}  // namespace polylateral::accreditation::testing
