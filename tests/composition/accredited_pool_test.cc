// SolveRequest.accredited_only against a real registry, a real accreditation service and a
// real composition service on loopback (one real redis-server): the pool is restricted to the
// candidates the accreditation service allows before the solver sees it.
#include <set>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "polylateral/composition/v1/composition_service.grpc.pb.h"
#include "services/composition/api/composition_app.h"
#include "services/composition/solver/lottery_draw.h"
#include "tests/accreditation/harness.h"

namespace polylateral::composition {
namespace {

namespace cv1 = ::polylateral::composition::v1;
namespace reg = ::polylateral::registry::v1;
namespace acc = ::polylateral::accreditation::v1;
using accreditation::testing::Details;

constexpr char kProcess[] = "gm-ict";
// At least 128 bits, as every draw seed must be.
constexpr char kDrawSeed[] = "gm-ict expert panel, drawn 2031-05-04";

class AccreditedPoolTest : public accreditation::testing::AccreditationTest {
 protected:
  struct Service {
    std::unique_ptr<server::ServiceHost> host;
    std::unique_ptr<CompositionApp> app;
    std::unique_ptr<cv1::CompositionService::Stub> stub;
  };

  void SetUp() override {
    AccreditationTest::SetUp();
    Process(kProcess, reg::ParticipationModalities::PUBLIC);
    with_ = Start(absl::StrCat("127.0.0.1:", replica_->host->port()));
    without_ = Start("");
  }

  void TearDown() override {
    for (Service* s : {&with_, &without_}) {
      s->stub.reset();
      if (s->host != nullptr) s->host->Shutdown();
      s->app.reset();
      s->host.reset();
    }
    AccreditationTest::TearDown();
  }

  Service Start(const std::string& accreditation) {
    server::HostOptions o;
    o.listen = "127.0.0.1:0";
    o.redis = redis_->Options("composition");
    o.workers = 4;
    o.health_interval = absl::Milliseconds(50);
    o.shutdown_grace = absl::Seconds(1);
    ConfigureCompositionHost(o);
    Service s;
    s.host = *server::ServiceHost::Create(o);
    CompositionOptions options;
    options.registry_address = registry_address_;
    options.accreditation_address = accreditation;
    s.app = std::make_unique<CompositionApp>(s.host.get(), &clock_, options);
    EXPECT_TRUE(s.host->Start(s.app->services()).ok());
    s.stub = cv1::CompositionService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", s.host->port()), grpc::InsecureChannelCredentials()));
    return s;
  }

  std::string Accredited(const std::string& name) {
    const std::string id = Stakeholder(name, reg::Stakeholder::GENERAL);
    acc::Application a = Apply(kProcess, id, "ecosoc-general");
    EXPECT_EQ(Submit(a.name(), "stakeholder:" + id).state(), acc::Application::APPROVED);
    return "stakeholders/" + id;
  }

  // Four accredited stakeholders, two registry stakeholders without accreditation and two
  // experts who are not registry stakeholders; one feature, every value open.
  cv1::SolveRequest Problem(int seats, cv1::SolveMode mode) {
    cv1::SolveRequest req;
    req.set_mode(mode);
    auto add = [&](const std::string& id, const char* group) {
      cv1::Candidate* c = req.mutable_pool()->add_candidates();
      c->set_id(id);
      cv1::CandidateValues* v = c->add_values();
      v->set_feature("group");
      v->add_values(group);
    };
    for (int i = 0; i < 4; ++i) add(Accredited(absl::StrCat("Accredited ", i)), "civil");
    for (int i = 0; i < 2; ++i) {
      const std::string id =
          Stakeholder(absl::StrCat("Unaccredited ", i), reg::Stakeholder::NO_STATUS);
      not_accredited_.insert("stakeholders/" + id);
      add("stakeholders/" + id, "civil");
    }
    add("expert-1", "academia");
    add("expert-2", "academia");
    cv1::BodySpec* spec = req.mutable_spec();
    spec->set_min_seats(seats);
    spec->set_max_seats(seats);
    cv1::Feature* f = spec->add_features();
    f->set_name("group");
    f->add_values()->set_value("civil");
    f->add_values()->set_value("academia");
    req.mutable_accredited_only()->set_process(absl::StrCat("processes/", kProcess));
    return req;
  }

  static std::unique_ptr<grpc::ClientContext> Deadline() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return ctx;
  }

  Service with_, without_;
  std::set<std::string> not_accredited_;
};

TEST_F(AccreditedPoolTest, LeavesOutTheCandidatesNotAccredited) {
  // Six seats: only the six candidates left after the restriction, each certain to sit.
  const cv1::SolveRequest req = Problem(6, cv1::LEXIMIN);
  cv1::SolveResponse resp;
  auto ctx = Deadline();
  grpc::Status st = with_.stub->Solve(ctx.get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  std::set<std::string> dropped;
  for (const cv1::DroppedCandidate& d : resp.dropped_candidates()) {
    dropped.insert(d.candidate_id());
    EXPECT_EQ(d.reason(), "NOT_ACCREDITED") << d.candidate_id();
  }
  EXPECT_EQ(dropped, not_accredited_);
  ASSERT_EQ(resp.leximin().probabilities_size(), 6);
  for (const cv1::CandidateProbability& p : resp.leximin().probabilities()) {
    EXPECT_EQ(not_accredited_.count(p.candidate_id()), 0u) << p.candidate_id();
    EXPECT_NEAR(p.probability(), 1.0, 1e-9) << p.candidate_id();
  }

  // QUICK over the same restriction; without it, eight candidates compete for six seats.
  cv1::SolveRequest quick = req;
  quick.set_mode(cv1::QUICK);
  cv1::SolveResponse q;
  ctx = Deadline();
  ASSERT_TRUE(with_.stub->Solve(ctx.get(), quick, &q).ok());
  EXPECT_EQ(q.member_ids_size(), 6);
  for (const std::string& id : q.member_ids()) EXPECT_EQ(not_accredited_.count(id), 0u) << id;
  quick.clear_accredited_only();
  ctx = Deadline();
  cv1::SolveResponse all;
  ASSERT_TRUE(with_.stub->Solve(ctx.get(), quick, &all).ok());
  EXPECT_EQ(all.dropped_candidates_size(), 0);
}

TEST_F(AccreditedPoolTest, StreamSolveAndDrawPanelRestrictToo) {
  const cv1::SolveRequest req = Problem(6, cv1::LEXIMIN);
  auto ctx = Deadline();
  auto reader = with_.stub->StreamSolve(ctx.get(), req);
  cv1::StreamSolveResponse msg, last;
  while (reader->Read(&msg)) last = msg;
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(last.result().dropped_candidates_size(), 2);
  ASSERT_EQ(not_accredited_.size(), 2u);
  EXPECT_EQ(last.result().leximin().probabilities_size(), 6);

  cv1::DrawPanelRequest draw;
  *draw.mutable_problem() = req;
  draw.set_seed(kDrawSeed);
  draw.set_seed_sha256(SeedCommitment(kDrawSeed));
  cv1::DrawPanelResponse drawn;
  ctx = Deadline();
  grpc::Status st = with_.stub->DrawPanel(ctx.get(), draw, &drawn);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  ASSERT_EQ(drawn.member_ids_size(), 6);
  for (const std::string& id : drawn.member_ids()) EXPECT_EQ(not_accredited_.count(id), 0u) << id;
}

TEST_F(AccreditedPoolTest, ABodyDrawnAmongAccreditedNomineesOnlyRecordsWhoWasLeftOut) {
  const cv1::SolveRequest problem = Problem(6, cv1::LEXIMIN);
  cv1::CreateBodyRequest create;
  create.set_parent(absl::StrCat("processes/", kProcess));
  create.set_body_id("panel");
  cv1::Body* body = create.mutable_body();
  body->set_display_name("Expert panel");
  body->set_seed_sha256(SeedCommitment(kDrawSeed));
  body->set_accredited_only(true);
  *body->mutable_spec() = problem.spec();
  body->mutable_spec()->mutable_features(0)->set_name("stakeholder_group");
  body->mutable_spec()->mutable_features(0)->mutable_values(0)->set_value("CIVIL_SOCIETY");
  body->mutable_spec()->mutable_features(0)->mutable_values(1)->set_value("ACADEMIA");
  cv1::Body out;
  auto ctx = Deadline();
  ctx->AddMetadata("x-polylateral-principal", "operator:ops");
  grpc::Status st = with_.stub->CreateBody(ctx.get(), create, &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  // An operator enters each group's nominations on its behalf.
  for (int i = 0; i < problem.pool().candidates_size(); ++i) {
    const cv1::Candidate& c = problem.pool().candidates(i);
    cv1::CreateNominationRequest nominate;
    nominate.set_parent(out.name());
    nominate.set_nomination_id(absl::StrCat("n-", i));
    nominate.mutable_nomination()->mutable_candidate()->set_id(c.id());
    nominate.mutable_nomination()->set_stakeholder_group(
        c.values(0).values(0) == "civil" ? type::v1::CIVIL_SOCIETY : type::v1::ACADEMIA);
    cv1::Nomination n;
    ctx = Deadline();
    ctx->AddMetadata("x-polylateral-principal", "operator:ops");
    st = with_.stub->CreateNomination(ctx.get(), nominate, &n);
    ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  }
  cv1::DrawBodyRequest draw;
  draw.set_name(out.name());
  draw.set_seed(kDrawSeed);
  ctx = Deadline();
  ctx->AddMetadata("x-polylateral-principal", "operator:ops");
  st = with_.stub->DrawBody(ctx.get(), draw, &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  std::set<std::string> dropped;
  for (const cv1::DroppedCandidate& d : out.draw().dropped_candidates()) {
    dropped.insert(d.candidate_id());
  }
  EXPECT_EQ(dropped, not_accredited_);
  // Six seats for the six nominees left: every one of them sits.
  ASSERT_EQ(out.draw().member_ids_size(), 6);
  for (const std::string& id : out.draw().member_ids()) {
    EXPECT_EQ(not_accredited_.count(id), 0u) << id;
  }
}

TEST_F(AccreditedPoolTest, Errors) {
  cv1::SolveRequest req = Problem(6, cv1::QUICK);
  cv1::SolveResponse resp;
  // No --accreditation address.
  auto ctx = Deadline();
  grpc::Status st = without_.stub->Solve(ctx.get(), req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "ACCREDITATION_NOT_CONFIGURED");
  // Not a process name.
  req.mutable_accredited_only()->set_process(kProcess);
  ctx = Deadline();
  st = with_.stub->Solve(ctx.get(), req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"accredited_only.process"});
  // The accreditation service down.
  req.mutable_accredited_only()->set_process(absl::StrCat("processes/", kProcess));
  replica_->host->Shutdown();
  replica_.reset();
  ctx = Deadline();
  st = with_.stub->Solve(ctx.get(), req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  EXPECT_EQ(Details(st).reason, "ACCREDITATION_UNAVAILABLE");
}

}  // namespace
}  // namespace polylateral::composition
