#include "tests/routing/harness.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace polylateral::routing::testing {
namespace {

void SetDate(absl::Time t, type::v1::Date* d) {
  const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
  d->set_year(static_cast<int>(day.year()));
  d->set_month(day.month());
  d->set_day(day.day());
}

}  // namespace

AppOptions RoutingTest::Options() {
  AppOptions o;
  o.registry_address = registry_address_;
  o.accreditation_address = absl::StrCat("127.0.0.1:", replica_->host->port());
  o.registry_cache_ttl = absl::ZeroDuration();  // fixtures change between calls
  o.consume_events = false;                     // tests drive events().Poll()
  o.inbox.visibility_timeout = absl::Milliseconds(100);
  o.inbox.max_deliveries = 3;
  o.audit.seal_interval = absl::Milliseconds(20);
  o.audit.clock = &clock_;
  return o;
}

void RoutingTest::SetUp() {
  AccreditationTest::SetUp();
  server::HostOptions o;
  o.listen = "127.0.0.1:0";
  o.redis = redis_->Options("routing");
  o.workers = 4;
  o.health_interval = absl::Milliseconds(50);
  o.shutdown_grace = absl::Seconds(1);
  if (serve_metrics_) o.metrics_listen = "127.0.0.1:0";
  ConfigureRoutingHost(o);
  routing_host_ = *server::ServiceHost::Create(o);
  routing_app_ = std::make_unique<RoutingApp>(routing_host_.get(), &clock_, Options());
  ASSERT_TRUE(routing_host_->Start(routing_app_->services()).ok());
  routing_ = rt::RoutingService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", routing_host_->port()), grpc::InsecureChannelCredentials()));
}

void RoutingTest::TearDown() {
  routing_.reset();
  if (routing_host_ != nullptr) routing_host_->Shutdown();
  routing_app_.reset();
  routing_host_.reset();
  AccreditationTest::TearDown();
}

void RoutingTest::GlobalMechanism(const std::string& id) {
  reg::CreateProcessRequest req;
  req.set_process_id(id);
  auto* p = req.mutable_process();
  p->set_display_name("Global Mechanism on ICT security " + id);
  p->set_host_institution("UN General Assembly");
  p->add_themes("themes/cybersecurity");
  auto* m = p->mutable_modalities();
  m->set_disclosure_policy(reg::ParticipationModalities::PUBLIC);
  auto* g = m->add_routes();
  g->set_route_id("ecosoc-general");
  g->set_kind(reg::AccreditationRoute::INHERITED_STATUS);
  for (auto r : {type::v1::ATTEND_PLENARY, type::v1::ATTEND_THEMATIC_GROUPS,
                 type::v1::ORAL_STATEMENTS, type::v1::WRITTEN_INPUT}) {
    g->add_granted_rights(r);
  }
  g->add_qualifying_ecosoc_statuses(reg::Stakeholder::GENERAL);
  auto* n = m->add_routes();
  n->set_route_id("non-objection");
  n->set_kind(reg::AccreditationRoute::NON_OBJECTION);
  n->add_granted_rights(type::v1::ATTEND_PLENARY);
  n->add_granted_rights(type::v1::WRITTEN_INPUT);
  n->mutable_objection_rule()->set_kind(reg::ObjectionRule::ANY_SINGLE_OBJECTION);
  n->mutable_notice_period()->set_seconds(14 * 24 * 3600);
  n->mutable_validity()->set_seconds(365 * 24 * 3600);
  const absl::Time today = clock_.Now();
  const absl::Time later = today + absl::Hours(24 * 60);
  auto* s = p->add_sessions();
  s->set_session_id("s1");
  s->set_display_name("First substantive session");
  SetDate(today - absl::Hours(24), s->mutable_start_date());
  SetDate(later, s->mutable_end_date());
  SetDate(today - absl::Hours(24), s->mutable_written_input_opens());
  SetDate(later, s->mutable_written_input_closes());
  s->set_states_present(150);
  const std::pair<const char*, const char*> groups[] = {
      {"cip", "critical-infrastructure-protection"}, {"capacity", "capacity-building"}};
  for (const auto& [gid, theme] : groups) {
    auto* tg = p->add_thematic_groups();
    tg->set_group_id(gid);
    tg->set_display_name(absl::StrCat("Thematic group ", gid));
    tg->add_themes("themes/cybersecurity");
    auto* item = tg->add_agenda();
    item->set_title(absl::StrCat("Current item: ", theme));
    item->add_themes(absl::StrCat("themes/", theme));
    SetDate(today - absl::Hours(24), item->mutable_start_date());
    SetDate(later, item->mutable_end_date());
  }
  reg::Process out;
  auto ctx = Ctx("operator:test");
  grpc::Status st = registry_->CreateProcess(ctx.get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
}

std::string RoutingTest::Accredited(const std::string& name, const std::string& process,
                                    const std::string& country) {
  std::string id = Stakeholder(name, reg::Stakeholder::GENERAL, country, type::v1::PRIVATE_SECTOR);
  acc::Application a = Apply(process, id, "ecosoc-general");
  acc::Application s = Submit(a.name(), "stakeholder:" + id);
  EXPECT_EQ(s.state(), acc::Application::APPROVED);
  return id;
}

std::string RoutingTest::Network(const std::string& name, const std::vector<std::string>& members) {
  reg::CreateStakeholderRequest req;
  auto* s = req.mutable_stakeholder();
  s->set_kind(reg::Stakeholder::NETWORK);
  s->set_display_name(name);
  s->set_stakeholder_group(type::v1::CIVIL_SOCIETY);
  s->set_country("CH");
  s->add_themes("themes/cybersecurity");
  s->add_languages("en");
  for (const auto& m : members) s->add_network_members("stakeholders/" + m);
  reg::Stakeholder out;
  auto ctx = Ctx("operator:test");
  grpc::Status st = registry_->CreateStakeholder(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out.name().substr(out.name().find('/') + 1);
}

rt::Input RoutingTest::Written(const std::string& author, const std::string& process,
                               const std::vector<std::string>& themes) {
  rt::Input in;
  in.set_kind(rt::Input::WRITTEN_SUBMISSION);
  in.set_author("stakeholders/" + author);
  in.set_title("Protecting the public core of critical infrastructure");
  for (const auto& t : themes) in.add_themes("themes/" + t);
  in.set_language("en");
  if (process.empty()) {
    in.mutable_target()->set_kind(rt::Target::WHEREVER_IT_BELONGS);
  } else {
    in.mutable_target()->set_kind(rt::Target::PROCESS);
    in.mutable_target()->set_process("processes/" + process);
  }
  in.set_text(
      "States should not conduct or knowingly support ICT activity that damages "
      "critical infrastructure providing services to the public.");
  return in;
}

grpc::Status RoutingTest::SubmitInput(const rt::Input& in, rt::Input* out,
                                      const std::string& principal) {
  rt::SubmitInputRequest req;
  *req.mutable_input() = in;
  auto ctx = Ctx(principal.empty() ? "stakeholder:" + in.author().substr(13) : principal);
  return routing_->SubmitInput(ctx.get(), req, out);
}

rt::PullInboxResponse RoutingTest::Pull(const std::string& dest, const std::string& principal,
                                        int max) {
  rt::PullInboxRequest req;
  req.set_destination(dest);
  req.set_max_deliveries(max);
  rt::PullInboxResponse out;
  auto ctx = Ctx(principal);
  grpc::Status st = routing_->PullInbox(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  return out;
}

bool RoutingTest::Ack(const std::string& dest, const std::string& id,
                      const std::string& principal) {
  rt::AckDeliveryRequest req;
  req.set_destination(dest);
  req.set_delivery_id(id);
  rt::AckDeliveryResponse out;
  auto ctx = Ctx(principal);
  grpc::Status st = routing_->AckDelivery(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  return out.acknowledged();
}

}  // namespace polylateral::routing::testing
