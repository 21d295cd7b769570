// Server streams through the gateway as SSE and NDJSON. The upstream is a gRPC server on
// loopback over mutual TLS implementing routing's StreamInbox with fixed deliveries (the
// streaming path of the gateway is generic: what matters is one real server stream, the
// framing, the in-stream error and the caller's identity reaching the upstream).

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/edge/identity.h"
#include "common/edge/tls.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "polylateral/routing/v1/routing_service.grpc.pb.h"
#include "services/gateway/gateway_server.h"
#include "tests/edge/test_pki.h"
#include "tests/gateway/jwt_keys.h"

namespace polylateral::gateway {
namespace {

using nlohmann::json;
namespace rt = polylateral::routing::v1;

// Three deliveries for any destination but "states/ZZ/inbox" (NOT_FOUND after one delivery);
// each names, in route.reason, the caller the gateway said it acts for.
class FixedInbox final : public rt::RoutingService::Service {
  grpc::Status StreamInbox(grpc::ServerContext* context, const rt::StreamInboxRequest* request,
                           grpc::ServerWriter<rt::Delivery>* writer) override {
    std::string on_behalf;
    auto it = context->client_metadata().find(std::string(edge::kOnBehalfOfHeader));
    if (it != context->client_metadata().end())
      on_behalf.assign(it->second.data(), it->second.size());
    for (int i = 1; i <= 3; ++i) {
      rt::Delivery d;
      d.set_delivery_id(absl::StrCat("d-", i));
      d.set_destination(request->destination());
      d.set_delivery_count(i);
      d.mutable_route()->set_reason(on_behalf);
      if (!writer->Write(d)) return grpc::Status::CANCELLED;
      if (request->destination() == "states/ZZ/inbox") {
        return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such inbox");
      }
    }
    return grpc::Status::OK;
  }
};

class GatewayStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pki_ = std::make_unique<polylateral::testing::TestPki>(
        "gateway stream CA", std::vector<std::string>{"service:routing", "service:gateway"});
    key_ = std::make_unique<testing::JwtKey>(pki_->dir(), "es", "ES256");
    edge::TlsOptions server_tls;
    server_tls.cert = pki_->cert("service:routing");
    server_tls.key = pki_->key("service:routing");
    server_tls.client_ca = pki_->ca();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", edge::ServerCredentials(server_tls), &port);
    builder.RegisterService(&inbox_);
    upstream_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);

    GatewayOptions o;
    o.http_listen = "127.0.0.1:0";
    o.upstreams = {{"routing", absl::StrCat("127.0.0.1:", port)}};
    o.tls.cert = pki_->cert("service:gateway");
    o.tls.key = pki_->key("service:gateway");
    o.tls.ca = pki_->ca();
    o.jwt.public_key_files = {key_->public_pem_file()};
    o.threads = 4;
    auto gateway = GatewayServer::Create(std::move(o));
    ASSERT_TRUE(gateway.ok()) << gateway.status();
    gateway_ = *std::move(gateway);
    ASSERT_TRUE(gateway_->Start().ok());
    http_ = std::make_unique<httplib::Client>("127.0.0.1", gateway_->port());
    http_->set_read_timeout(10, 0);
  }
  void TearDown() override {
    gateway_->Stop();
    upstream_->Shutdown();
  }

  httplib::Result Stream(const std::string& path, bool sse) {
    httplib::Headers headers = {
        {"Authorization", absl::StrCat("Bearer ", key_->Sign("secretariat:oewg-ict"))}};
    if (sse) headers.emplace("Accept", "text/event-stream");
    return http_->Get(path, headers);
  }

  FixedInbox inbox_;
  std::unique_ptr<polylateral::testing::TestPki> pki_;
  std::unique_ptr<testing::JwtKey> key_;
  std::unique_ptr<grpc::Server> upstream_;
  std::unique_ptr<GatewayServer> gateway_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(GatewayStreamTest, NdjsonOneMessageALineAsTheCallersDelegate) {
  auto r = Stream("/v1/processes/oewg-ict/plenary:streamInbox?maxBatch=5", false);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/x-ndjson");
  std::vector<std::string> lines = absl::StrSplit(r->body, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u) << r->body;
  for (int i = 0; i < 3; ++i) {
    json d = json::parse(lines[i]);
    EXPECT_EQ(d["deliveryId"], absl::StrCat("d-", i + 1));
    EXPECT_EQ(d["destination"], "processes/oewg-ict/plenary");
    EXPECT_EQ(d["deliveryCount"], std::to_string(i + 1));
    EXPECT_EQ(d["route"]["reason"], "secretariat:oewg-ict");
  }
}

TEST_F(GatewayStreamTest, ServerSentEventsWhenAsked) {
  auto r = Stream("/v1/clearing-house:streamInbox", true);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/event-stream");
  std::vector<std::string> events = absl::StrSplit(r->body, "\n\n", absl::SkipEmpty());
  ASSERT_EQ(events.size(), 3u) << r->body;
  ASSERT_EQ(events[0].rfind("data: ", 0), 0u);
  EXPECT_EQ(json::parse(events[0].substr(6))["destination"], "clearing-house");
}

TEST_F(GatewayStreamTest, AnErrorAfterTheStartArrivesInTheStream) {
  auto nd = Stream("/v1/states/ZZ/inbox:streamInbox", false);
  ASSERT_TRUE(nd);
  std::vector<std::string> lines = absl::StrSplit(nd->body, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << nd->body;
  json error = json::parse(lines[1]);
  EXPECT_EQ(error["error"]["code"], 404);
  EXPECT_EQ(error["error"]["status"], "NOT_FOUND");

  auto sse = Stream("/v1/states/ZZ/inbox:streamInbox", true);
  ASSERT_TRUE(sse);
  EXPECT_NE(sse->body.find("event: error\ndata: {\"error\""), std::string::npos) << sse->body;
}

TEST_F(GatewayStreamTest, UpstreamsThatDoNotAnswerAre503WithoutTheirAddresses) {
  const httplib::Headers auth = {
      {"Authorization", absl::StrCat("Bearer ", key_->Sign("secretariat:oewg-ict"))}};
  auto unconfigured = http_->Get("/v1/stakeholders/acme", auth);
  ASSERT_TRUE(unconfigured);
  EXPECT_EQ(unconfigured->status, 503);
  EXPECT_NE(unconfigured->body.find("NO_UPSTREAM"), std::string::npos);

  upstream_->Shutdown();
  auto down = http_->Get("/v1/inputs/i-1", auth);
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503) << down->body;
  EXPECT_NE(down->body.find("UPSTREAM_UNAVAILABLE"), std::string::npos) << down->body;
  EXPECT_EQ(down->body.find("127.0.0.1"), std::string::npos) << down->body;
}

}  // namespace
}  // namespace polylateral::gateway
