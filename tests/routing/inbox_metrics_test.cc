// The operators' delivery gauges against the real services: inputs queued in the inboxes of
// two kinds (a process's channels, a network), some handed out and not acknowledged, some
// dead-lettered; the sampler's figures on the routing service's /metrics, per kind.
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/testing/wait_for.h"
#include "services/routing/domain/inbox_destination.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";
constexpr char kPlenary[] = "processes/global-mechanism/plenary";
constexpr char kKinds[][16] = {"process_channel", "state", "network", "clearing_house"};

class InboxMetricsTest : public RoutingTest {
 protected:
  InboxMetricsTest() { serve_metrics_ = true; }

  AppOptions Options() override {
    AppOptions o = RoutingTest::Options();
    o.inbox_metrics.interval = absl::Milliseconds(50);
    o.inbox_metrics.page = 2;  // several pages even for a handful of inboxes
    return o;
  }

  // The value of `series{kind="<kind>"}` on routing's /metrics; -1 when absent.
  static double Gauge(const std::string& text, const std::string& series, const std::string& kind) {
    const std::string prefix = absl::StrCat(series, "{kind=\"", kind, "\"} ");
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      if (!absl::StartsWith(line, prefix)) continue;
      double v = -1;
      if (absl::SimpleAtod(line.substr(prefix.size()), &v)) return v;
    }
    return -1;
  }

  // An accredited network (ECOSOC general status) with one member.
  std::string AccreditedNetwork(const std::string& member) {
    reg::CreateStakeholderRequest req;
    auto* s = req.mutable_stakeholder();
    s->set_kind(reg::Stakeholder::NETWORK);
    s->set_display_name("Civil Society Network");
    s->set_stakeholder_group(type::v1::CIVIL_SOCIETY);
    s->set_country("CH");
    s->set_ecosoc_status(reg::Stakeholder::GENERAL);
    s->add_languages("en");
    s->add_network_members("stakeholders/" + member);
    req.set_stakeholder_id("cs-network");
    reg::Stakeholder out;
    auto ctx = Ctx("operator:test");
    grpc::Status st = registry_->CreateStakeholder(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    acc::Application a = Apply(kGm, "cs-network", "ecosoc-general");
    EXPECT_EQ(AccreditationTest::Submit(a.name(), "stakeholder:cs-network").state(),
              acc::Application::APPROVED);
    return "cs-network";
  }
};

TEST_F(InboxMetricsTest, GaugesShowDepthPendingAgeAndDeadLettersPerKind) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  const std::string small =
      Stakeholder("Small Business", reg::Stakeholder::NO_STATUS, "BR", type::v1::PRIVATE_SECTOR);
  const std::string network = AccreditedNetwork(small);
  const std::string network_inbox = "networks/" + network;

  // Entries per destination, from the routes each submission got.
  std::map<std::string, int> queued;
  for (const std::string& author : {acme, acme, acme, small, small}) {
    rt::Input out;
    grpc::Status st = SubmitInput(Written(author, kGm, {"cybersecurity"}), &out);
    ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
    for (const auto& r : out.routes()) ++queued[r.destination()];
  }
  std::map<std::string, int> per_kind;
  for (const auto& [dest, n] : queued) {
    auto kind = InboxKindOf(dest);
    ASSERT_TRUE(kind.has_value()) << dest;
    per_kind[std::string(InboxKindName(*kind))] += n;
  }
  ASSERT_EQ(queued[kPlenary], 3);
  ASSERT_EQ(queued[network_inbox], 2);
  ASSERT_EQ(per_kind.size(), 2u) << "process channels and the network only";
  const int process_entries = per_kind["process_channel"];

  // The network's two entries handed out without acknowledgement until both are dead letters
  // (the harness: visibility 100 ms, 3 hand-outs).
  const std::string network_reader = "stakeholder:" + network;
  ASSERT_TRUE(polylateral::testing::WaitFor(absl::Seconds(15), [&] {
    Pull(network_inbox, network_reader);
    auto dead = routing_app_->store().DeadLetters(network_inbox);
    return dead.ok() && dead->size() == 2;
  }));
  // One plenary entry handed out and kept unacknowledged.
  ASSERT_EQ(Pull(kPlenary, kSecretariat, 1).deliveries_size(), 1);
  // Everything was queued two hours ago by the service's clock.
  clock_.Advance(absl::Hours(2));

  const int port = routing_host_->metrics_port();
  std::string text;
  const bool settled = polylateral::testing::WaitFor(absl::Seconds(10), [&] {
    text = MetricsAt(port);
    return Gauge(text, "polylateral_routing_inbox_pending", "process_channel") == 1 &&
           Gauge(text, "polylateral_routing_dead_letters", "network") == 2 &&
           Gauge(text, "polylateral_routing_inbox_oldest_age_seconds", "process_channel") >= 7200;
  });
  EXPECT_TRUE(settled) << text;

  EXPECT_EQ(Gauge(text, "polylateral_routing_inbox_depth", "process_channel"), process_entries - 1);
  EXPECT_EQ(Gauge(text, "polylateral_routing_inbox_pending", "process_channel"), 1);
  EXPECT_EQ(Gauge(text, "polylateral_routing_inbox_oldest_age_seconds", "process_channel"), 7200);
  EXPECT_EQ(Gauge(text, "polylateral_routing_dead_letters", "process_channel"), 0);
  EXPECT_EQ(Gauge(text, "polylateral_routing_inbox_depth", "network"), 0);
  EXPECT_EQ(Gauge(text, "polylateral_routing_inbox_pending", "network"), 0);
  EXPECT_EQ(Gauge(text, "polylateral_routing_inbox_oldest_age_seconds", "network"), 0);
  EXPECT_EQ(Gauge(text, "polylateral_routing_dead_letters", "network"), 2);
  // The sampler indexed the inboxes of earlier inputs once, as routing's Redis user.
  auto built =
      redis::RedisClient(redis_->Options(), nullptr).Command({"EXISTS", "{rt}:inboxes-built"});
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->integer(), 1);
  // Every kind has its series from start-up, empty kinds at 0.
  for (const char* kind : kKinds) {
    for (const char* series :
         {"polylateral_routing_inbox_depth", "polylateral_routing_inbox_pending",
          "polylateral_routing_inbox_oldest_age_seconds", "polylateral_routing_dead_letters"}) {
      const double v = Gauge(text, series, kind);
      EXPECT_GE(v, 0) << series << " " << kind;
      if (absl::string_view(kind) == "state" || absl::string_view(kind) == "clearing_house") {
        EXPECT_EQ(v, 0) << series << " " << kind;
      }
    }
  }

  // The plenary read and acknowledged (the held entry comes back after the visibility
  // timeout): its entries leave depth and pending.
  int acked = 0;
  ASSERT_TRUE(polylateral::testing::WaitFor(absl::Seconds(10), [&] {
    const rt::PullInboxResponse pulled = Pull(kPlenary, kSecretariat, 100);
    for (const auto& d : pulled.deliveries()) {
      acked += Ack(kPlenary, d.delivery_id(), kSecretariat) ? 1 : 0;
    }
    return acked == 3;
  }));
  EXPECT_TRUE(polylateral::testing::WaitFor(absl::Seconds(10), [&] {
    text = MetricsAt(port);
    return Gauge(text, "polylateral_routing_inbox_pending", "process_channel") == 0 &&
           Gauge(text, "polylateral_routing_inbox_depth", "process_channel") == process_entries - 3;
  })) << text;
}

}  // namespace
}  // namespace polylateral::routing::testing
