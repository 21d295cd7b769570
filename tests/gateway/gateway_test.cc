// The gateway in front of a real registry over mutual TLS (certificates from scripts/dev-ca,
// a real redis-server): HTTP verbs on stakeholders with bearer tokens, the principal that
// reaches the service, AIP-193 errors, unknown paths, and the OpenAPI document.

#include <httplib.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/base/clock.h"
#include "common/server/service_host.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/gateway/gateway_server.h"
#include "services/gateway/openapi_embedded.h"
#include "services/registry/api/registry_app.h"
#include "tests/edge/test_pki.h"
#include "tests/gateway/jwt_keys.h"

namespace polylateral::gateway {
namespace {

using nlohmann::json;
using testing::JwtKey;

constexpr char kAcmeBody[] =
    R"({"kind": "ORGANISATION", "displayName": "Acme Rights", "stakeholderGroup":
        "CIVIL_SOCIETY", "country": "FR", "themes": ["themes/incident-response"],
        "languages": ["en"], "website": "https://acme.example"})";

class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_ = new polylateral::testing::RedisServer();
    redis_->Start();
    pki_ = new polylateral::testing::TestPki(
        "gateway test CA", {"service:registry", "service:gateway", "stakeholder:acme"});
    rsa_ = new JwtKey(pki_->dir(), "rsa", "RS256");
    ec_ = new JwtKey(pki_->dir(), "ec", "ES256");
    stranger_ = new JwtKey(pki_->dir(), "stranger", "RS256");

    server::HostOptions o;
    o.listen = "127.0.0.1:0";
    o.redis.address = redis_->address();
    o.workers = 4;
    o.shutdown_grace = absl::Seconds(1);
    o.tls.cert = pki_->cert("service:registry");
    o.tls.key = pki_->key("service:registry");
    o.tls.client_ca = pki_->ca();
    o.tls.ca = pki_->ca();
    registry::ConfigureRegistryHost(o);
    host_ = server::ServiceHost::Create(o)->release();
    app_ = new registry::RegistryApp(host_, SystemClock::Get());
    ASSERT_TRUE(host_->Start({app_->service()}).ok());
  }

  static void TearDownTestSuite() {
    host_->Shutdown();
    delete app_;
    delete host_;
    delete rsa_;
    delete ec_;
    delete stranger_;
    delete pki_;
    delete redis_;
  }

  // A gateway in front of the registry over mTLS as service:gateway; `jwks` instead of PEM
  // keys when given.
  std::unique_ptr<GatewayServer> StartGateway(const std::string& jwks = "") {
    GatewayOptions o;
    o.http_listen = "127.0.0.1:0";
    o.upstreams = {{"registry", absl::StrCat("127.0.0.1:", host_->port())}};
    o.tls.cert = pki_->cert("service:gateway");
    o.tls.key = pki_->key("service:gateway");
    o.tls.ca = pki_->ca();
    if (jwks.empty()) {
      o.jwt.public_key_files = {rsa_->public_pem_file()};
    } else {
      o.jwt.jwks_file = testing::WriteFile(pki_->dir() + "/jwks.json", jwks);
    }
    o.threads = 4;
    o.openapi_json = kOpenapiJson;
    auto gateway = GatewayServer::Create(std::move(o));
    EXPECT_TRUE(gateway.ok()) << gateway.status();
    EXPECT_TRUE((*gateway)->Start().ok());
    return *std::move(gateway);
  }

  void SetUp() override {
    gateway_ = StartGateway();
    http_ = std::make_unique<httplib::Client>("127.0.0.1", gateway_->port());
    http_->set_read_timeout(10, 0);
  }
  void TearDown() override { gateway_->Stop(); }

  httplib::Headers As(const std::string& token) {
    return {{"Authorization", absl::StrCat("Bearer ", token)}};
  }
  static json Body(const httplib::Result& r) { return json::parse(r->body, nullptr, false); }
  // The AIP-193 error's ErrorInfo reason.
  static std::string Reason(const httplib::Result& r) {
    const json body = Body(r);
    if (!body.is_object() || !body.contains("error")) return "";
    const json details = body["error"].value("details", json::array());
    for (const json& d : details) {
      if (d.value("@type", "") == "type.googleapis.com/google.rpc.ErrorInfo") {
        return d.value("reason", "");
      }
    }
    return "";
  }
  static std::vector<std::string> Fields(const httplib::Result& r) {
    std::vector<std::string> out;
    const json body = Body(r);
    if (!body.is_object() || !body.contains("error")) return out;
    const json details = body["error"].value("details", json::array());
    for (const json& d : details) {
      if (d.value("@type", "") != "type.googleapis.com/google.rpc.BadRequest") continue;
      for (const json& v : d["fieldViolations"]) out.push_back(v.value("field", ""));
    }
    return out;
  }

  static polylateral::testing::RedisServer* redis_;
  static polylateral::testing::TestPki* pki_;
  static JwtKey *rsa_, *ec_, *stranger_;
  static server::ServiceHost* host_;
  static registry::RegistryApp* app_;
  std::unique_ptr<GatewayServer> gateway_;
  std::unique_ptr<httplib::Client> http_;
};

polylateral::testing::RedisServer* GatewayTest::redis_ = nullptr;
polylateral::testing::TestPki* GatewayTest::pki_ = nullptr;
JwtKey* GatewayTest::rsa_ = nullptr;
JwtKey* GatewayTest::ec_ = nullptr;
JwtKey* GatewayTest::stranger_ = nullptr;
server::ServiceHost* GatewayTest::host_ = nullptr;
registry::RegistryApp* GatewayTest::app_ = nullptr;

TEST_F(GatewayTest, StakeholderLifecycleOverHttpAsTheTokensUser) {
  const std::string acme = rsa_->Sign("stakeholder:acme");
  auto created = http_->Post("/v1/stakeholders?stakeholderId=acme", As(acme),
                             R"({"kind": "ORGANISATION", "displayName": "Acme Rights",
                                 "stakeholderGroup": "CIVIL_SOCIETY", "country": "FR",
                                 "themes": ["themes/incident-response"], "languages": ["en"],
                                 "website": "https://acme.example"})",
                             "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  EXPECT_EQ(Body(created)["name"], "stakeholders/acme");

  auto got = http_->Get("/v1/stakeholders/acme");
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(Body(got)["displayName"], "Acme Rights");
  EXPECT_EQ(got->get_header_value("Content-Type"), "application/json");

  auto listed = http_->Get("/v1/stakeholders?country=FR&pageSize=10");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200) << listed->body;
  EXPECT_EQ(Body(listed)["stakeholders"].size(), 1u);

  // Another stakeholder's token: the registry sees that stakeholder, not service:gateway.
  auto foreign = http_->Patch("/v1/stakeholders/acme?updateMask=displayName",
                              As(rsa_->Sign("stakeholder:someone-else")),
                              R"({"displayName": "Taken over"})", "application/json");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403) << foreign->body;
  EXPECT_EQ(Body(foreign)["error"]["status"], "PERMISSION_DENIED");
  EXPECT_EQ(Reason(foreign), "NOT_STAKEHOLDER_OWNER");

  auto patched = http_->Patch("/v1/stakeholders/acme?updateMask=displayName", As(acme),
                              R"({"displayName": "Acme Digital Rights"})", "application/json");
  ASSERT_TRUE(patched);
  ASSERT_EQ(patched->status, 200) << patched->body;
  EXPECT_EQ(Body(patched)["displayName"], "Acme Digital Rights");

  auto deleted = http_->Delete("/v1/stakeholders/acme", As(acme));
  ASSERT_TRUE(deleted);
  ASSERT_EQ(deleted->status, 200) << deleted->body;
  EXPECT_EQ(deleted->body, "{}");

  auto gone = http_->Get("/v1/stakeholders/acme");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
  EXPECT_EQ(Body(gone)["error"]["code"], 404);
  EXPECT_EQ(Body(gone)["error"]["status"], "NOT_FOUND");
}

TEST_F(GatewayTest, AnonymousCallersAreAnonymousUpstreamNotTheGateway) {
  auto created = http_->Post("/v1/stakeholders?stakeholderId=anon", kAcmeBody, "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 403) << created->body;
  EXPECT_EQ(Reason(created), "ACCESS_DENIED") << created->body;
}

TEST_F(GatewayTest, RefusedTokensAre401WithAip193Json) {
  for (const std::string& token :
       {stranger_->Sign("stakeholder:acme"), rsa_->Sign("stakeholder:acme", -absl::Minutes(10)),
        testing::SignHs256WithPublicPem(rsa_->public_pem_file(), "stakeholder:acme"),
        rsa_->Sign("service:registry"), std::string("not.a.jwt")}) {
    auto r = http_->Get("/v1/stakeholders/acme", As(token));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << token;
    EXPECT_EQ(Body(r)["error"]["code"], 401);
    EXPECT_EQ(Body(r)["error"]["status"], "UNAUTHENTICATED");
    EXPECT_EQ(Reason(r), "INVALID_CREDENTIALS");
    EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer");
  }
}

TEST_F(GatewayTest, BadFieldsAre400WithFieldViolations) {
  const std::string token = rsa_->Sign("stakeholder:badweb");
  auto upstream = http_->Post(
      "/v1/stakeholders?stakeholderId=badweb", As(token),
      R"({"kind": "ORGANISATION", "displayName": "Bad Web", "stakeholderGroup": "CIVIL_SOCIETY",
          "country": "FR", "themes": ["themes/incident-response"], "website": "ftp://x"})",
      "application/json");
  ASSERT_TRUE(upstream);
  EXPECT_EQ(upstream->status, 400) << upstream->body;
  EXPECT_EQ(Body(upstream)["error"]["status"], "INVALID_ARGUMENT");
  EXPECT_EQ(Fields(upstream), std::vector<std::string>{"stakeholder.website"});

  auto query = http_->Get("/v1/stakeholders?pageSize=lots");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->status, 400);
  EXPECT_EQ(Reason(query), "INVALID_REQUEST");
  EXPECT_EQ(Fields(query), std::vector<std::string>{"pageSize"});

  auto body =
      http_->Post("/v1/stakeholders", As(token), R"({"colour": "red"})", "application/json");
  ASSERT_TRUE(body);
  EXPECT_EQ(body->status, 400);
  EXPECT_EQ(Fields(body), std::vector<std::string>{"body"});
}

TEST_F(GatewayTest, UnknownPathsAre404AndWrongVerbs405) {
  auto r = http_->Get("/v1/spaceships/enterprise");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(Reason(r), "UNKNOWN_PATH");
  auto put = http_->Put("/v1/stakeholders/acme", "{}", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_EQ(Body(put)["error"]["code"], 405);
  EXPECT_EQ(Reason(put), "METHOD_NOT_ALLOWED");
}

TEST_F(GatewayTest, JwksWithEs256KeysByKid) {
  gateway_->Stop();
  const std::string jwks =
      absl::StrCat(R"({"keys": [)", rsa_->Jwk("r1"), ",", ec_->Jwk("e1"), "]}");
  gateway_ = StartGateway(jwks);
  http_ = std::make_unique<httplib::Client>("127.0.0.1", gateway_->port());
  auto created = http_->Post("/v1/stakeholders?stakeholderId=ecorg",
                             As(ec_->Sign("stakeholder:ecorg", absl::Minutes(5), "e1")),
                             R"({"kind": "ORGANISATION", "displayName": "EC Org",
                                 "stakeholderGroup": "CIVIL_SOCIETY", "country": "DE",
                                 "themes": ["themes/incident-response"]})",
                             "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 200) << created->body;
  auto rsa = http_->Get("/v1/stakeholders/ecorg",
                        As(rsa_->Sign("stakeholder:ecorg", absl::Minutes(5), "r1")));
  ASSERT_TRUE(rsa);
  EXPECT_EQ(rsa->status, 200) << rsa->body;
  // The right key under the wrong kid does not verify.
  auto wrong_kid = http_->Get("/v1/stakeholders/ecorg",
                              As(ec_->Sign("stakeholder:ecorg", absl::Minutes(5), "r1")));
  ASSERT_TRUE(wrong_kid);
  EXPECT_EQ(wrong_kid->status, 401);
}

TEST_F(GatewayTest, ServesItsOpenApiDocumentAndHealth) {
  auto r = http_->Get("/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  json doc = Body(r);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_TRUE(doc["paths"].contains("/v1/stakeholders/{stakeholderId}"));
  EXPECT_TRUE(
      doc["paths"]["/v1/processes/{processId}/applications/{applicationId}:submit"].contains(
          "post"));
  auto health = http_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

}  // namespace
}  // namespace polylateral::gateway
