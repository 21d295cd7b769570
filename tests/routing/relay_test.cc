// A state's relays and consultations against the real services: only UN member or observer
// states hold them (INVALID_ARGUMENT UNKNOWN_STATE, nothing written), a relay is removed by
// its own state (routes decided afterwards no longer use it) and a state holds at most
// --max_relays_per_state relays (RESOURCE_EXHAUSTED TOO_MANY_RELAYS, nothing written),
// relays stored before the per-state index existed included.
#include "gmock/gmock.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

using ::testing::ElementsAre;

constexpr char kGm[] = "global-mechanism";

std::vector<std::string> Destinations(const rt::Input& in) {
  std::vector<std::string> out;
  for (const auto& r : in.routes()) out.push_back(r.destination());
  return out;
}

class RelayTest : public RoutingTest {
 protected:
  AppOptions Options() override {
    AppOptions o = RoutingTest::Options();
    o.state_facts.max_relays_per_state = 2;
    return o;
  }

  grpc::Status Declare(const std::string& iso2, const std::string& principal,
                       rt::RelayDeclaration* out) {
    rt::DeclareRelayRequest req;
    req.mutable_relay()->set_state("states/" + iso2);
    req.mutable_relay()->set_process("processes/global-mechanism");
    req.mutable_relay()->add_themes("themes/cybersecurity");
    auto ctx = Ctx(principal);
    return routing_->DeclareRelay(ctx.get(), req, out);
  }

  grpc::Status Delete(const std::string& name, const std::string& principal) {
    rt::DeleteRelayRequest req;
    req.set_name(name);
    google::protobuf::Empty out;
    auto ctx = Ctx(principal);
    return routing_->DeleteRelay(ctx.get(), req, &out);
  }

  // An integer reply (EXISTS, SCARD) as routing's Redis user gets it.
  int64_t Redis(const std::vector<absl::string_view>& command) {
    auto r = routing_host_->redis().Command(command);
    EXPECT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(r.ok() && r->is_integer()) << command[0];
    return r.ok() ? r->integer() : -1;
  }
  // Entries of a hash.
  int64_t Entries(absl::string_view hash) {
    auto r = routing_host_->redis().Command({"HVALS", hash});
    EXPECT_TRUE(r.ok() && r->is_array()) << hash;
    return r.ok() ? static_cast<int64_t>(r->size()) : -1;
  }

  // A Chilean company without accreditation: only the vertical track can take its input.
  std::string Chilean() {
    GlobalMechanism(kGm);
    return Stakeholder("Acme Security", reg::Stakeholder::NO_STATUS, "CL",
                       type::v1::PRIVATE_SECTOR);
  }
};

void ExpectRefused(const grpc::Status& st, grpc::StatusCode code, const std::string& reason) {
  EXPECT_EQ(st.error_code(), code) << st.error_message();
  EXPECT_EQ(Details(st).reason, reason) << st.error_message();
}

TEST_F(RelayTest, OnlyExistingStatesRelayOrConsult) {
  rt::RelayDeclaration r;
  for (const char* principal : {"operator:ops", "state:ZZ"}) {
    grpc::Status st = Declare("ZZ", principal, &r);
    ExpectRefused(st, grpc::StatusCode::INVALID_ARGUMENT, "UNKNOWN_STATE");
    EXPECT_THAT(Details(st).fields, ElementsAre("relay.state"));
  }
  // Another state's name is refused before the code is looked at.
  ExpectRefused(Declare("ZZ", "state:CA", &r), grpc::StatusCode::PERMISSION_DENIED,
                "NOT_OWN_STATE");

  rt::CreateConsultationRequest creq;
  creq.set_consultation_id("zz-cyber");
  creq.mutable_consultation()->set_state("states/ZZ");
  creq.mutable_consultation()->set_process("processes/global-mechanism");
  creq.mutable_consultation()->set_title("A consultation of no state");
  rt::Consultation c;
  auto ctx = Ctx("state:ZZ");
  grpc::Status st = routing_->CreateConsultation(ctx.get(), creq, &c);
  ExpectRefused(st, grpc::StatusCode::INVALID_ARGUMENT, "UNKNOWN_STATE");
  EXPECT_THAT(Details(st).fields, ElementsAre("consultation.state"));

  EXPECT_EQ(Entries("{rt}:relays"), 0);
  EXPECT_EQ(Redis({"EXISTS", "{rt}:cons:ZZ"}), 0);
  EXPECT_EQ(Entries("{rt}:cons-state"), 0);

  creq.mutable_consultation()->set_state("states/CL");
  ctx = Ctx("state:CL");
  st = routing_->CreateConsultation(ctx.get(), creq, &c);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(Declare("CA", "state:CA", &r).ok());
}

TEST_F(RelayTest, ADeletedRelayNoLongerRoutes) {
  const std::string acme = Chilean();
  rt::RelayDeclaration relay;
  ASSERT_TRUE(Declare("CA", "state:CA", &relay).ok());
  rt::Input in;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &in).ok());
  EXPECT_THAT(Destinations(in), ElementsAre("states/CA/inbox"));

  ExpectRefused(Delete(relay.name(), "state:FR"), grpc::StatusCode::PERMISSION_DENIED,
                "NOT_OWN_STATE");
  ExpectRefused(Delete(relay.name(), "stakeholder:" + acme), grpc::StatusCode::PERMISSION_DENIED,
                "ACCESS_DENIED");
  EXPECT_EQ(Entries("{rt}:relays"), 1);  // refused: still there

  grpc::Status st = Delete(relay.name(), "state:CA");
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(Entries("{rt}:relays"), 0);
  EXPECT_EQ(Redis({"SCARD", "{rt}:relays-of:CA"}), 0);

  rt::Input after;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &after).ok());
  EXPECT_THAT(Destinations(after), ElementsAre("clearing-house"));

  ExpectRefused(Delete(relay.name(), "state:CA"), grpc::StatusCode::NOT_FOUND, "RELAY_NOT_FOUND");
  ExpectRefused(Delete("relays/never-declared", "operator:ops"), grpc::StatusCode::NOT_FOUND,
                "RELAY_NOT_FOUND");
  st = Delete("consultations/x", "operator:ops");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ElementsAre("name"));
}

TEST_F(RelayTest, AStateHoldsAtMostTheConfiguredNumberOfRelays) {
  rt::RelayDeclaration first, second, third;
  ASSERT_TRUE(Declare("CA", "state:CA", &first).ok());
  ASSERT_TRUE(Declare("CA", "operator:ops", &second).ok());
  ExpectRefused(Declare("CA", "state:CA", &third), grpc::StatusCode::RESOURCE_EXHAUSTED,
                "TOO_MANY_RELAYS");
  EXPECT_EQ(Entries("{rt}:relays"), 2);  // the refused one wrote nothing

  // Another state has its own allowance; a deletion makes room again.
  EXPECT_TRUE(Declare("FR", "state:FR", &third).ok());
  ASSERT_TRUE(Delete(first.name(), "state:CA").ok());
  EXPECT_TRUE(Declare("CA", "state:CA", &third).ok());
  ExpectRefused(Declare("CA", "state:CA", &third), grpc::StatusCode::RESOURCE_EXHAUSTED,
                "TOO_MANY_RELAYS");
}

TEST_F(RelayTest, RelaysStoredBeforeThePerStateIndexCount) {
  // As an earlier release stored them: in the relays hash only.
  RedisRoutingStore& store = routing_app_->store();
  ASSERT_TRUE(store.PutRelay("r-old-1", R"({"name":"relays/r-old-1","state":"states/CA"})").ok());
  ASSERT_TRUE(store.PutRelay("r-old-2", R"({"name":"relays/r-old-2","state":"states/CA"})").ok());
  rt::RelayDeclaration r;
  ExpectRefused(Declare("CA", "state:CA", &r), grpc::StatusCode::RESOURCE_EXHAUSTED,
                "TOO_MANY_RELAYS");
  EXPECT_EQ(Redis({"SCARD", "{rt}:relays-of:CA"}), 2);
  ASSERT_TRUE(Delete("relays/r-old-1", "state:CA").ok());
  EXPECT_TRUE(Declare("CA", "state:CA", &r).ok());
}

}  // namespace
}  // namespace polylateral::routing::testing
