// Routing's audit log over polylateral.audit.v1.AuditService on routing's own server: anyone,
// anonymous included, reads every entry in full, and what it reads verifies against the
// signed head GetAuditHead returns.
#include "common/audit/chain_verifier.h"
#include "common/audit_api/audit_mapping.h"
#include "grpcpp/create_channel.h"
#include "polylateral/audit/v1/audit.grpc.pb.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

namespace av1 = ::polylateral::audit::v1;

constexpr char kGm[] = "global-mechanism";

class RoutingAuditApiTest : public RoutingTest {
 protected:
  AppOptions Options() override {
    AppOptions o = RoutingTest::Options();
    o.audit.signer = signer_;
    return o;
  }
  void SetUp() override {
    RoutingTest::SetUp();
    audit_ = av1::AuditService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", routing_host_->port()), grpc::InsecureChannelCredentials()));
  }

  std::shared_ptr<const audit::HeadSigner> signer_ = std::make_shared<const audit::HeadSigner>(
      *audit::HeadSigner::FromPem(*audit::GenerateEd25519Pem()));
  std::unique_ptr<av1::AuditService::Stub> audit_;
};

TEST_F(RoutingAuditApiTest, AnyoneReadsTheWholeLogAndItVerifies) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input first, second;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &first).ok());
  ASSERT_TRUE(
      SubmitInput(Written(acme, kGm, {"critical-infrastructure-protection"}), &second).ok());
  ASSERT_TRUE(routing_app_->audit_worker().RunOnce(true).ok());

  av1::GetAuditHeadRequest hreq;
  hreq.set_name("auditLogs/rt/head");
  av1::AuditHead head;
  auto ctx = Ctx();
  ASSERT_TRUE(audit_->GetAuditHead(ctx.get(), hreq, &head).ok());
  EXPECT_EQ(head.log(), "{rt}");
  ASSERT_EQ(head.seq(), 2);

  for (const char* caller : {"", "stakeholder:someone-else", "state:FR", "operator:ops"}) {
    std::vector<av1::AuditEntry> all;
    av1::ListAuditEntriesRequest req;
    req.set_parent("auditLogs/rt");
    req.set_page_size(1);
    do {
      av1::ListAuditEntriesResponse resp;
      auto c = Ctx(caller);
      grpc::Status st = audit_->ListAuditEntries(c.get(), req, &resp);
      ASSERT_TRUE(st.ok()) << caller << ": " << st.error_message();
      for (const auto& e : resp.entries()) all.push_back(e);
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty());
    ASSERT_EQ(all.size(), 2u) << caller;
    EXPECT_EQ(all[0].action(), "routing.route");
    EXPECT_EQ(all[0].resource(), first.name());
    EXPECT_EQ(all[0].principal(), "stakeholder:" + acme);
    EXPECT_EQ(all[1].resource(), second.name());
    ASSERT_EQ(all[1].fields_size(), 2);
    EXPECT_EQ(all[1].fields(0).value(), acme);  // author, shown to everyone
    const audit::SignedHead signed_head = audit::FromProto(head);
    ASSERT_TRUE(audit::HeadVerifier::FromPem(signer_->public_pem())->Verify(signed_head).ok());
    audit::ChainVerifier chain(signed_head);
    for (const auto& e : all) chain.Add(audit::FromProto(e), e.hash());
    EXPECT_TRUE(chain.Finish() && !chain.broken()) << caller << ": " << chain.failure().reason;
  }

  // Accreditation's log is not routing's to serve.
  av1::ListAuditEntriesRequest other;
  other.set_parent("auditLogs/acc");
  av1::ListAuditEntriesResponse resp;
  ctx = Ctx();
  grpc::Status st = audit_->ListAuditEntries(ctx.get(), other, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "AUDIT_LOG_NOT_FOUND");
}

}  // namespace
}  // namespace polylateral::routing::testing
