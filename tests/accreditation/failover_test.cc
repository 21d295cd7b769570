// The registry and two accreditation replicas on the deployed Redis shape (a primary, two
// replicas, three sentinels; every write waits for one replica), over gRPC, while the primary
// is killed with SIGKILL: no write a service acknowledged is lost, writes resume on the
// promoted replica, and every notice deadline falling due meanwhile is decided exactly once.
#include <atomic>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/testing/sentinel_topology.h"
#include "common/testing/wait_for.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

using polylateral::testing::SentinelTopology;
using polylateral::testing::WaitFor;

class FailoverTest : public AccreditationTest {
 protected:
  static void SetUpTestSuite() {
    topology_ = new SentinelTopology();
    topology_->Start();
  }
  static void TearDownTestSuite() {
    delete topology_;
    topology_ = nullptr;
  }
  redis::RedisOptions RedisFor(const std::string& user) const override {
    redis::RedisOptions o = topology_->ServiceOptions(user, /*min_replicas_ack=*/1);
    o.replicas_ack_timeout = absl::Seconds(1);
    return o;
  }
  void ResetRedis() override {}

  static SentinelTopology* topology_;
};

SentinelTopology* FailoverTest::topology_ = nullptr;

// Calls `write(i)` for i = 0, 1, ... until stopped or `limit`, pacing the calls and retrying
// a failed i as a client would (the same request id), and keeps the results of the calls that
// answered OK and when each began.
class Writer {
 public:
  Writer(int limit, std::function<std::optional<std::string>(int)> write)
      : write_(std::move(write)) {
    thread_ = std::thread([this, limit] {
      for (int i = 0; !stop_ && i < limit;) {
        const absl::Time began = absl::Now();
        if (auto name = write_(i)) {
          absl::MutexLock lock(&mu_);
          acked_.push_back(*name);
          began_.push_back(began);
          ++i;
        }
        absl::SleepFor(absl::Milliseconds(40));
      }
    });
  }
  ~Writer() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  size_t acked() const {
    absl::MutexLock lock(&mu_);
    return acked_.size();
  }
  std::vector<std::string> acked_names() const {
    absl::MutexLock lock(&mu_);
    return acked_;
  }
  absl::Time first_ack_after(absl::Time t) const {
    absl::MutexLock lock(&mu_);
    for (size_t i = 0; i < began_.size(); ++i) {
      if (began_[i] > t) return began_[i];
    }
    return absl::InfiniteFuture();
  }

 private:
  std::function<std::optional<std::string>(int)> write_;
  std::atomic<bool> stop_{false};
  mutable absl::Mutex mu_;
  std::vector<std::string> acked_ ABSL_GUARDED_BY(mu_);
  std::vector<absl::Time> began_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

TEST_F(FailoverTest, NoAcknowledgedWriteIsLostAndEveryDeadlineIsDecidedOnce) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  // Applications whose notice ends while the primary is down.
  constexpr int kDue = 40;
  std::vector<std::string> due;
  for (int i = 0; i < kDue; ++i) {
    const std::string sh =
        Stakeholder(absl::StrCat("Noticed NGO ", i), reg::Stakeholder::NO_STATUS);
    due.push_back(Submit(Apply("oewg", sh, "non-objection").name(), "stakeholder:" + sh).name());
  }
  // One stakeholder per application written: a stakeholder has one open application.
  constexpr int kWrites = 200;
  std::vector<std::string> applicants;
  applicants.reserve(kWrites);
  for (int i = 0; i < kWrites; ++i) {
    applicants.push_back(
        Stakeholder(absl::StrCat("Drafting NGO ", i), reg::Stakeholder::NO_STATUS));
  }
  std::unique_ptr<Replica> second = StartReplica();

  Writer registry_writer(kWrites, [&](int i) -> std::optional<std::string> {
    reg::CreateStakeholderRequest req;
    req.set_request_id(absl::StrCat("failover-sh-", i));
    auto* s = req.mutable_stakeholder();
    s->set_kind(reg::Stakeholder::ORGANISATION);
    s->set_display_name(absl::StrCat("Written NGO ", i));
    s->set_stakeholder_group(type::v1::CIVIL_SOCIETY);
    s->set_country("KE");
    s->add_themes("themes/incident-response");
    s->add_languages("en");
    reg::Stakeholder out;
    auto ctx = Ctx("operator:test");
    if (!registry_->CreateStakeholder(ctx.get(), req, &out).ok()) return std::nullopt;
    return out.name();
  });
  Writer accreditation_writer(kWrites, [&](int i) -> std::optional<std::string> {
    acc::CreateApplicationRequest req;
    req.set_parent("processes/oewg");
    req.set_request_id(absl::StrCat("failover-app-", i));
    req.mutable_application()->set_stakeholder("stakeholders/" + applicants[i]);
    req.mutable_application()->set_route_id("committee");
    acc::Application out;
    auto ctx = Ctx("stakeholder:" + applicants[i]);
    if (!stub_->CreateApplication(ctx.get(), req, &out).ok()) return std::nullopt;
    return out.name();
  });
  ASSERT_TRUE(WaitFor(absl::Seconds(20), [&] {
    return registry_writer.acked() >= 20 && accreditation_writer.acked() >= 20;
  }));

  // The deadlines fall due, both replicas' schedulers race for them, and the primary dies.
  clock_.Advance(absl::Hours(24 * 14));
  std::atomic<bool> ticking{true};
  std::atomic<int> decided{0};
  auto tick = [&](Replica* r) {
    while (ticking) {
      auto n = r->app->scheduler().Tick();
      if (n.ok()) decided += *n;
      absl::SleepFor(absl::Milliseconds(10));
    }
  };
  std::thread tick_a(tick, replica_.get()), tick_b(tick, second.get());
  const absl::Time killed = absl::Now();
  topology_->node(0).Kill();

  ASSERT_TRUE(WaitFor(absl::Seconds(30), [&] {
    return registry_writer.first_ack_after(killed) != absl::InfiniteFuture() &&
           accreditation_writer.first_ack_after(killed) != absl::InfiniteFuture();
  })) << "writes never resumed after the primary was killed";
  const size_t sh_after = registry_writer.acked(), app_after = accreditation_writer.acked();
  ASSERT_TRUE(WaitFor(absl::Seconds(20), [&] {
    return registry_writer.acked() >= sh_after + 20 &&
           accreditation_writer.acked() >= app_after + 20;
  }));
  registry_writer.Stop();
  accreditation_writer.Stop();
  std::cout << "first acknowledged write after the kill: registry +"
            << (registry_writer.first_ack_after(killed) - killed) << ", accreditation +"
            << (accreditation_writer.first_ack_after(killed) - killed) << "\n";

  auto admin_options = topology_->AdminOnCurrentPrimary();
  ASSERT_TRUE(admin_options.ok()) << admin_options.status();
  EXPECT_NE(admin_options->address, topology_->node(0).address());
  redis::RedisClient admin(*admin_options, nullptr);
  auto missing = [&](const std::vector<std::string>& names, auto key_of) {
    int lost = 0;
    for (const auto& name : names) {
      auto r = admin.Command({"EXISTS", key_of(name)});
      if (!r.ok() || r->integer() != 1) ++lost;
    }
    return lost;
  };
  const auto stakeholders = registry_writer.acked_names();
  const auto drafts = accreditation_writer.acked_names();
  EXPECT_EQ(missing(stakeholders,
                    [](const std::string& n) {
                      return absl::StrCat("{reg}:sh:", n.substr(n.rfind('/') + 1));
                    }),
            0)
      << "of " << stakeholders.size() << " acknowledged stakeholders";
  EXPECT_EQ(missing(drafts,
                    [](const std::string& n) {
                      return absl::StrCat("{acc}:app:oewg:", n.substr(n.rfind('/') + 1));
                    }),
            0)
      << "of " << drafts.size() << " acknowledged applications";

  // Every deadline decided, each by one decision event; a tick the replicas could not confirm
  // is decided again from what the new primary holds, never twice in its record.
  ASSERT_TRUE(WaitFor(absl::Seconds(30), [&] {
    for (const auto& name : due) {
      acc::GetApplicationRequest req;
      req.set_name(name);
      acc::Application a;
      auto ctx = Ctx("operator:test");
      if (!stub_->GetApplication(ctx.get(), req, &a).ok() ||
          a.state() != acc::Application::APPROVED) {
        return false;
      }
    }
    return true;
  })) << "not every deadline was decided after the failover";
  ticking = false;
  tick_a.join();
  tick_b.join();
  EXPECT_LE(decided.load(), kDue);
  auto events = admin.Command({"XRANGE", "{acc}:events", "-", "+"});
  ASSERT_TRUE(events.ok()) << events.status();
  std::map<std::string, int> approvals;
  for (size_t i = 0; i < events->size(); ++i) {
    redis::ReplyView fields = (*events)[i][1];
    std::string type, process, app;
    for (size_t k = 0; k + 1 < fields.size(); k += 2) {
      if (fields[k].str() == "type") type = std::string(fields[k + 1].str());
      if (fields[k].str() == "process") process = std::string(fields[k + 1].str());
      if (fields[k].str() == "application") app = std::string(fields[k + 1].str());
    }
    if (type == "application.approved") {
      ++approvals[absl::StrCat("processes/", process, "/applications/", app)];
    }
  }
  for (const auto& name : due) EXPECT_EQ(approvals[name], 1) << name;
  second->host->Shutdown();
}

}  // namespace
}  // namespace polylateral::accreditation::testing
