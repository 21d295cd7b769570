// The route table from the real service descriptors: every annotated method is reachable, and
// lookups pick the right method.
#include "services/gateway/route_table.h"

#include <set>

#include "gtest/gtest.h"
#include "services/gateway/api_services.h"

namespace polylateral::gateway {
namespace {

const RouteTable& Table() {
  static const RouteTable* table = [] {
    auto t = RouteTable::FromServices(PublicServices());
    EXPECT_TRUE(t.ok()) << t.status();
    return new RouteTable(*std::move(t));
  }();
  return *table;
}

std::string MethodOf(absl::string_view verb, absl::string_view path) {
  auto m = Table().Find(verb, path);
  return m ? m->route->method->name() : "";
}

TEST(RouteTableTest, EveryMethodOfEveryServiceHasABinding) {
  std::set<std::string> bound;
  for (const Route& r : Table().routes()) bound.insert(r.method->full_name());
  for (const auto* service : PublicServices()) {
    ASSERT_NE(service, nullptr);
    for (int i = 0; i < service->method_count(); ++i) {
      EXPECT_EQ(bound.count(service->method(i)->full_name()), 1u)
          << service->method(i)->full_name();
    }
  }
}

TEST(RouteTableTest, ResourceOrientedLookups) {
  EXPECT_EQ(MethodOf("GET", "/v1/stakeholders/acme"), "GetStakeholder");
  EXPECT_EQ(MethodOf("GET", "/v1/stakeholders"), "ListStakeholders");
  EXPECT_EQ(MethodOf("POST", "/v1/stakeholders"), "CreateStakeholder");
  EXPECT_EQ(MethodOf("PATCH", "/v1/stakeholders/acme"), "UpdateStakeholder");
  EXPECT_EQ(MethodOf("DELETE", "/v1/stakeholders/acme"), "DeleteStakeholder");
  EXPECT_EQ(MethodOf("POST", "/v1/processes/p/applications/a:submit"), "SubmitApplication");
  EXPECT_EQ(MethodOf("POST", "/v1/processes/p/bodies/b:draw"), "DrawBody");
  EXPECT_EQ(MethodOf("GET", "/v1/processes/p/opennessReport"), "GetOpennessReport");
  EXPECT_EQ(MethodOf("GET", "/v1/processes/p/auditLog/head"), "GetAuditHead");
  EXPECT_EQ(MethodOf("GET", "/v1/processes/p/plenary:streamInbox"), "StreamInbox");
  EXPECT_EQ(MethodOf("GET", "/v1/nothing/here"), "");
  EXPECT_TRUE(Table().PathMatchesOtherMethod("PUT", "/v1/stakeholders/acme"));
}

TEST(RouteTableTest, AuditCallsGoToTheServiceWhoseLogIsNamed) {
  auto acc = Table().Find("GET", "/v1/auditLogs/acc/head");
  ASSERT_TRUE(acc);
  EXPECT_EQ(UpstreamFor(*acc->route->method, acc->bindings), "accreditation");
  auto comp = Table().Find("GET", "/v1/processes/igf/auditLog/entries");
  ASSERT_TRUE(comp);
  EXPECT_EQ(UpstreamFor(*comp->route->method, comp->bindings), "composition");
  auto reg = Table().Find("GET", "/v1/stakeholders/x");
  EXPECT_EQ(UpstreamFor(*reg->route->method, reg->bindings), "registry");
}

}  // namespace
}  // namespace polylateral::gateway
