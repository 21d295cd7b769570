// How a service starts: plaintext is refused beyond loopback unless --insecure (and then
// nobody has an identity); certificates replaced on disk are used without a restart.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/base/clock.h"
#include "common/base/errors.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/registry/api/registry_app.h"
#include "tests/edge/tls_suite.h"

namespace polylateral::testing {
namespace {

namespace reg = ::polylateral::registry::v1;

// Writes `content` to `path` by rename, as cert-manager's atomic writer and dev-ca do.
void Replace(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << content;
  }
  ASSERT_EQ(std::rename(tmp.c_str(), path.c_str()), 0);
}

// ListStates on a fresh connection; `peer_pem` receives the server's certificate.
grpc::Status ListStates(const std::string& target,
                        const std::shared_ptr<grpc::ChannelCredentials>& creds,
                        std::string* peer_pem = nullptr, const std::string& header = "") {
  grpc::ChannelArguments args;
  args.SetInt("grpc.use_local_subchannel_pool", 1);
  auto stub = reg::RegistryService::NewStub(grpc::CreateCustomChannel(target, creds, args));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  if (!header.empty()) ctx.AddMetadata("x-polylateral-principal", header);
  reg::ListStatesRequest req;
  req.set_page_size(1);
  reg::ListStatesResponse out;
  grpc::Status st = stub->ListStates(&ctx, req, &out);
  if (peer_pem != nullptr && ctx.auth_context() != nullptr) {
    for (const auto& v : ctx.auth_context()->FindPropertyValues(GRPC_X509_PEM_CERT_PROPERTY_NAME)) {
      *peer_pem = std::string(v.data(), v.size());
    }
  }
  return st;
}

// Polls `done` every 100 ms for at most `limit`.
bool Eventually(const std::function<bool()>& done, absl::Duration limit = absl::Seconds(15)) {
  const absl::Time until = absl::Now() + limit;
  while (absl::Now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

class TlsStartupTest : public ::testing::Test {
 protected:
  void SetUp() override { redis_.Start(); }
  server::HostOptions Options() {
    server::HostOptions o;
    o.redis.address = redis_.address();
    o.workers = 2;
    o.shutdown_grace = absl::Seconds(1);
    registry::ConfigureRegistryHost(o);
    return o;
  }
  RedisServer redis_;
};

TEST_F(TlsStartupTest, PlaintextBeyondLoopbackNeedsInsecure) {
  server::HostOptions o = Options();
  o.listen = "0.0.0.0:0";
  auto refused = server::ServiceHost::Create(o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(ErrorReason(refused.status()), "TLS_REQUIRED");
  EXPECT_TRUE(absl::StrContains(refused.status().message(), "--insecure"));

  o.insecure = true;
  auto host = server::ServiceHost::Create(o);
  ASSERT_TRUE(host.ok()) << host.status();
  registry::RegistryApp app(host->get(), SystemClock::Get());
  ASSERT_TRUE((*host)->Start({app.service()}).ok());
  // Reads work; the identity header counts for nothing, so writes are refused.
  const std::string target = absl::StrCat("127.0.0.1:", (*host)->port());
  auto creds = grpc::InsecureChannelCredentials();
  EXPECT_TRUE(ListStates(target, creds).ok());
  auto stub = reg::RegistryService::NewStub(grpc::CreateChannel(target, creds));
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-polylateral-principal", "operator:ops");
  reg::CreateProcessRequest req;
  req.set_process_id("anything");
  reg::Process out;
  grpc::Status st = stub->CreateProcess(&ctx, req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(absl::StrContains(st.error_message(), "anonymous")) << st.error_message();
  (*host)->Shutdown();
}

TEST_F(TlsStartupTest, TlsFilesMustBeComplete) {
  server::HostOptions o = Options();
  o.listen = "0.0.0.0:0";
  o.tls.cert = "/nonexistent/cert.pem";
  auto refused = server::ServiceHost::Create(o);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const auto& v : ErrorViolations(refused.status())) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"tls_cert", "tls_key", "tls_client_ca"}));
}

TEST_F(TlsStartupTest, CertificatesReplacedOnDiskAreUsedWithoutARestart) {
  TestPki ours("our CA", {"service:registry", "state:FR"});
  TestPki theirs("their CA", {"state:FR"});
  // The files the service watches, as a mounted Secret would hold them.
  TestPki serving("unused", {});
  const std::string cert = serving.dir() + "/tls.crt", key = serving.dir() + "/tls.key",
                    client_ca = serving.dir() + "/ca.crt";
  Replace(cert, ReadFile(ours.cert("service:registry")));
  Replace(key, ReadFile(ours.key("service:registry")));
  Replace(client_ca, ReadFile(ours.ca()));

  server::HostOptions o = Options();
  o.listen = "127.0.0.1:0";
  o.tls.cert = cert;
  o.tls.key = key;
  o.tls.client_ca = client_ca;
  o.tls.refresh = absl::Seconds(1);
  auto host = server::ServiceHost::Create(o);
  ASSERT_TRUE(host.ok()) << host.status();
  registry::RegistryApp app(host->get(), SystemClock::Get());
  ASSERT_TRUE((*host)->Start({app.service()}).ok());
  const std::string target = absl::StrCat("127.0.0.1:", (*host)->port());

  std::string first_pem;
  ASSERT_TRUE(ListStates(target, ours.Client("state:FR", "registry"), &first_pem).ok());
  EXPECT_EQ(first_pem, ReadFile(ours.cert("service:registry")));
  // A client whose CA the service does not trust is refused...
  EXPECT_FALSE(ListStates(target, theirs.Client("state:FR", "registry", ours.ca())).ok());

  // ...until its CA joins the client CA bundle on disk.
  Replace(client_ca, ReadFile(ours.ca()) + ReadFile(theirs.ca()));
  EXPECT_TRUE(Eventually(
      [&] { return ListStates(target, theirs.Client("state:FR", "registry", ours.ca())).ok(); }));

  // A renewed server certificate is what new connections see.
  ours.Issue({"service:registry"}, /*reissue=*/true);
  const std::string renewed = ReadFile(ours.cert("service:registry"));
  ASSERT_NE(renewed, first_pem);
  Replace(key, ReadFile(ours.key("service:registry")));
  Replace(cert, renewed);
  EXPECT_TRUE(Eventually([&] {
    std::string pem;
    return ListStates(target, ours.Client("state:FR", "registry"), &pem).ok() && pem == renewed;
  }));
  (*host)->Shutdown();
}

}  // namespace
}  // namespace polylateral::testing
