// Routing applies the request checks every service shares: a timestamp outside
// google.protobuf.Timestamp's range is INVALID_ARGUMENT INVALID_TIMESTAMP naming the field.
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

TEST_F(RoutingTest, PreviewRouteRefusesAnOutOfRangeAtTime) {
  GlobalMechanism("global-mechanism");
  const std::string acme = Accredited("Acme Security", "global-mechanism");
  rt::PreviewRouteRequest req;
  *req.mutable_input() = Written(acme, "global-mechanism", {"cybersecurity"});
  rt::PreviewRouteResponse out;
  auto ok = Ctx();
  grpc::Status st = routing_->PreviewRoute(ok.get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();

  for (const auto& [seconds, nanos] : std::vector<std::pair<int64_t, int32_t>>{
           {-62135596801, 0}, {253402300800, 0}, {0, -1}, {0, 1000000000}}) {
    req.mutable_at_time()->set_seconds(seconds);
    req.mutable_at_time()->set_nanos(nanos);
    auto ctx = Ctx();
    st = routing_->PreviewRoute(ctx.get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << seconds << " " << nanos;
    EXPECT_EQ(Details(st).reason, "INVALID_TIMESTAMP");
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{"at_time"});
  }
}

}  // namespace
}  // namespace polylateral::routing::testing
