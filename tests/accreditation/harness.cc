#include "tests/accreditation/harness.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace polylateral::accreditation::testing {

polylateral::testing::RedisServer* AccreditationTest::redis_ = nullptr;

ErrorDetails Details(const grpc::Status& status) {
  ErrorDetails out;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) return out;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    google::rpc::PreconditionFailure failure;
    if (any.UnpackTo(&info)) {
      out.reason = info.reason();
    } else if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) out.fields.push_back(v.field());
    } else if (any.UnpackTo(&failure)) {
      for (const auto& v : failure.violations()) out.fields.push_back(v.subject());
    }
  }
  return out;
}

void AccreditationTest::SetUpTestSuite() {
  redis_ = new polylateral::testing::RedisServer(polylateral::testing::RedisAcl::kServiceUsers);
  redis_->Start();
}

void AccreditationTest::TearDownTestSuite() {
  delete redis_;
  redis_ = nullptr;
}

namespace {
server::HostOptions Options(const redis::RedisOptions& redis) {
  server::HostOptions o;
  o.listen = "127.0.0.1:0";
  o.redis = redis;
  o.workers = 4;
  o.health_interval = absl::Milliseconds(50);
  o.shutdown_grace = absl::Seconds(1);
  return o;
}
}  // namespace

redis::RedisOptions AccreditationTest::RedisFor(const std::string& user) const {
  return redis_->Options(user);
}

void AccreditationTest::ResetRedis() {
  if (!redis_->running()) redis_->Start();
  redis::RedisClient(redis_->Options(), nullptr).Command({"FLUSHALL"}).IgnoreError();
}

void AccreditationTest::SetUp() {
  ResetRedis();
  server::HostOptions o = Options(RedisFor("registry"));
  registry::ConfigureRegistryHost(o);
  registry_host_ = *server::ServiceHost::Create(o);
  registry_app_ = std::make_unique<registry::RegistryApp>(registry_host_.get(), SystemClock::Get());
  ASSERT_TRUE(registry_host_->Start({registry_app_->service()}).ok());
  registry_address_ = absl::StrCat("127.0.0.1:", registry_host_->port());
  registry_ = reg::RegistryService::NewStub(
      grpc::CreateChannel(registry_address_, grpc::InsecureChannelCredentials()));
  replica_ = StartReplica();
  stub_ = acc::AccreditationService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", replica_->host->port()), grpc::InsecureChannelCredentials()));
}

std::unique_ptr<Replica> AccreditationTest::StartReplica(bool metrics) {
  auto r = std::make_unique<Replica>();
  server::HostOptions o = Options(RedisFor("accreditation"));
  if (metrics) o.metrics_listen = "127.0.0.1:0";
  ConfigureAccreditationHost(o);
  r->host = *server::ServiceHost::Create(o);
  AppOptions ao;
  ao.registry_address = registry_address_;
  ao.run_scheduler = false;
  ao.audit.seal_interval = absl::Milliseconds(20);
  ao.audit.clock = &clock_;
  ao.audit.signer = audit_signer_;
  // A replica's event reader stops within one XREAD block: kept short for quick teardowns.
  ao.events.block = absl::Milliseconds(50);
  ao.watch = watch_options_;
  ao.webhooks = webhook_options_;
  r->app = std::make_unique<AccreditationApp>(r->host.get(), &clock_, ao);
  EXPECT_TRUE(r->host->Start(r->app->services()).ok());
  return r;
}

std::string AccreditationTest::Metrics(const Replica& replica) {
  return MetricsAt(replica.host->metrics_port());
}

std::string AccreditationTest::MetricsAt(int port) {
  // A plain HTTP GET on loopback: enough for prometheus-cpp's endpoint.
  const std::string cmd = absl::StrCat("curl -s --max-time 5 http://127.0.0.1:", port, "/metrics");
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

double AccreditationTest::DecisionCount(const std::string& metrics, const std::string& route,
                                        const std::string& outcome) {
  for (absl::string_view line : absl::StrSplit(metrics, '\n')) {
    if (!absl::StartsWith(line, "polylateral_accreditation_decisions_total{") ||
        !absl::StrContains(line, absl::StrCat("route=\"", route, "\"")) ||
        !absl::StrContains(line, absl::StrCat("outcome=\"", outcome, "\""))) {
      continue;
    }
    double v = -1;
    if (absl::SimpleAtod(line.substr(line.rfind(' ') + 1), &v)) return v;
  }
  return -1;
}

void AccreditationTest::UseReplicaWithMetrics() {
  stub_.reset();
  replica_->host->Shutdown();
  replica_ = StartReplica(/*metrics=*/true);
  stub_ = acc::AccreditationService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", replica_->host->port()), grpc::InsecureChannelCredentials()));
}

void AccreditationTest::StopRegistry() {
  if (registry_host_ != nullptr) registry_host_->Shutdown();
}

void AccreditationTest::TearDown() {
  stub_.reset();
  if (replica_ != nullptr) replica_->host->Shutdown();
  replica_.reset();
  StopRegistry();
  registry_app_.reset();
  registry_host_.reset();
}

std::unique_ptr<grpc::ClientContext> AccreditationTest::Ctx(const std::string& principal) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  if (!principal.empty()) ctx->AddMetadata("x-polylateral-principal", principal);
  return ctx;
}

std::string AccreditationTest::Stakeholder(const std::string& name,
                                           reg::Stakeholder::EcosocStatus ecosoc,
                                           const std::string& country,
                                           type::v1::StakeholderGroup group) {
  reg::CreateStakeholderRequest req;
  auto* s = req.mutable_stakeholder();
  s->set_kind(reg::Stakeholder::ORGANISATION);
  s->set_display_name(name);
  s->set_stakeholder_group(group);
  s->set_country(country);
  s->add_themes("themes/incident-response");
  s->set_ecosoc_status(ecosoc);
  s->add_languages("en");
  reg::Stakeholder out;
  auto ctx = Ctx("operator:test");
  grpc::Status st = registry_->CreateStakeholder(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out.name().substr(out.name().find('/') + 1);
}

void AccreditationTest::Process(
    const std::string& id, reg::ParticipationModalities::DisclosurePolicy policy,
    reg::ObjectionRule::Kind rule,
    const std::vector<std::pair<absl::CivilDay, absl::CivilDay>>& sessions,
    const std::vector<std::string>& qualifying_processes, const std::vector<int>& states_present) {
  reg::CreateProcessRequest req;
  req.set_process_id(id);
  auto* p = req.mutable_process();
  p->set_display_name("Global Mechanism on ICT security " + id);
  p->set_host_institution("UN General Assembly");
  for (size_t i = 0; i < sessions.size(); ++i) {
    auto* s = p->add_sessions();
    s->set_session_id(absl::StrCat("session-", i + 1));
    s->set_display_name(absl::StrCat("Session ", i + 1));
    if (i < states_present.size()) s->set_states_present(states_present[i]);
    for (auto [day, date] : {std::pair{sessions[i].first, s->mutable_start_date()},
                             std::pair{sessions[i].second, s->mutable_end_date()}}) {
      date->set_year(static_cast<int32_t>(day.year()));
      date->set_month(day.month());
      date->set_day(day.day());
    }
  }
  auto* m = p->mutable_modalities();
  m->set_disclosure_policy(policy);
  auto* g = m->add_routes();
  g->set_route_id("ecosoc-general");
  g->set_kind(reg::AccreditationRoute::INHERITED_STATUS);
  for (auto r : {type::v1::ATTEND_PLENARY, type::v1::ORAL_STATEMENTS, type::v1::WRITTEN_INPUT,
                 type::v1::INFORMAL_DIALOGUES}) {
    g->add_granted_rights(r);
  }
  g->add_qualifying_ecosoc_statuses(reg::Stakeholder::GENERAL);
  for (const auto& q : qualifying_processes) g->add_qualifying_processes("processes/" + q);
  auto* sp = m->add_routes();
  sp->set_route_id("ecosoc-special");
  sp->set_kind(reg::AccreditationRoute::INHERITED_STATUS);
  sp->add_granted_rights(type::v1::ATTEND_PLENARY);
  sp->add_granted_rights(type::v1::WRITTEN_INPUT);
  sp->add_qualifying_ecosoc_statuses(reg::Stakeholder::SPECIAL);
  sp->add_qualifying_ecosoc_statuses(reg::Stakeholder::ROSTER);
  auto* n = m->add_routes();
  n->set_route_id("non-objection");
  n->set_kind(reg::AccreditationRoute::NON_OBJECTION);
  n->add_granted_rights(type::v1::ATTEND_PLENARY);
  n->mutable_objection_rule()->set_kind(rule);
  if (rule == reg::ObjectionRule::AT_LEAST_N_STATES) {
    n->mutable_objection_rule()->set_min_objecting_states(2);
  }
  if (rule == reg::ObjectionRule::FRACTION_OF_STATES_PRESENT) {
    n->mutable_objection_rule()->set_fraction_of_states_present(1.0 / 3);
  }
  n->mutable_notice_period()->set_seconds(14 * 24 * 3600);
  n->mutable_validity()->set_seconds(365 * 24 * 3600);
  auto* c = m->add_routes();
  c->set_route_id("committee");
  c->set_kind(reg::AccreditationRoute::COMMITTEE_REVIEW);
  c->add_granted_rights(type::v1::ATTEND_PLENARY);
  for (const char* s : {"CU", "IN", "US"}) c->add_committee_states(s);
  c->mutable_reminder_interval()->set_seconds(30 * 24 * 3600);
  c->set_max_unanswered_reminders(3);
  reg::Process out;
  auto ctx = Ctx("operator:test");
  grpc::Status st = registry_->CreateProcess(ctx.get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

acc::Application AccreditationTest::Apply(const std::string& process,
                                          const std::string& stakeholder,
                                          const std::string& route) {
  acc::CreateApplicationRequest req;
  req.set_parent("processes/" + process);
  req.mutable_application()->set_stakeholder("stakeholders/" + stakeholder);
  req.mutable_application()->set_route_id(route);
  acc::Application out;
  auto ctx = Ctx("stakeholder:" + stakeholder);
  grpc::Status st = stub_->CreateApplication(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  return out;
}

acc::Application AccreditationTest::Submit(const std::string& name, const std::string& principal) {
  acc::SubmitApplicationRequest req;
  req.set_name(name);
  acc::Application out;
  auto ctx = Ctx(principal);
  grpc::Status st = stub_->SubmitApplication(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  return out;
}

grpc::Status AccreditationTest::Object(const std::string& app, const std::string& iso2,
                                       const std::string& principal) {
  acc::LodgeObjectionRequest req;
  req.set_parent(app);
  req.set_state("states/" + iso2);
  req.set_grounds("Concerns about the applicant's independence.");
  acc::Objection out;
  auto ctx = Ctx(principal.empty() ? "state:" + iso2 : principal);
  return stub_->LodgeObjection(ctx.get(), req, &out);
}

acc::Application AccreditationTest::GetApp(const std::string& name) {
  acc::GetApplicationRequest req;
  req.set_name(name);
  acc::Application out;
  auto ctx = Ctx("operator:test");
  grpc::Status st = stub_->GetApplication(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

}  // namespace polylateral::accreditation::testing
