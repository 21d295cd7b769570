// Mutual TLS where the suite is deployed: who may connect, who the caller is, and what an
// identity header or an on-behalf-of header may change.
#include <chrono>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/edge/outgoing_call.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "tests/edge/tls_suite.h"

namespace polylateral::testing {
namespace {

namespace reg = ::polylateral::registry::v1;
namespace acc = ::polylateral::accreditation::v1;

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  return ctx;
}

// A process-creating call: only secretariats and operators pass the registry's policy, so the
// answer says which principal the service saw.
grpc::Status CreateProcess(const std::shared_ptr<grpc::Channel>& channel, const std::string& id,
                           const std::string& header = "", const std::string& on_behalf = "") {
  auto stub = reg::RegistryService::NewStub(channel);
  auto ctx = Ctx();
  if (!header.empty()) ctx->AddMetadata("x-polylateral-principal", header);
  if (!on_behalf.empty()) ctx->AddMetadata("x-polylateral-on-behalf-of", on_behalf);
  reg::CreateProcessRequest req;
  req.set_process_id(id);
  reg::Process* p = req.mutable_process();
  p->set_display_name(absl::StrCat("Process ", id));
  p->set_host_institution("UN General Assembly");
  auto* m = p->mutable_modalities();
  m->set_disclosure_policy(reg::ParticipationModalities::PUBLIC);
  auto* r = m->add_routes();
  r->set_route_id("non-objection");
  r->set_kind(reg::AccreditationRoute::NON_OBJECTION);
  r->add_granted_rights(type::v1::ATTEND_PLENARY);
  r->mutable_objection_rule()->set_kind(reg::ObjectionRule::ANY_SINGLE_OBJECTION);
  r->mutable_notice_period()->set_seconds(14 * 24 * 3600);
  reg::Process out;
  return stub->CreateProcess(ctx.get(), req, &out);
}

grpc::Status ListStates(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = reg::RegistryService::NewStub(channel);
  auto ctx = Ctx();
  reg::ListStatesRequest req;
  req.set_page_size(1);
  reg::ListStatesResponse out;
  return stub->ListStates(ctx.get(), req, &out);
}

class MtlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { suite_ = new TlsSuite(); }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static TlsSuite* suite_;
};
TlsSuite* MtlsTest::suite_ = nullptr;

TEST_F(MtlsTest, HandshakeNeedsAClientCertificateFromTheTrustedCa) {
  const std::string target =
      absl::StrCat("localhost:", suite_->Host("registry").port());  // the cert's DNS name
  const std::string ca = ReadFile(suite_->pki().ca());
  grpc::SslCredentialsOptions with_cert{ca, ReadFile(suite_->pki().key("state:FR")),
                                        ReadFile(suite_->pki().cert("state:FR"))};
  EXPECT_TRUE(ListStates(grpc::CreateChannel(target, grpc::SslCredentials(with_cert))).ok());

  grpc::SslCredentialsOptions no_cert{ca, "", ""};
  grpc::Status st = ListStates(grpc::CreateChannel(target, grpc::SslCredentials(no_cert)));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();

  TestPki foreign("foreign CA", {"state:FR"});
  grpc::SslCredentialsOptions foreign_cert{ca, ReadFile(foreign.key("state:FR")),
                                           ReadFile(foreign.cert("state:FR"))};
  st = ListStates(grpc::CreateChannel(target, grpc::SslCredentials(foreign_cert)));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();

  st = ListStates(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
}

TEST_F(MtlsTest, ThePrincipalIsTheCertificatesSpiffeId) {
  grpc::Status st = CreateProcess(suite_->Channel("registry", "state:FR"), "by-a-state");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(st), "ACCESS_DENIED");
  EXPECT_TRUE(absl::StrContains(st.error_message(), "state:FR")) << st.error_message();

  st = CreateProcess(suite_->Channel("registry", "secretariat:oewg-ict"), "oewg-ict");
  EXPECT_TRUE(st.ok()) << st.error_message();
}

TEST_F(MtlsTest, TheIdentityHeaderIsIgnoredUnderTls) {
  grpc::Status st =
      CreateProcess(suite_->Channel("registry", "state:FR"), "header-claims", "operator:ops");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(absl::StrContains(st.error_message(), "state:FR")) << st.error_message();
}

TEST_F(MtlsTest, AnotherTrustDomainIsAnonymous) {
  // Signed by the same CA, but naming spiffe://elsewhere/operator/ops.
  suite_->pki().Issue({"operator:elsewhere"}, false, "elsewhere");
  grpc::Status st = CreateProcess(suite_->Channel("registry", "operator:elsewhere"), "foreign");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(absl::StrContains(st.error_message(), "anonymous")) << st.error_message();
}

TEST_F(MtlsTest, OnBehalfOfIsHonouredFromATrustedForwarderOnly) {
  grpc::Status st = CreateProcess(suite_->Channel("registry", "service:gateway"), "via-gateway", "",
                                  "operator:ops");
  EXPECT_TRUE(st.ok()) << st.error_message();

  // The gateway itself may not create processes: the named user is who is authorised.
  st = CreateProcess(suite_->Channel("registry", "service:gateway"), "gateway-itself");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  st = CreateProcess(suite_->Channel("registry", "service:gateway"), "gateway-for-state", "",
                     "state:FR");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(absl::StrContains(st.error_message(), "state:FR")) << st.error_message();

  // From anyone else the header changes nothing.
  st = CreateProcess(suite_->Channel("registry", "state:FR"), "state-claims", "", "operator:ops");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(absl::StrContains(st.error_message(), "state:FR")) << st.error_message();
  st = CreateProcess(suite_->Channel("registry", "service:routing"), "routing-claims", "",
                     "operator:ops");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(MtlsTest, ClientsCheckTheServersSpiffeId) {
  edge::OutgoingOptions out;
  out.self = "routing";
  out.tls = suite_->Tls("routing");
  // The registry's certificate names service/registry, not service/accreditation.
  EXPECT_TRUE(ListStates(edge::Dial(out, suite_->Address("registry"), "registry")).ok());
  grpc::Status st = ListStates(edge::Dial(out, suite_->Address("registry"), "accreditation"));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
}

TEST_F(MtlsTest, HealthIsPlaintextOnItsOwnPortAndServesNothingElse) {
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", suite_->Host("registry").health_port()),
                          grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  for (const char* service : {"", "liveness", "polylateral.registry.v1.RegistryService"}) {
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(service);
    grpc::health::v1::HealthCheckResponse resp;
    auto ctx = Ctx();
    grpc::Status st = health->Check(ctx.get(), req, &resp);
    ASSERT_TRUE(st.ok()) << service << ": " << st.error_message();
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
  grpc::Status st = ListStates(channel);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNIMPLEMENTED) << st.error_message();
}

// Services call each other over mTLS as themselves: accreditation asks the registry about the
// process and the applicant. Answers the registry gives (a process it has, a stakeholder it
// does not have) come back as the caller's client errors, never as a dependency failure.
TEST_F(MtlsTest, ServiceToServiceCallsUseTheServicesOwnCertificates) {
  ASSERT_TRUE(CreateProcess(suite_->Channel("registry", "operator:ops"), "s2s").ok());
  auto stub = acc::AccreditationService::NewStub(suite_->Channel("accreditation", "operator:ops"));
  auto apply = [&](const std::string& process) {
    acc::CreateApplicationRequest req;
    req.set_parent(absl::StrCat("processes/", process));
    req.mutable_application()->set_stakeholder("stakeholders/nobody-here");
    req.mutable_application()->set_route_id("non-objection");
    acc::Application out;
    auto ctx = Ctx();
    return stub->CreateApplication(ctx.get(), req, &out);
  };
  grpc::Status st = apply("s2s");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  EXPECT_EQ(Reason(st), "STAKEHOLDER_NOT_FOUND") << st.error_message();
  st = apply("no-such-process");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  EXPECT_EQ(Reason(st), "PROCESS_NOT_FOUND") << st.error_message();
}

}  // namespace
}  // namespace polylateral::testing
