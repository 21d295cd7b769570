// Every method of every service against every principal kind, over mutual TLS: the
// certificate's principal reaches the access policy for unary and streaming methods alike,
// and a call is refused (PERMISSION_DENIED, ACCESS_DENIED) exactly when the policy says so.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/edge/access_policy.h"
#include "google/protobuf/descriptor.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "tests/edge/tls_suite.h"

namespace polylateral::testing {
namespace {

struct ServiceUnderTest {
  std::string name;
  std::string grpc_service;
  void (*configure)(server::HostOptions&);
};

const ServiceUnderTest kServices[] = {
    {"registry", "polylateral.registry.v1.RegistryService", registry::ConfigureRegistryHost},
    {"accreditation", "polylateral.accreditation.v1.AccreditationService",
     accreditation::ConfigureAccreditationHost},
    {"composition", "polylateral.composition.v1.CompositionService",
     composition::ConfigureCompositionHost},
    {"routing", "polylateral.routing.v1.RoutingService", routing::ConfigureRoutingHost},
};

// One of each kind; "operator:elsewhere" is signed by the same CA for another trust domain,
// so the services see it as anonymous.
const char* const kCallers[] = {"operator:ops",     "secretariat:oewg-ict", "state:FR",
                                "stakeholder:acme", "service:gateway",      "operator:elsewhere"};

// Calls `method` with an empty request (every field unset): enough to pass or fail
// admission, never enough to change anything.
// A server stream admitted with an empty request may run until its deadline (WatchEvents
// follows the feed from now): `streaming` methods get a short one, which admission beats.
grpc::Status CallEmpty(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                       bool streaming) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() +
                   (streaming ? std::chrono::milliseconds(500) : std::chrono::seconds(5)));
  grpc::ByteBuffer request;  // an empty message encodes as no bytes
  grpc::Slice empty;
  request = grpc::ByteBuffer(&empty, 1);
  grpc::ByteBuffer response;
  grpc::CompletionQueue cq;
  auto call = stub.PrepareUnaryCall(&ctx, method, request, &cq);
  call->StartCall();
  grpc::Status status;
  call->Finish(&response, &status, reinterpret_cast<void*>(1));
  void* tag = nullptr;
  bool ok = false;
  cq.Next(&tag, &ok);
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  return status;
}

TEST(PolicyMatrixTest, EveryMethodAgainstEveryPrincipalKind) {
  TlsSuite suite;
  suite.pki().Issue({"operator:elsewhere"}, false, "elsewhere");
  int calls = 0, refused = 0;
  for (const ServiceUnderTest& svc : kServices) {
    server::HostOptions options;
    svc.configure(options);
    auto policy = server::AccessPolicy::Parse(options.access_policy_json);
    ASSERT_TRUE(policy.ok()) << policy.status();
    // Every gRPC service the host serves: the service's own and the shared ones beside it
    // (the audit log's read API).
    ASSERT_EQ(options.grpc_services.front(), svc.grpc_service);
    for (const std::string& grpc_service : options.grpc_services) {
      const auto* descriptor =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(grpc_service);
      ASSERT_NE(descriptor, nullptr) << grpc_service;
      for (const char* caller : kCallers) {
        auto channel = suite.Channel(svc.name, caller);
        const Principal seen = std::string(caller) == "operator:elsewhere"
                                   ? Principal::Anonymous()
                                   : *ParsePrincipal(caller);
        for (int i = 0; i < descriptor->method_count(); ++i) {
          const std::string method =
              absl::StrCat("/", grpc_service, "/", descriptor->method(i)->name());
          const bool allowed = policy->Check(method, seen).ok();
          grpc::Status st = CallEmpty(channel, method, descriptor->method(i)->server_streaming());
          const bool was_refused = st.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
                                   Reason(st) == "ACCESS_DENIED";
          EXPECT_EQ(was_refused, !allowed) << method << " as " << caller << ": " << st.error_code()
                                           << " " << Reason(st) << " " << st.error_message();
          // Never a transport failure, nor a method the server does not serve.
          EXPECT_NE(st.error_code(), grpc::StatusCode::UNAVAILABLE) << method << " as " << caller;
          EXPECT_NE(st.error_code(), grpc::StatusCode::UNIMPLEMENTED) << method << " as " << caller;
          ++calls;
          refused += was_refused ? 1 : 0;
        }
      }
    }
  }
  // The matrix is not vacuous: both outcomes occur, many times.
  EXPECT_GT(calls, 200);
  EXPECT_GT(refused, 50);
  EXPECT_LT(refused, calls - 50);
}

// The matrix above holds the servers to their policies; this pins what the registry's policy
// says for the methods that act on references, which are not public reads.
TEST(PolicyMatrixTest, RegistryReferenceMethodsFollowTheirDocumentedCallers) {
  server::HostOptions options;
  registry::ConfigureRegistryHost(options);
  auto policy = server::AccessPolicy::Parse(options.access_policy_json);
  ASSERT_TRUE(policy.ok()) << policy.status();
  struct Expectation {
    const char* method;
    std::vector<std::string> allowed;
  };
  const Expectation expectations[] = {
      {"ListReferrers", {"operator:ops", "secretariat:oewg-ict", "stakeholder:acme"}},
      {"RemoveReference", {"operator:ops", "stakeholder:acme"}},
      {"DeleteStakeholder", {"operator:ops", "stakeholder:acme"}},
  };
  for (const Expectation& e : expectations) {
    const std::string method = absl::StrCat("/polylateral.registry.v1.RegistryService/", e.method);
    ASSERT_NE(google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
                  absl::StrCat("polylateral.registry.v1.RegistryService.", e.method)),
              nullptr)
        << method;
    for (const char* caller : kCallers) {
      const Principal p = std::string(caller) == "operator:elsewhere" ? Principal::Anonymous()
                                                                      : *ParsePrincipal(caller);
      const bool expected =
          std::find(e.allowed.begin(), e.allowed.end(), caller) != e.allowed.end();
      EXPECT_EQ(policy->Check(method, p).ok(), expected) << method << " as " << caller;
    }
    EXPECT_FALSE(policy->Check(method, Principal::Anonymous()).ok()) << method;
  }
}

// The audit log's read API is open to every caller, anonymous included, on routing and
// composition, and every head on every service that serves one: what each caller sees is the
// service's disclosure rule, not the policy's. Accreditation lists its entries to people
// (secretariats, states, stakeholders, operators): its disclosure rule decides per objection
// who is shown the objecting state, so it must know who asks; anonymous callers and services
// get its heads only. The registry serves
// none (operators export its log).
TEST(PolicyMatrixTest, AuditReadsArePublicWhereverALogIsServed) {
  for (const ServiceUnderTest& svc : kServices) {
    server::HostOptions options;
    svc.configure(options);
    auto policy = server::AccessPolicy::Parse(options.access_policy_json);
    ASSERT_TRUE(policy.ok()) << policy.status();
    const bool keeps_log = svc.name != "registry";
    EXPECT_EQ(std::count(options.grpc_services.begin(), options.grpc_services.end(),
                         "polylateral.audit.v1.AuditService"),
              keeps_log ? 1 : 0)
        << svc.name;
    for (const char* method : {"/polylateral.audit.v1.AuditService/ListAuditEntries",
                               "/polylateral.audit.v1.AuditService/GetAuditHead"}) {
      for (const char* caller : kCallers) {
        const Principal p = std::string(caller) == "operator:elsewhere" ? Principal::Anonymous()
                                                                        : *ParsePrincipal(caller);
        const bool people_only = svc.name == "accreditation" &&
                                 std::string(method).find("ListAuditEntries") != std::string::npos;
        const bool person =
            p.kind != Principal::Kind::kAnonymous && p.kind != Principal::Kind::kService;
        const bool allowed = keeps_log && (!people_only || person);
        EXPECT_EQ(policy->Check(method, p).ok(), allowed) << svc.name << method << caller;
      }
    }
  }
}

}  // namespace
}  // namespace polylateral::testing
